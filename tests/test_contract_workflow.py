"""The workflow guard on collective contracts, negotiation sessions and
performance checks: what each role may do, and what nobody may write outside
the steps (issue 9; the tables are in doc/workflows.md)."""

from contextlib import contextmanager
from datetime import date

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common_contract import CollectiveContractCommon

# What the guard says when a field is written outside its step.
REFUSED = "buttons only|can no longer be changed"
TODO = "mail.mail_activity_data_todo"
FILING = "union_relief.mail_activity_type_contract_filing"
RENEWAL = "union_relief.mail_activity_type_contract_renewal"
VACANCY = "union_relief.mail_activity_type_contract_vacancy"
REPLY = "union_relief.mail_activity_type_negotiation_reply"
CONTRACT_STATES = ("draft", "negotiating", "approved", "signed", "filed", "in_force", "expired")
# The roles that run the contracts, besides the relief manager.
OFFICERS = {"officer", "centre", "manager"}


class ContractWorkflowCommon(CollectiveContractCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.centre = cls._union_user("cc_centre", "union_relief.group_relief_centre_officer")
        cls.accountant = cls._union_user("cc_accountant", "union_relief.group_union_accountant")
        cls.bureau.officer_ids = [Command.link(cls.centre.id)]
        cls.roles = {
            "officer": cls.officer,
            "centre": cls.centre,
            "manager": cls.manager,
            "accountant": cls.accountant,
            "auditor": cls.auditor,
            "member": cls.member,
            # an officer of a sub-branch acts on the branch's records only
            "branch_officer": cls.branch_officer,
        }
        cls.other_authority = cls.env["res.partner"].create({
            "name": "Other Labour Bureau", "is_company": True,
        })

    @contextmanager
    def assertRefused(self, exception=UserError, regex=REFUSED):
        """The operation is refused, and what it may have written is rolled
        back, as the user's transaction would be."""
        with self.assertRaisesRegex(exception, regex), self.env.cr.savepoint():
            yield

    @classmethod
    def _contract_in(cls, state, **vals):
        """A contract in ``state`` with the data its earlier steps recorded."""
        reached = CONTRACT_STATES.index(state)
        data = {"state": state}
        if reached >= CONTRACT_STATES.index("negotiating"):
            data.update({
                "congress_date": date(2025, 2, 10),
                "congress_total": 60,
                "congress_present": 45,
                "congress_in_favour": 40,
            })
        if reached >= CONTRACT_STATES.index("signed"):
            data.update({"date_signed": date(2025, 3, 1), "labour_authority_id": cls.authority.id})
        if reached >= CONTRACT_STATES.index("filed"):
            data.update({"date_filed": date(2025, 3, 2), "date_received": date(2025, 3, 3)})
        if reached >= CONTRACT_STATES.index("in_force"):
            data["date_in_force"] = date(2025, 3, 19)
        return cls._create_contract(**data, **vals)

    def _session_in(self, state, contract=None, **vals):
        data = {
            "contract_id": (contract or self._contract_in("negotiating")).id,
            "name": "Request to negotiate",
            "request_date": date(2025, 3, 1),
            "state": state,
        }
        if state != "awaiting_reply":
            data["reply_date"] = date(2025, 3, 10)
        if state in ("held", "agreed"):
            data["minutes"] = "<p>Both chiefs agreed on a 5% rise.</p>"
        if state == "agreed":
            data["draft_agreed"] = True
        return self.env["union.negotiation.session"].create({**data, **vals})

    def _performance_in(self, state):
        contract = self._contract_in("in_force", clause_ids=self._clause_commands(2))
        return self.env["union.contract.performance"].create({
            "contract_id": contract.id,
            "year": 2025,
            "state": state,
            "line_ids": [
                Command.create({"clause_id": clause.id, "result": "honoured"})
                for clause in contract.clause_ids
            ],
        })

    def _schedule(self, record, xmlid):
        return record.activity_schedule(xmlid, user_id=self.officer.id)

    def _activity_types(self, record):
        return set(record.activity_ids.activity_type_id.get_external_id().values())

    def _check_writes_refused(self, written):
        """Every role is refused each write of ``written`` ([(record, vals)]); the
        roles that run contracts are told that the field changes through the
        buttons, or no longer in the record's state."""
        for role, user in self.roles.items():
            for record, vals in written:
                with self.subTest(role=role, vals=vals):
                    exception = UserError  # AccessError is a UserError too
                    with self.assertRaises(exception) as refused:
                        record.with_user(user).write(vals)
                    if role in OFFICERS:
                        self.assertRegex(str(refused.exception), REFUSED)

    def _check_steps(self, steps, transitions):
        """Take every step of ``steps`` ({step: (make a record in a source state,
        take the step, roles allowed)}) as every role: allowed roles take it,
        the others are refused before anything changed."""
        for name, (make, take, allowed) in steps.items():
            with self.subTest(step=name):
                self._check_step_roles(self.roles, allowed, make, take, transitions[name].target)


@tagged("post_install", "-at_install")
class TestCollectiveContractWorkflow(ContractWorkflowCommon):
    # === (a) guarded fields over the ORM === #

    def test_workflow_fields_are_refused_to_every_role(self):
        signed = self._contract_in("signed")
        in_force = self._contract_in("in_force")
        successor = self._contract_in("draft")
        written = [
            # the state and what only the steps write
            (signed, {"state": "in_force"}),
            (signed, {"state": "filed"}),
            (signed, {"date_in_force": date(2025, 3, 20)}),
            (successor, {"state": "negotiating"}),
            (successor, {"reference": "CC/2025/9999"}),
            (successor, {"predecessor_id": in_force.id}),
            (in_force, {"date_published": date(2025, 4, 1)}),
            (in_force, {"date_terminated": date(2025, 6, 30)}),
            (in_force, {"termination_reason": "Nobody decided this."}),
            (in_force, {"renewal_reminder_sent": True}),
            # entered before a step, frozen once the contract took it
            (signed, {"date_signed": date(2025, 2, 28)}),
            (signed, {"congress_in_favour": 31}),
            (signed, {"date_end": date(2027, 6, 30)}),
            (in_force, {"date_filed": date(2025, 3, 3)}),
            (in_force, {"labour_authority_id": self.other_authority.id}),
            (in_force, {"date_received": date(2025, 3, 4)}),
            (in_force, {"congress_total": 61}),
            (in_force, {"objection_date": date(2025, 3, 10)}),
            # the organisation and company past draft
            (signed, {"organization_id": self.branch.id}),
        ]
        self._check_writes_refused(written)
        self.assertEqual(signed.state, "signed")
        self.assertFalse(signed.date_in_force)
        self.assertEqual(in_force.date_signed, date(2025, 3, 1))

    def test_new_contract_starts_as_draft_without_workflow_fields(self):
        Contract = self.env["union.collective.contract"].with_user(self.officer)
        vals = {"name": "New contract", "organization_id": self.bureau.id}
        for forged in (
            {"state": "in_force"},
            {"state": "signed"},
            {"date_in_force": date(2025, 3, 19)},
            {"date_published": date(2025, 3, 20)},
            {"predecessor_id": self._contract_in("in_force").id},
            {"reference": "CC/2025/0001"},
        ):
            with self.subTest(forged=forged), self.assertRefused(UserError, "first state"):
                Contract.create({**vals, **forged})
        contract = Contract.with_context(
            default_state="in_force", default_date_in_force="2025-03-19",
        ).create(vals)
        self.assertEqual(contract.state, "draft")
        self.assertFalse(contract.date_in_force)
        self.assertTrue(contract.reference.startswith("CC/"), "numbered by the system")

    def test_step_data_is_entered_before_the_step_then_frozen(self):
        contract = self._contract_in("approved").with_user(self.officer)
        contract.date_signed = date(2025, 2, 27)
        contract.action_sign()
        self.assertEqual(contract.date_signed, date(2025, 2, 27), "the date entered is kept")
        with self.assertRefused():
            contract.date_signed = date(2025, 2, 28)
        # the next step's data is still open; the web client resends unchanged values
        contract.write({"labour_authority_id": self.authority.id, "date_signed": date(2025, 2, 27)})
        contract.action_file()
        self.assertEqual(contract.date_filed, fields.Date.context_today(contract))
        contract.date_received = contract.date_filed
        with self.assertRefused():
            contract.date_filed = date(2025, 3, 1)

    # === (b) each step for the roles of the table only === #

    def test_each_step_is_taken_by_the_roles_of_the_table_only(self):
        Contract = self.env["union.collective.contract"]
        objection = {"objection_date": date(2025, 3, 10), "objection_note": "Clause 3 is unlawful."}
        steps = {
            "start_negotiation": (
                lambda: self._contract_in("draft"), lambda c: c.action_start_negotiation(), OFFICERS,
            ),
            "reset_to_draft": (
                lambda: self._contract_in("negotiating"), lambda c: c.action_reset_to_draft(),
                OFFICERS,
            ),
            "approve_by_congress": (
                lambda: self._contract_in("negotiating"), lambda c: c.action_approve_by_congress(),
                OFFICERS,
            ),
            "sign": (lambda: self._contract_in("approved"), lambda c: c.action_sign(), OFFICERS),
            "file": (lambda: self._contract_in("signed"), lambda c: c.action_file(), OFFICERS),
            "record_objection": (
                lambda: self._contract_in("filed", **objection),
                lambda c: c.action_record_objection(), OFFICERS,
            ),
            "enter_into_force": (
                lambda: self._contract_in("filed"), lambda c: c.action_enter_into_force(), OFFICERS,
            ),
            "publish": (lambda: self._contract_in("in_force"), lambda c: c.action_publish(), OFFICERS),
            "renew": (lambda: self._contract_in("in_force"), lambda c: c.action_renew(), OFFICERS),
            "renew_expired": (
                lambda: self._contract_in("expired"), lambda c: c.action_renew(), OFFICERS,
            ),
            "terminate": (
                lambda: self._contract_in("in_force"),
                lambda c: c.terminate(date(2025, 6, 30), "The enterprise was merged."), OFFICERS,
            ),
        }
        transitions = Contract._workflow_transitions()
        # the two other steps are the system's: the daily cron and the renewal in force
        self.assertEqual(set(transitions) - set(steps), {"expire", "mark_renewed"})
        self._check_steps(steps, transitions)

    def test_system_steps_have_no_button(self):
        contract = self._contract_in("in_force", date_end=date(2025, 12, 31))
        for method in ("action_expire", "action_mark_renewed", "expire", "mark_renewed"):
            self.assertFalse(hasattr(contract, method), "nobody expires a contract by hand")
        with self.assertRefused():
            contract.with_user(self.manager).state = "expired"
        self.env["union.collective.contract"]._cron_process_deadlines()
        self.assertEqual(contract.state, "expired")

    def test_terminate_wizard_is_the_officers(self):
        contract = self._contract_in("in_force")
        with self.assertRefused(AccessError, ""):
            contract.with_user(self.auditor).action_terminate()
        action = contract.with_user(self.officer).action_terminate()
        wizard_form = Form(
            self.env[action["res_model"]].with_user(self.officer).with_context(**action["context"])
        )
        wizard_form.date_terminated = date(2025, 2, 1)
        wizard_form.termination_reason = "The enterprise was merged."
        wizard = wizard_form.save()
        with self.assertRefused(UserError, "cannot end before it was signed"):
            wizard.action_terminate()
        wizard.date_terminated = date(2025, 6, 30)
        wizard.action_terminate()
        self.assertEqual(
            (contract.state, contract.date_terminated, contract.termination_reason),
            ("terminated", date(2025, 6, 30), "The enterprise was merged."),
        )
        with self.assertRefused(UserError, "reason"):
            self._contract_in("in_force").with_user(self.officer).terminate(date(2025, 6, 30), " ")

    # === (c) issue 9 === #

    def test_signed_contract_cannot_be_put_in_force_without_filing(self):
        contract = self._contract_in("signed").with_user(self.officer)
        with self.assertRefused():
            contract.write({"state": "in_force", "date_in_force": date(2025, 3, 20)})
        with self.assertRefused():
            contract.date_in_force = date(2025, 3, 20)
        with self.assertRefused(UserError, "cannot bring into force .* it is Signed"):
            contract.action_enter_into_force()
        # nor by entering the filing and receipt so that the cron brings it into force
        contract.write({"date_filed": date(2025, 3, 2), "date_received": date(2025, 3, 3)})
        self.env["union.collective.contract"]._cron_process_deadlines()
        self.assertEqual((contract.state, contract.date_in_force), ("signed", False))
        contract.action_file()
        contract.action_enter_into_force()
        self.assertEqual(contract.state, "in_force")
        with self.assertRefused():
            contract.date_in_force = date(2025, 3, 20)

    def test_congress_vote_frozen_once_approved_and_tracked(self):
        contract = self._contract_in("negotiating").with_user(self.officer).with_context(
            tracking_disable=False
        )
        self.env.flush_all()
        self.env.cr.precommit.run()  # the transaction that created it ends
        contract.write({"congress_total": 62, "congress_present": 46, "congress_in_favour": 41})
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = contract.message_ids.sudo().tracking_value_ids.field_id.mapped("name")
        self.assertLessEqual({"congress_total", "congress_present", "congress_in_favour"}, set(tracked))
        contract.action_approve_by_congress()
        for vals in (
            {"congress_total": 70},
            {"congress_present": 60},
            {"congress_in_favour": 30},
            {"congress_date": date(2025, 2, 11)},
        ):
            with self.subTest(vals=vals), self.assertRefused():
                contract.write(vals)
        self.assertEqual(
            (contract.congress_total, contract.congress_present, contract.congress_in_favour),
            (62, 46, 41),
        )

    def test_organisation_and_company_of_a_contract_past_draft_stay(self):
        other_company = self.env["res.company"].create({"name": "Other Employer"})
        self.manager.company_ids = [Command.link(other_company.id)]
        for state in CONTRACT_STATES[1:]:
            contract = self._contract_in(state)
            for user in (self.officer, self.manager):
                with self.subTest(state=state, user=user.login), self.assertRefused():
                    contract.with_user(user).organization_id = self.branch
                with self.subTest(state=state, user=user.login), self.assertRefused():
                    contract.with_user(user).company_id = other_company
        draft = self._contract_in("draft").with_user(self.officer)
        draft.organization_id = self.branch
        with self.assertRefused(AccessError, ""):
            draft.organization_id = self.other_union
        self.assertEqual(draft.organization_id, self.branch)

    def test_representatives_and_clauses_stay_as_signed_and_approved(self):
        contract = self._contract_in(
            "negotiating",
            clause_ids=[Command.create({
                "name": "Average pay", "clause_type": "average_pay",
                "commitment": "At least 6,000 a month", "amount": 6000,
            })],
        ).with_user(self.officer).with_context(tracking_disable=False)
        clause = contract.clause_ids
        clause.amount = 6200
        tracking = contract.message_ids.sudo().tracking_value_ids.filtered(
            lambda value: value.field_id.name == "amount"
        )
        self.assertEqual((tracking.old_value_float, tracking.new_value_float), (6000, 6200))
        contract.action_approve_by_congress()
        with self.assertRefused(UserError, "clauses can no longer be changed"):
            clause.amount = 7000
        with self.assertRefused(UserError, "clauses can no longer be changed"):
            contract.clause_ids = [Command.create({"name": "New", "commitment": "New"})]
        with self.assertRefused(UserError, "clauses can no longer be changed"):
            clause.unlink()
        # a representative may still be replaced until the contract is signed
        contract.representative_ids[-1].name = "Replacement representative"
        contract.action_sign()
        representative = contract.representative_ids[-1]
        with self.assertRefused(UserError, "representatives can no longer be changed"):
            representative.is_chief = not representative.is_chief
        with self.assertRefused(UserError, "representatives can no longer be changed"):
            representative.unlink()
        with self.assertRefused(UserError, "representatives can no longer be changed"):
            contract.representative_ids = [Command.create({"side": "union", "name": "Late"})]

    def test_steps_complete_only_their_own_activities(self):
        signed = self._contract_in("signed")
        self._schedule(signed, FILING)
        self._schedule(signed, TODO)
        signed.with_user(self.officer).action_file()
        self.assertEqual(self._activity_types(signed), {TODO})

        approved = self._contract_in("approved")
        self._schedule(approved, VACANCY)
        self._schedule(approved, TODO)
        approved.with_user(self.officer).action_sign()
        self.assertEqual(self._activity_types(approved), {TODO, FILING})

        in_force = self._contract_in("in_force")
        self._schedule(in_force, RENEWAL)
        self._schedule(in_force, TODO)
        in_force.with_user(self.officer).action_renew()
        self.assertEqual(self._activity_types(in_force), {TODO})

        filed = self._contract_in("filed")
        for xmlid in (FILING, RENEWAL, VACANCY, TODO):
            self._schedule(filed, xmlid)
        filed.with_user(self.officer).terminate(date(2025, 6, 30), "Both sides agreed.")
        self.assertEqual(self._activity_types(filed), {TODO})

    def test_every_step_completes_dedicated_activity_types_only(self):
        for model in (
            "union.collective.contract", "union.negotiation.session", "union.contract.performance",
        ):
            for name, transition in self.env[model]._workflow_transitions().items():
                for xmlid in transition.activities:
                    with self.subTest(model=model, step=name, activity=xmlid):
                        self.assertNotEqual(xmlid, TODO)
                        self.assertEqual(self.env.ref(xmlid)._name, "mail.activity.type")

    def test_auditor_fields_are_tracked(self):
        tracked = {
            "union.collective.contract": (
                "state", "organization_id", "company_id", "workers_covered", "date_start",
                "date_end", "congress_date", "congress_total", "congress_present",
                "congress_in_favour", "date_signed", "labour_authority_id", "date_filed",
                "date_received", "objection_date", "date_in_force", "date_published",
                "date_terminated", "termination_reason", "predecessor_id", "employer_partner_ids",
            ),
            "union.negotiation.session": (
                "state", "contract_id", "requesting_side", "request_date", "reply_date",
                "meeting_datetime", "draft_version_id", "draft_agreed",
            ),
            "union.contract.performance": ("state", "contract_id", "year", "date_check", "user_id"),
        }
        for model, fnames in tracked.items():
            for fname in fnames:
                with self.subTest(model=model, field=fname):
                    self.assertTrue(self.env[model]._fields[fname].tracking)


@tagged("post_install", "-at_install")
class TestNegotiationSessionWorkflow(ContractWorkflowCommon):
    def test_workflow_fields_are_refused_to_every_role(self):
        held = self._session_in("held")
        replied = self._session_in("replied")
        written = [
            (replied, {"state": "agreed"}),
            (replied, {"draft_agreed": True}),
            (replied, {"reply_date": date(2025, 3, 11)}),
            (replied, {"request_date": date(2025, 3, 2)}),
            (replied, {"contract_id": self._contract_in("negotiating").id}),
            (held, {"minutes": "<p>Nothing was agreed.</p>"}),
            (held, {"meeting_datetime": "2025-03-15 09:00:00"}),
            (held, {"state": "awaiting_reply"}),
        ]
        self._check_writes_refused(written)
        self.assertEqual((replied.state, replied.reply_date), ("replied", date(2025, 3, 10)))
        Session = self.env["union.negotiation.session"].with_user(self.officer)
        vals = {"contract_id": self._contract_in("negotiating").id, "name": "Request"}
        for forged in ({"state": "agreed"}, {"draft_agreed": True}):
            with self.subTest(forged=forged), self.assertRefused(UserError, "first state"):
                Session.create({**vals, **forged})
        session = Session.with_context(default_state="agreed", default_draft_agreed=True).create(vals)
        self.assertEqual((session.state, session.draft_agreed), ("awaiting_reply", False))

    def test_each_step_is_taken_by_the_roles_of_the_table_only(self):
        Session = self.env["union.negotiation.session"]
        steps = {
            "record_reply": (
                lambda: self._session_in("awaiting_reply", reply_date=date(2025, 3, 10)),
                lambda s: s.action_record_reply(), OFFICERS,
            ),
            "record_meeting": (
                lambda: self._session_in("replied", minutes="<p>We met.</p>"),
                lambda s: s.action_record_meeting(), OFFICERS,
            ),
            "agree": (lambda: self._session_in("held"), lambda s: s.action_agree(), OFFICERS),
            "reopen": (lambda: self._session_in("agreed"), lambda s: s.action_reopen(), OFFICERS),
        }
        transitions = Session._workflow_transitions()
        self.assertEqual(set(transitions), set(steps))
        self._check_steps(steps, transitions)

    def test_dates_and_minutes_change_the_state_only_through_the_steps(self):
        session = self._session_in("awaiting_reply").with_user(self.officer)
        self._schedule(session, TODO)
        with self.assertRefused(UserError, "date of the written reply"):
            session.action_record_reply()
        session.reply_date = date(2025, 3, 12)
        self.assertEqual(session.state, "awaiting_reply", "a date alone is no step")
        session.action_record_reply()
        self.assertEqual(self._activity_types(session), {TODO}, "only the reply is completed")
        with self.assertRefused(UserError, "minutes"):
            session.action_record_meeting()
        session.minutes = "<p>The employer proposed 3%.</p>"
        self.assertEqual(session.state, "replied")
        session.action_record_meeting()
        session.action_agree()
        self.assertEqual((session.state, session.draft_agreed), ("agreed", True))
        # once the congress approved, the negotiation stays as it was
        session.contract_id.action_approve_by_congress()
        with self.assertRefused(UserError, "no longer being negotiated"):
            session.action_reopen()
        with self.assertRefused(UserError, "cannot be deleted"):
            session.unlink()


@tagged("post_install", "-at_install")
class TestContractPerformanceWorkflow(ContractWorkflowCommon):
    def test_closed_check_is_refused_to_every_role(self):
        check = self._performance_in("done")
        line = check.line_ids[0]
        for role, user in self.roles.items():
            exception = UserError  # AccessError is a UserError too
            for record, vals in (
                (check, {"state": "draft"}),
                (check, {"year": 2024}),
                (check, {"summary": "<p>All clauses honoured.</p>"}),
                (check, {"date_check": date(2025, 12, 1)}),
                (check, {"line_ids": [Command.update(line.id, {"result": "not_honoured"})]}),
                (line, {"result": "not_honoured"}),
                (line, {"evidence": "Nothing."}),
            ):
                with self.subTest(role=role, record=record._name, vals=vals):
                    with self.assertRefused(exception, ""):
                        record.with_user(user).write(vals)
            with self.subTest(role=role, operation="delete"), self.assertRefused(exception, ""):
                line.with_user(user).unlink()
            with self.subTest(role=role, operation="create"), self.assertRefused(exception, ""):
                self.env["union.contract.performance.line"].with_user(user).create({
                    "performance_id": check.id, "clause_id": line.clause_id.id,
                })
        self.assertEqual((check.state, line.result), ("done", "honoured"))
        with self.assertRefused(UserError, "first state"):
            self.env["union.contract.performance"].with_user(self.officer).create({
                "contract_id": self._contract_in("in_force").id, "year": 2025, "state": "done",
            })

    def test_each_step_is_taken_by_the_roles_of_the_table_only(self):
        steps = {
            "done": (lambda: self._performance_in("draft"), lambda p: p.action_done(), OFFICERS),
            "reset_to_draft": (
                lambda: self._performance_in("done"), lambda p: p.action_reset_to_draft(), {"manager"},
            ),
        }
        transitions = self.env["union.contract.performance"]._workflow_transitions()
        self.assertEqual(set(transitions), set(steps))
        self._check_steps(steps, transitions)

    def test_only_a_manager_reopens_a_closed_check(self):
        check = self._performance_in("draft").with_user(self.officer)
        check.line_ids[0].result = "partly"
        check.action_done()
        with self.assertRefused(UserError, "is closed"):
            check.line_ids[0].result = "honoured"
        with self.assertRefused(AccessError, "Relief Manager"):
            check.action_reset_to_draft()
        check.with_user(self.manager).action_reset_to_draft()
        check.line_ids[0].result = "honoured"
        check.action_done()
        self.assertEqual(check.performance_rate, 100.0)
