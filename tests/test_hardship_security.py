from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import UnionReliefCommon

SENSITIVE_FIELDS = ["identification_number", "health_status", "annual_income", "member_ids", "per_capita_income"]


@tagged("post_install", "-at_install")
class TestHardshipSecurity(UnionReliefCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.file_a = cls._create_file(cls.employee_a, serial=1)
        cls.file_b = cls._create_file(cls.employee_b, serial=2)
        cls.file_a.message_post(body="入户调查：妻子患尿毒症，每周透析三次。")

    def test_officer_sees_own_organisation_only(self):
        File = self.env["union.hardship.file"].with_user(self.officer_a)
        self.assertEqual(File.search([]), self.file_a)
        self.assertEqual(self.file_a.with_user(self.officer_a).identification_number,
                         self.file_a.identification_number)
        with self.assertRaises(AccessError):
            self.file_b.with_user(self.officer_a).read(["name"])
        with self.assertRaises(AccessError):
            self.file_b.with_user(self.officer_a).write({"phone": "13800000000"})

    def test_relief_centre_sees_its_subtree(self):
        File = self.env["union.hardship.file"].with_user(self.centre_officer)
        self.assertEqual(File.search([]), self.file_a | self.file_b)

    def test_officer_added_to_organisation_gets_access(self):
        File = self.env["union.hardship.file"].with_user(self.officer_b)
        self.assertEqual(File.search([]), self.file_b)
        self.org_branch_a.officer_ids = [(4, self.officer_b.id)]
        self.assertEqual(File.search([]), self.file_a | self.file_b)

    def test_hr_user_cannot_reach_hardship_data(self):
        File = self.env["union.hardship.file"].with_user(self.hr_user)
        with self.assertRaises(AccessError):
            File.search([])
        with self.assertRaises(AccessError):
            self.file_a.with_user(self.hr_user).read(["identification_number"])
        employee = self.employee_a.with_user(self.hr_user)
        # employee form: the field is not in the form nor in fields_get
        self.assertNotIn("union_hardship_file_ids", employee.fields_get())
        arch = employee.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertNotIn("union_hardship_file_count", arch)
        self.assertIn("union_member_number", arch)
        with self.assertRaises(AccessError):
            employee.read(["union_hardship_file_ids"])
        # search through the employee
        with self.assertRaises(AccessError):
            employee.search([("union_hardship_file_ids.identification_number", "!=", False)])
        # export
        with self.assertRaises(AccessError):
            employee.export_data(["union_hardship_file_ids/identification_number"])
        # the chatter of the file
        messages = self.env["mail.message"].with_user(self.hr_user).search(
            [("model", "=", "union.hardship.file"), ("res_id", "=", self.file_a.id)]
        )
        self.assertFalse(messages)
        with self.assertRaises(AccessError):
            self.env["union.hardship.member"].with_user(self.hr_user).search([])

    def test_accountant_and_auditor_see_files_without_sensitive_data(self):
        for user in (self.accountant, self.auditor):
            file = self.file_a.with_user(user)
            self.assertEqual(file.read(["name", "category", "state"])[0]["category"], "deep")
            for field_name in SENSITIVE_FIELDS:
                with self.assertRaises(AccessError, msg="%s reads %s" % (user.login, field_name)):
                    file.read([field_name])
            with self.assertRaises(AccessError):
                file.write({"category": "relative"})
            with self.assertRaises(AccessError):
                self.env["union.hardship.member"].with_user(user).search([])
        # the accountant needs the payment account, the auditor does not
        self.file_a.with_user(self.accountant).read(["bank_account_id"])
        with self.assertRaises(AccessError):
            self.file_a.with_user(self.auditor).read(["bank_account_id"])

    def test_member_has_no_access(self):
        with self.assertRaises(AccessError):
            self.env["union.hardship.file"].with_user(self.member).search([])
        with self.assertRaises(AccessError):
            self.env["union.hardship.visit"].with_user(self.member).search([])

    def test_officer_cannot_configure(self):
        with self.assertRaises(AccessError):
            self.env["union.subsistence.line"].with_user(self.officer_a).create({
                "region": "东江市", "year": 2020, "amount": 700,
            })
        with self.assertRaises(AccessError):
            self.org_branch_a.with_user(self.officer_a).write({"name": "改名"})
        self.env["union.subsistence.line"].with_user(self.manager).create({
            "region": "东江市", "year": 2020, "amount": 700,
        })

    def test_multi_company(self):
        other_company = self.env["res.company"].create({"name": "其他公司"})
        self.manager.write({"company_ids": [(4, other_company.id)]})
        File = self.env["union.hardship.file"].with_user(self.manager)
        self.assertEqual(File.with_context(allowed_company_ids=[other_company.id]).search([]),
                         File.browse())
        self.assertIn(self.file_a, File.search([]))
