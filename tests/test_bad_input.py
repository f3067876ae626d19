import base64
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import resident_id
from .common_donation import UnionDonationCommon
from .common_relief import UnionReliefAccountingCommon

FILE = "union.hardship.file"
MEMBER = "union.hardship.member"
GRANT = "union.relief.grant"
DONATION = "union.donation"
CAMPAIGN = "union.donation.campaign"
CONTRACT = "union.collective.contract"
PROGRAMME = "union.relief.programme"
LINE = "union.subsistence.line"


@tagged("post_install", "-at_install")
class TestBadInput(UnionDonationCommon, UnionReliefAccountingCommon):
    """Invalid inputs sent through the ORM as the role that enters them: each one
    gets a UserError or ValidationError (never another exception) that says what
    to correct, and nothing is written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        cls.employee_new = Employee.create({
            "name": "赵新人", "union_organization_id": cls.org_branch_a.id,
        })
        employee_draft = Employee.create({
            "name": "钱草稿", "union_organization_id": cls.org_branch_a.id,
        })
        cls.draft_file = cls._create_file(employee_draft, serial=31)
        cls.contract = cls.env[CONTRACT].create({
            "name": "变电分会集体合同",
            "organization_id": cls.org_branch_a.id,
            "workers_covered": 120,
        })
        cls.branch_campaign = cls._create_campaign(
            name="变电分会爱心捐款", organization_id=cls.org_branch_a.id
        )

    # ------------------------------------------------------------------
    # The table
    # ------------------------------------------------------------------

    def _rows(self):
        """(what, user, model, record to write or None to create, values, message)."""
        officer, manager = self.officer_a, self.manager

        def new_file(**vals):
            return self._file_vals(self.employee_new, serial=41, **vals)

        def new_grant(**vals):
            return {"programme_id": self.living.id, "file_id": self.file_a.id, **vals}

        def new_donation(**vals):
            return self._donation_vals(campaign=self.branch_campaign, **vals)

        def new_campaign(**vals):
            return {
                "name": "爱心捐款",
                "organization_id": self.org_branch_a.id,
                "journal_id": self.bank_journal.id,
                "income_account_id": self.income_account.id,
                **vals,
            }

        draft_file, contract = self.draft_file, self.contract
        return [
            # hardship files
            ("resident ID born in 2069", officer, FILE, None,
             new_file(identification_number=resident_id(birth="20690101", serial=41)),
             "birth date 2069-01-01"),
            ("resident ID as a number", officer, FILE, None,
             new_file(identification_number=110101198001010010), "not a valid resident ID"),
            ("resident ID as a list", officer, FILE, None,
             new_file(identification_number=["110101198001010010"]), "not a valid resident ID"),
            ("income of 1e15", officer, FILE, draft_file, {"annual_income": 1e15},
             "Annual Household Income of .* amounts are below 10,000,000,000 yuan"),
            ("medical costs of 1e300", officer, FILE, draft_file, {"medical_costs": 1e300},
             "Medical Costs of .* amounts are below"),
            ("assessment year 0", officer, FILE, draft_file, {"assessment_year": 0},
             "Assessment Year must be a year from 1950"),
            ("assessment year 1800", officer, FILE, draft_file, {"assessment_year": 1800},
             "Assessment Year must be a year from 1950"),
            ("assessment year 99999", officer, FILE, draft_file, {"assessment_year": 99999},
             "Assessment Year must be a year from 1950"),
            ("assessment year 99999999999 on create", officer, FILE, None,
             new_file(assessment_year=99999999999), "Assessment Year of 99999999999 is far out of range"),
            ("empty region", officer, FILE, draft_file, {"region": ""}, "Enter the Region"),
            ("region of 100,000 characters", officer, FILE, draft_file, {"region": "x" * 100_000},
             "Region has 100000 characters; shorten it to at most 100"),
            ("household of 100", officer, FILE, draft_file, {"household_size": 100},
             "Household Size must be a whole number from 1 to 99"),
            ("household of 10^10", officer, FILE, draft_file, {"household_size": 10**10},
             "Household Size must be a whole number from 1 to 99"),
            ("household of 10^10 on create", officer, FILE, None, new_file(household_size=10**10),
             "Household Size of 10000000000 is far out of range"),
            ("months worked 10^10", officer, FILE, draft_file,
             {"migrant_worker": True, "months_worked": 10**10}, "from 0 to 1200"),
            # household members
            ("member with an empty name", officer, MEMBER, None,
             {"file_id": draft_file.id, "name": "", "relation": "child"}, "Enter the .*Name"),
            ("member born in 1800", officer, MEMBER, None,
             {"file_id": draft_file.id, "name": "钱老", "relation": "parent",
              "birth_date": date(1800, 1, 1)}, "before 1900-01-01"),
            # relief grants
            ("grant override of 1e15", officer, GRANT, None,
             new_grant(override_amount=1e15, override_reason="特殊困难"),
             "Amount Set by Hand of .* amounts are below"),
            ("grant dated 2999", officer, GRANT, None, new_grant(date=date(2999, 1, 1)),
             "2999-01-01 is too far ahead"),
            ("negative cost", officer, GRANT, None, new_grant(cost_amount=-5.0),
             "Out-of-pocket Cost cannot be negative"),
            ("cost of 1e300", officer, GRANT, None, new_grant(cost_amount=1e300),
             "Out-of-pocket Cost of .* amounts are below"),
            # donations and campaigns
            ("donation of 1e15", officer, DONATION, None, new_donation(amount=1e15),
             "more than a union handles"),
            ("donation of 1e16", officer, DONATION, None, new_donation(amount=1e16),
             "more than a union handles"),
            ("donation dated 1900", officer, DONATION, None, new_donation(date=date(1900, 1, 1)),
             "cannot be dated before 1950-01-01"),
            ("unknown donor type", officer, DONATION, None, new_donation(donor_type="stranger"),
             '"stranger" is not a donor type'),
            ("campaign with an empty name", officer, CAMPAIGN, None, new_campaign(name=""),
             "Enter the Name"),
            ("campaign target of 1e17", officer, CAMPAIGN, None, new_campaign(target_amount=1e17),
             "Target Amount of .* amounts are below"),
            # collective contracts
            ("negative congress votes", officer, CONTRACT, contract,
             {"congress_total": -5}, "cannot be negative"),
            ("more present than representatives", officer, CONTRACT, contract,
             {"congress_total": 50, "congress_present": 60, "congress_in_favour": 30},
             "60 representatives present is more than the 50"),
            ("more in favour than present", officer, CONTRACT, contract,
             {"congress_total": 50, "congress_present": 40, "congress_in_favour": 45},
             "45 votes in favour is more than the 40"),
            ("congress of 10^10", officer, CONTRACT, contract,
             {"congress_total": 10**10}, "from 0 to 100000"),
            ("workers covered 10^12", officer, CONTRACT, contract,
             {"workers_covered": 10**12}, "from 0 to 10000000"),
            ("contract signed in 2999", officer, CONTRACT, contract,
             {"date_signed": date(2999, 1, 1)}, "2999-01-01 is in the future"),
            # configuration
            ("fiscal year 10^10", manager, PROGRAMME, self.living, {"fiscal_year": 10**10},
             "(?i)fiscal year"),
            ("subsistence line of year 99999999999", manager, LINE, None,
             {"region": "新区", "year": 99999999999, "amount": 700.0}, "far out of range"),
            ("subsistence line for an empty region", manager, LINE, None,
             {"region": " ", "year": self.today.year, "amount": 700.0}, "Enter the Region"),
        ]

    def test_every_bad_input_is_refused_and_nothing_is_written(self):
        for what, user, model, record, vals, message in self._rows():
            with self.subTest(what):
                self._assert_refused(user, model, record, vals, message)

    def _assert_refused(self, user, model, record, vals, message):
        Model = self.env[model].sudo().with_context(active_test=False)
        count = Model.search_count([])
        if record:
            before = record.sudo().read(list(vals))
            with self.assertRaisesRegex(UserError, message):
                record.with_user(user).write(vals)
            record.invalidate_recordset()
            self.assertEqual(record.sudo().read(list(vals)), before)
        else:
            with self.assertRaisesRegex(UserError, message):
                self.env[model].with_user(user).create(vals)
        self.assertEqual(Model.search_count([]), count)

    # ------------------------------------------------------------------
    # Imported collection sheets
    # ------------------------------------------------------------------

    def test_every_bad_line_of_an_imported_sheet_is_refused(self):
        collection = self._create_collection(100.0, self.branch_campaign)
        rows = {
            "amount NaN": ("张三明,NaN,\n", '"NaN" is not an amount'),
            "amount 1e17": ("张三明,1e17,\n", "more than a union handles"),
            "year 99999999999": ("张三明,100,99999999999-01-01\n", "is not a date"),
            "NUL byte": ("张三\x00明,100,\n", "control characters"),
            "dated 1900": ("张三明,100,1900-01-01\n", "cannot be dated before 1950-01-01"),
        }
        for what, (line, message) in rows.items():
            with self.subTest(what):
                data = base64.b64encode(("捐款人,金额,日期\n" + line).encode("utf-8-sig"))
                wizard = self.env["union.donation.import.wizard"].with_user(self.officer_a).create({
                    "collection_id": collection.id, "data_file": data, "filename": "sheet.csv",
                })
                wizard.action_preview()
                self.assertEqual(wizard.error_count, 1)
                self.assertRegex(wizard.line_ids.error, message)
                with self.assertRaisesRegex(UserError, "Nothing was imported(.|\n)*Line 2: .*" + message):
                    wizard.action_import()
                self.assertFalse(collection.donation_ids)
        with self.subTest("a file that is not base64"):
            wizard = self.env["union.donation.import.wizard"].with_user(self.officer_a).create({
                "collection_id": collection.id, "data_file": b"A", "filename": "sheet.csv",
            })
            with self.assertRaisesRegex(UserError, "cannot be read"):
                wizard.action_preview()

    # ------------------------------------------------------------------
    # Records stay readable
    # ------------------------------------------------------------------

    def test_an_impossible_stored_amount_leaves_the_record_readable(self):
        donation = self._create_donations(campaign=self.branch_campaign)
        grant = self._grant(self.file_a)
        # as an older version, or SQL, may have stored them
        self.env.cr.execute("UPDATE union_donation SET amount = 1e16 WHERE id = %s", [donation.id])
        self.env.cr.execute(
            "UPDATE union_relief_grant SET amount = 1e300 WHERE id = %s", [grant.id]
        )
        self.env.invalidate_all()
        self.assertEqual(donation.with_user(self.officer_a).amount_in_words, "")
        self.assertEqual(grant.with_user(self.officer_a).read(["amount_in_words"])[0]["amount_in_words"], "")
