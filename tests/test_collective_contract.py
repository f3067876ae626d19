import io
import zipfile
from datetime import date

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, freeze_time, tagged

from .common_contract import CollectiveContractCommon


@tagged("post_install", "-at_install")
class TestCollectiveContract(CollectiveContractCommon):
    # === Workflow and deadlines === #

    def test_flow_from_draft_to_in_force_on_the_16th_day(self):
        contract = self._create_contract()
        self.assertTrue(contract.reference.startswith("CC/"))
        contract.action_start_negotiation()
        self.assertEqual(contract.state, "negotiating")

        contract.write({
            "congress_date": date(2025, 2, 20),
            "congress_total": 150,
            "congress_present": 99,
            "congress_in_favour": 99,
        })
        self.assertFalse(contract.congress_vote_approved)
        self.assertIn("two thirds (100)", contract.congress_vote_message)
        with self.assertRaisesRegex(ValidationError, "two thirds"):
            contract.action_approve_by_congress()
        contract.write({"congress_present": 100, "congress_in_favour": 75})
        with self.assertRaisesRegex(ValidationError, r"more than half of all representatives \(76\)"):
            contract.action_approve_by_congress()
        self.assertEqual(contract.state, "negotiating")
        contract.congress_in_favour = 76
        self.assertTrue(contract.congress_vote_approved)
        contract.action_approve_by_congress()
        self.assertEqual(contract.state, "approved")

        with freeze_time("2025-03-01"):
            contract.action_sign()
        self.assertEqual(contract.date_signed, date(2025, 3, 1))
        self.assertEqual(contract.filing_due_date, date(2025, 3, 11))
        filing_activity = self._activities(contract, "union_relief.mail_activity_type_contract_filing")
        self.assertEqual(filing_activity.date_deadline, date(2025, 3, 11))
        self.assertEqual(filing_activity.user_id, self.officer)

        Contract = self.env["union.collective.contract"]
        with freeze_time("2025-03-11"):
            contract.invalidate_recordset(["filing_overdue"])
            self.assertFalse(contract.filing_overdue)
        with freeze_time("2025-03-12"):
            contract.invalidate_recordset(["filing_overdue"])
            self.assertTrue(contract.filing_overdue)
            self.assertIn(contract, Contract.search([("filing_overdue", "=", True)]))
            self.assertNotIn(contract, Contract.search([("filing_overdue", "=", False)]))

        with self.assertRaisesRegex(UserError, "labour authority"):
            contract.action_file()
        contract.write({
            "labour_authority_id": self.authority.id,
            "date_filed": date(2025, 3, 12),
            "date_received": date(2025, 3, 13),
        })
        contract.action_file()
        self.assertEqual(contract.state, "filed")
        self.assertFalse(self._activities(contract, "union_relief.mail_activity_type_contract_filing"))
        self.assertFalse(contract.filing_overdue)
        self.assertEqual(contract.review_end_date, date(2025, 3, 28))
        self.assertEqual(contract.in_force_date, date(2025, 3, 29))

        with freeze_time("2025-03-28"):
            Contract._cron_process_deadlines()
        self.assertEqual(contract.state, "filed")
        with freeze_time("2025-03-30"):
            Contract._cron_process_deadlines()
        self.assertEqual(contract.state, "in_force")
        # the contract took effect on the 16th day, not on the day the cron ran
        self.assertEqual(contract.date_in_force, date(2025, 3, 29))

        with freeze_time("2025-04-02"):
            contract.action_publish()
        self.assertEqual(contract.date_published, date(2025, 4, 2))

    def test_objection_stops_entry_into_force_and_reopens_negotiation(self):
        contract = self._create_contract(
            state="filed",
            date_signed=date(2025, 3, 1),
            date_filed=date(2025, 3, 5),
            date_received=date(2025, 3, 6),
            labour_authority_id=self.authority.id,
            objection_date=date(2025, 3, 15),
        )
        with freeze_time("2025-04-01"):
            self.env["union.collective.contract"]._cron_process_deadlines()
        self.assertEqual(contract.state, "filed")
        contract.objection_note = "Clause 3 sets working hours above the legal limit."
        contract.action_record_objection()
        self.assertEqual(contract.state, "negotiating")
        self.assertFalse(contract.date_signed or contract.date_filed or contract.date_received)
        self.assertIn("working hours above the legal limit", contract.message_ids[:1].body)

    def test_authority_confirmation_brings_contract_into_force_at_once(self):
        contract = self._create_contract(
            state="filed", date_signed=date(2025, 3, 1), date_filed=date(2025, 3, 2),
            date_received=date(2025, 3, 3), labour_authority_id=self.authority.id,
        )
        with freeze_time("2025-03-10"):
            contract.action_enter_into_force()
        self.assertEqual((contract.state, contract.date_in_force), ("in_force", date(2025, 3, 10)))

    def test_renewal_reminder_from_three_months_before_expiry_then_expiry(self):
        contract = self._create_contract(
            state="in_force", date_start=date(2025, 1, 1), date_end=date(2025, 12, 31),
            date_in_force=date(2025, 1, 1),
        )
        self.assertEqual(contract.renewal_start_date, date(2025, 9, 30))
        Contract = self.env["union.collective.contract"]
        renewal = "union_relief.mail_activity_type_contract_renewal"
        with freeze_time("2025-09-29"):
            Contract._cron_process_deadlines()
        self.assertFalse(self._activities(contract, renewal))
        with freeze_time("2025-09-30"):
            Contract._cron_process_deadlines()
            Contract._cron_process_deadlines()
        activity = self._activities(contract, renewal)
        self.assertEqual(len(activity), 1, "one reminder, however often the cron runs")
        self.assertEqual(activity.date_deadline, date(2025, 12, 31))
        with freeze_time("2025-12-31"):
            Contract._cron_process_deadlines()
        self.assertEqual(contract.state, "in_force")
        with freeze_time("2026-01-01"):
            Contract._cron_process_deadlines()
        self.assertEqual(contract.state, "expired")

    def test_renewal_links_successor_and_marks_predecessor_renewed(self):
        contract = self._create_contract(
            state="in_force", date_in_force=date(2025, 1, 1),
            clause_ids=[Command.create({"name": "Hours", "commitment": "40 hours a week"})],
        )
        contract.representative_ids[0].date_left = date(2025, 6, 1)
        action = contract.action_renew()
        successor = self.env["union.collective.contract"].browse(action["res_id"])
        self.assertEqual(contract.successor_id, successor)
        self.assertEqual(successor.predecessor_id, contract)
        self.assertEqual(successor.state, "draft")
        self.assertEqual((successor.date_start, successor.date_end), (date(2028, 1, 1), date(2030, 12, 31)))
        self.assertEqual(len(successor.representative_ids), 5, "who left is not carried over")
        self.assertEqual(successor.clause_ids.commitment, "40 hours a week")
        with self.assertRaisesRegex(UserError, "already being renewed"):
            contract.action_renew()
        with freeze_time("2027-12-17"):
            successor.write({"state": "filed", "date_received": date(2027, 12, 1)})
            self.env["union.collective.contract"]._cron_process_deadlines()
        self.assertEqual(successor.state, "in_force")
        self.assertEqual(contract.state, "renewed")

    def test_terminate_wizard(self):
        contract = self._create_contract(
            state="in_force", date_signed=date(2025, 1, 1), date_in_force=date(2025, 1, 20)
        )
        action = contract.action_terminate()
        wizard_form = Form(self.env[action["res_model"]].with_context(**action["context"]))
        wizard_form.date_terminated = date(2025, 6, 30)
        wizard_form.termination_reason = "The enterprise was merged."
        wizard_form.save().action_terminate()
        self.assertEqual(contract.state, "terminated")
        self.assertEqual(contract.date_terminated, date(2025, 6, 30))

    # === Wrong input === #

    def test_term_over_three_years_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "at most 3 years.*2027-12-31"):
            self._create_contract(date_end=date(2028, 1, 1))
        with self.assertRaisesRegex(ValidationError, "at least 1 year"):
            self._create_contract(date_end=date(2025, 6, 30))

    def test_onchange_proposes_a_three_year_term(self):
        with Form(self.env["union.collective.contract"]) as contract_form:
            contract_form.name = "Form contract"
            contract_form.organization_id = self.bureau
            contract_form.date_start = date(2025, 7, 1)
            self.assertEqual(contract_form.date_end, date(2028, 6, 30))

    def test_representatives_must_be_equal_with_one_chief(self):
        contract = self._create_contract()
        contract.representative_ids = [
            Command.create({"side": "union", "name": "Extra union representative"})
        ]
        with self.assertRaisesRegex(ValidationError, "union side has 4 and the employer side 3"):
            contract.action_start_negotiation()
        crowded = self._create_contract()
        with self.assertRaisesRegex(ValidationError, "at most 10 representatives; the employer side has 11"):
            crowded.representative_ids = [
                Command.create({"side": "employer", "name": "Employer %s" % n}) for n in range(8)
            ]
        two_chiefs = self._create_contract()
        with self.assertRaisesRegex(ValidationError, "employer side needs exactly one chief"):
            two_chiefs.representative_ids.filtered(lambda r: r.side == "employer")[-1].is_chief = True
        too_few = self._create_contract(representative_ids=self._representative_commands(per_side=2))
        with self.assertRaisesRegex(ValidationError, "at least 3 representatives"):
            too_few.action_start_negotiation()
        self.assertEqual(too_few.state, "draft")

    def test_filing_date_before_signing_is_refused(self):
        contract = self._create_contract(state="signed", date_signed=date(2025, 3, 10))
        with self.assertRaisesRegex(ValidationError, "filing date 2025-03-09 is before the signing date 2025-03-10"):
            contract.date_filed = date(2025, 3, 9)

    def test_performance_check_needs_a_contract_in_force(self):
        contract = self._create_contract(state="signed", date_signed=date(2025, 3, 10))
        with self.assertRaisesRegex(ValidationError, "needs a contract in force; this contract is Signed"):
            self.env["union.contract.performance"].create({"contract_id": contract.id, "year": 2025})

    def test_vote_counts_must_be_consistent(self):
        contract = self._create_contract(state="negotiating", congress_date=date(2025, 2, 1))
        with self.assertRaises(ValidationError) as refused:
            contract.write({"congress_total": 50, "congress_present": 40, "congress_in_favour": 45})
        self.assertIn("more than the 40 representatives present", str(refused.exception))
        self.assertFalse(contract.congress_total)

    # === Representatives and negotiation === #

    def test_vacancy_gets_an_activity_until_filled(self):
        contract = self._create_contract(state="negotiating")
        vacancy = "union_relief.mail_activity_type_contract_vacancy"
        contract.representative_ids.filtered(lambda r: r.side == "union")[1].date_left = date(2025, 6, 20)
        activity = self._activities(contract, vacancy)
        self.assertEqual(activity.date_deadline, date(2025, 7, 5))
        self.assertEqual(contract.union_representative_count, 2)
        contract.representative_ids = [Command.create({"side": "union", "name": "New representative"})]
        self.assertFalse(self._activities(contract, vacancy))
        self.assertEqual(contract.union_representative_count, 3)

    def test_written_reply_due_in_20_days_and_reminded(self):
        contract = self._create_contract(state="negotiating")
        session = self.env["union.negotiation.session"].create({
            "contract_id": contract.id,
            "name": "Request to negotiate",
            "request_date": date(2025, 3, 1),
        })
        self.assertEqual(session.reply_due_date, date(2025, 3, 21))
        self.assertEqual(session.state, "awaiting_reply")
        reply = "union_relief.mail_activity_type_negotiation_reply"
        self.assertEqual(self._activities(session, reply).date_deadline, date(2025, 3, 21))
        Session = self.env["union.negotiation.session"]
        with freeze_time("2025-03-22"):
            session.invalidate_recordset(["reply_overdue"])
            self.assertTrue(session.reply_overdue)
            self.assertIn(session, Session.search([("reply_overdue", "=", True)]))
        with self.assertRaisesRegex(ValidationError, "cannot come before the written request"):
            session.reply_date = date(2025, 2, 28)
        session.reply_date = date(2025, 3, 25)
        session.action_record_reply()
        self.assertFalse(self._activities(session, reply))
        self.assertEqual(session.state, "replied")
        session.minutes = "<p>Both chiefs agreed on a 5% rise.</p>"
        session.action_record_meeting()
        self.assertEqual(session.state, "held")
        session.action_agree()
        self.assertEqual(session.state, "agreed")
        self.assertTrue(session.draft_agreed)

    def test_versions_are_numbered_per_contract(self):
        first, second = self._create_contract(), self._create_contract()
        versions = self.env["union.collective.contract.version"].create([
            {"contract_id": first.id, "name": "Proposal"},
            {"contract_id": first.id, "name": "Draft"},
            {"contract_id": second.id, "name": "Proposal"},
        ])
        self.assertEqual(versions.mapped("version"), [1, 2, 1])
        third = self.env["union.collective.contract.version"].create({"contract_id": first.id, "name": "Final"})
        self.assertEqual(third.version, 3)

    # === Performance, KPIs, report and ledger === #

    def test_performance_check_counts_partly_as_not_honoured(self):
        contract = self._create_in_force_contract(self.bureau, 2025, clauses=3)
        check_form = Form(self.env["union.contract.performance"])
        check_form.contract_id = contract
        self.assertEqual(len(check_form.line_ids), 3, "the contract's clauses are loaded")
        with check_form.line_ids.edit(0) as line:
            line.result = "honoured"
        with check_form.line_ids.edit(1) as line:
            line.result = "partly"
        check = check_form.save()
        with self.assertRaisesRegex(UserError, "still open: Clause 2"):
            check.action_done()
        check.line_ids[2].result = "not_honoured"
        check.action_done()
        self.assertEqual(
            (check.checked_count, check.honoured_count, check.partly_count, check.not_honoured_count),
            (3, 1, 1, 1),
        )
        self.assertAlmostEqual(check.performance_rate, 33.33)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "union_relief.union_contract_performance_report", check.ids
        )[0].decode()
        self.assertIn("Collective Contract Performance Report", html)
        self.assertIn("Commitment 2", html)

    def test_kpis_are_ratios_of_sums_over_the_subtree(self):
        bureau_contract = self._create_in_force_contract(self.bureau, 2024, clauses=1, workers_covered=800)
        wage_contract = self._create_in_force_contract(
            self.bureau, 2024, clauses=3, contract_type_id=self.wage_type.id, workers_covered=750,
        )
        self._done_check(bureau_contract, 2024, ["honoured"])
        self._done_check(wage_contract, 2024, ["honoured", "partly", "not_honoured"])
        # the plant union must have a contract but has none; the branch need not have one
        Kpi = self.env["union.contract.kpi"]
        domain = [("organization_id", "child_of", self.federation.id), ("year", "=", "2024")]
        [(signing_rate, performance_rate, workers, required, signed)] = Kpi._read_group(
            domain,
            aggregates=[
                "signing_rate:sum", "performance_rate:sum", "workers_covered:sum",
                "required_count:sum", "signed_count:sum",
            ],
        )
        self.assertEqual((required, signed), (2, 1))
        self.assertAlmostEqual(float(signing_rate), 50.0)
        # (1 + 1) / (1 + 3), not the average of 100 % and 33.33 %
        self.assertAlmostEqual(float(performance_rate), 50.0)
        self.assertEqual(workers, 800, "the bureau's two contracts cover the same workers")
        bureau_row = Kpi.search([("organization_id", "=", self.bureau.id), ("year", "=", "2024")])
        self.assertEqual((bureau_row.signing_rate, bureau_row.contract_count), (100.0, 2))
        self.assertAlmostEqual(bureau_row.performance_rate, 50.0)
        branch_row = Kpi.search([("organization_id", "=", self.branch.id), ("year", "=", "2024")])
        self.assertEqual((branch_row.required_count, branch_row.signing_rate), (0, 0.0))
        # the pivot and graph views ask for "<measure>:<aggregator>"
        rate_fields = Kpi.fields_get(["signing_rate", "performance_rate"], ["aggregator"])
        self.assertEqual(
            {fname: spec["aggregator"] for fname, spec in rate_fields.items()},
            {"signing_rate": "sum", "performance_rate": "sum"},
            "offered as measures in the pivot and graph views",
        )
        groups = Kpi.read_group(domain, ["signing_rate:sum", "performance_rate:sum"], ["organization_id"])
        by_organization = {group["organization_id"][0]: group for group in groups}
        self.assertEqual(by_organization[self.other_union.id]["signing_rate"], 0.0)
        self.assertFalse(by_organization[self.branch.id]["signing_rate"], "nothing to measure")

    def test_ledger_export_is_an_xlsx_with_the_contracts(self):
        contract = self._create_in_force_contract(self.bureau, 2025, clauses=1)
        self._create_contract(organization_id=self.other_union.id, name="Other union contract")
        wizard = self.env["union.collective.contract.ledger.wizard"].create({"organization_id": self.bureau.id})
        action = wizard.action_export()
        self.assertEqual(action["url"], "/union_relief/xlsx/%s/%s" % (wizard._name, wizard.id))
        with zipfile.ZipFile(io.BytesIO(wizard._xlsx_export()[1])) as workbook:
            strings = workbook.read("xl/sharedStrings.xml").decode()
        self.assertIn(contract.reference, strings)
        self.assertNotIn("Other union contract", strings)

    # === Access rights === #

    def test_access_per_role(self):
        draft = self._create_contract(organization_id=self.branch.id, name="Branch draft")
        in_force = self._create_in_force_contract(self.other_union, 2025, clauses=1)
        session = self.env["union.negotiation.session"].create({
            "contract_id": draft.id, "name": "Request", "request_date": date(2025, 3, 1),
        })
        Contract = self.env["union.collective.contract"]

        # officers work on their organisation and its sub-organisations only
        officer_contracts = Contract.with_user(self.officer).search([("id", "in", (draft | in_force).ids)])
        self.assertIn(draft, officer_contracts)
        draft.with_user(self.officer).workers_covered = 80
        with self.assertRaises(AccessError):
            in_force.with_user(self.officer).write({"workers_covered": 1})
        with self.assertRaises(AccessError):
            self._create_contract().with_user(self.branch_officer).read(["name"])
        with self.assertRaises(AccessError):
            Contract.with_user(self.branch_officer).create({
                "name": "Not mine", "organization_id": self.other_union.id,
            })
        self.assertTrue(session.with_user(self.officer).read(["minutes"]))
        with self.assertRaises(UserError):
            in_force.with_user(self.manager).unlink()

        # members read the contracts in force and their clauses, not drafts or minutes
        self.assertEqual(
            Contract.with_user(self.member).search([("id", "in", (draft | in_force).ids)]), in_force
        )
        self.assertTrue(in_force.clause_ids.with_user(self.member).read(["commitment"]))
        member_form = Form(in_force.with_user(self.member))
        self.assertEqual(member_form.state, "in_force", "members open published contracts")
        with self.assertRaises(AccessError):
            draft.with_user(self.member).read(["name"])
        with self.assertRaises(AccessError):
            in_force.with_user(self.member).write({"workers_covered": 1})
        with self.assertRaises(AccessError):
            session.with_user(self.member).read(["minutes"])
        with self.assertRaises(AccessError):
            self.env["union.contract.kpi"].with_user(self.member).search([])

        # auditors read everything and change nothing
        self.assertTrue(draft.with_user(self.auditor).read(["name"]))
        self.assertTrue(session.with_user(self.auditor).read(["minutes"]))
        with self.assertRaises(AccessError):
            draft.with_user(self.auditor).write({"workers_covered": 1})
        with self.assertRaises(AccessError):
            session.with_user(self.auditor).write({"minutes": "<p>x</p>"})

        # relief managers change and delete drafts anywhere
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists())

    def _cron_query_count(self, count):
        contracts = self.env["union.collective.contract"]
        for _index in range(count):
            contracts |= self._create_contract(
                state="filed", date_signed=date(2025, 3, 1), date_filed=date(2025, 3, 2),
                date_received=date(2025, 3, 3), labour_authority_id=self.authority.id,
            )
        self.env.flush_all()
        self.env.invalidate_all()
        queries_before = self.cr.sql_log_count
        with freeze_time("2025-03-20"):
            self.env["union.collective.contract"]._cron_process_deadlines()
            self.env.flush_all()
        self.assertEqual(set(contracts.mapped("state")), {"in_force"})
        return self.cr.sql_log_count - queries_before

    def test_cron_processes_many_contracts_in_bounded_queries(self):
        self.assertEqual(self._cron_query_count(2), self._cron_query_count(8))


@tagged("post_install", "-at_install")
class TestCollectiveContractTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.organization = cls.env["union.organization"].create({
            "name": "Tour Grassroots Union", "code": "TOURU",
        })
        cls.organization.officer_ids = [Command.link(cls.env.ref("union_relief.demo_user_officer").id)]
        cls.env["res.partner"].create({"name": "Tour Labour Bureau", "is_company": True})

    def test_record_contract_up_to_filing(self):
        # the union officer negotiates, signs and files the contract
        self.start_tour("/odoo", "union_collective_contract_tour", login="officer")
        contract = self.env["union.collective.contract"].search([("name", "=", "Tour collective contract")])
        self.assertEqual(contract.state, "filed")
        self.assertEqual(contract.organization_id, self.organization)
        self.assertEqual((contract.union_representative_count, contract.employer_representative_count), (3, 3))
        self.assertEqual(
            (contract.congress_total, contract.congress_present, contract.congress_in_favour), (60, 45, 40)
        )
        self.assertEqual(contract.labour_authority_id.name, "Tour Labour Bureau")
        self.assertEqual(contract.date_filed, fields.Date.today())
