from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_relief import UnionReliefAccountingCommon


@tagged("post_install", "-at_install")
class TestReliefWorkflow(UnionReliefAccountingCommon):
    """The grant's and the programme's transition tables hold for every caller."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.roles = cls.role_users
        cls.noticed = cls._create_programme(
            "公示救助", "emergency", budget=100000.0, notice_required=True,
            standards=[{"name": "每户", "method": "fixed_household", "amount": 500.0}],
        )

    # --- fixtures: a grant in each state, reached through the buttons ---

    def _submitted(self, programme=None, **vals):
        grant = self._grant(self.file_a, programme, **vals)
        grant.action_submit()
        return grant

    def _in_state(self, name):
        """A grant in a source state of transition ``name``."""
        if name in ("submit", "cancel"):
            return self._grant(self.file_a, cancel_reason="重复申请")
        if name in ("return_to_draft", "approve"):
            return self._submitted()
        if name == "escalate":
            return self._submitted(override_amount=3000.0, override_reason="病情加重")
        if name == "approve_second":
            grant = self._submitted(override_amount=3000.0, override_reason="病情加重")
            grant.with_user(self.centre_officer).action_approve()
            return grant
        if name == "start_notice":
            grant = self._submitted(self.noticed)
            grant.with_user(self.centre_officer).action_approve()
            return grant
        grant = self._submitted()  # pay, cancel_booked
        grant.with_user(self.centre_officer).action_approve()
        grant.cancel_reason = "发放错误"
        return grant

    def _take(self, grant, name):
        action = {
            "submit": grant.action_submit,
            "return_to_draft": grant.action_return_to_draft,
            "approve": grant.action_approve,
            "escalate": grant.action_approve,
            "approve_second": grant.action_approve,
            "start_notice": grant.action_start_notice,
            "pay": grant.action_pay,
            "cancel": grant.action_cancel,
            "cancel_booked": grant.action_cancel,
        }[name]
        action()

    def test_each_grant_transition_only_for_the_roles_of_the_table(self):
        Grant = self.env["union.relief.grant"]
        for name, transition in Grant._workflow_transitions().items():
            allowed = {
                role for role, user in self.roles.items()
                if any(user.has_group(group) for group in transition.groups)
            }

            def make(name=name, transition=transition):
                grant = self._in_state(name).sudo()
                self.assertIn(grant.state, transition.sources)
                return grant

            with self.subTest(transition=name):
                self._check_step_roles(
                    self.roles, allowed, make, lambda grant, name=name: self._take(grant, name),
                    transition.target,
                )

    def test_guarded_grant_fields_refused_over_the_orm_for_every_role(self):
        grant = self._in_state("pay").sudo()
        guarded = {
            "state": "paid",
            "first_approver_id": self.manager.id,
            "approved_date": "2026-01-01",
            "move_id": False,
            "payment_run_id": False,
            "paid_date": "2026-01-01",
            "notice_end_date": "2026-01-01",
            # frozen once approved
            "date": "2025-01-01",
            "organization_id": self.org_branch_b.id,
            "override_amount": 1.0,
            "partner_id": self.employee_b.work_contact_id.id,
        }
        for role, user in self.roles.items():
            for fname, value in guarded.items():
                with self.subTest(role=role, field=fname):
                    with self.assertRaises(UserError):
                        grant.with_user(user).write({fname: value})
        self.assertEqual(grant.state, "approved")
        self.assertTrue(grant.move_id)

    def test_accountant_cannot_return_submitted_grants_to_draft(self):
        grant = self._submitted()
        with self.assertRaises(AccessError):
            grant.with_user(self.accountant).action_return_to_draft()
        self.assertEqual(grant.state, "submitted")

    def test_approved_grant_cannot_move_to_another_organisation(self):
        grant = self._in_state("pay")
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            grant.with_user(self.centre_officer).write({"organization_id": self.org_branch_b.id})
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            grant.with_user(self.centre_officer).write({"date": "2020-01-01"})
        self.assertEqual(grant.organization_id, self.org_branch_a)

    def test_draft_grant_cannot_move_outside_the_officers_organisations(self):
        grant = self._grant(self.file_a)
        with self.assertRaises(AccessError):
            grant.write({"organization_id": self.org_branch_b.id})
        self.assertEqual(grant.organization_id, self.org_branch_a)

    def test_new_grant_cannot_start_in_a_later_state(self):
        Grant = self.env["union.relief.grant"].with_user(self.officer_a)
        vals = {"programme_id": self.living.id, "file_id": self.file_a.id}
        with self.assertRaisesRegex(UserError, "starts in its first state"):
            Grant.create({**vals, "state": "approved"})
        with self.assertRaisesRegex(UserError, "starts in its first state"):
            Grant.create({**vals, "approved_date": "2026-01-01"})
        # a context default is no way round it
        grant = Grant.with_context(default_state="paid", default_move_id=1).create(vals)
        self.assertEqual(grant.state, "draft")
        self.assertFalse(grant.move_id)

    def test_approved_grant_is_never_deleted(self):
        grant = self._in_state("pay")
        for user in (self.officer_a, self.manager, self.accountant):
            with self.assertRaises(UserError):
                grant.with_user(user).unlink()
        self.assertTrue(grant.exists())

    def test_programme_transitions_are_the_managers(self):
        programme = self.env["union.relief.programme"].create({
            "name": "临时救助", "code": "LSJZ", "programme_type": "emergency",
            "organization_id": self.org_bureau.id, "fiscal_year": self.year,
            "journal_id": self.journal.id, "expense_account_id": self.account_relief.id,
            "standard_ids": [(0, 0, {"name": "每户", "method": "fixed_household", "amount": 300.0})],
        })
        for user in (self.officer_a, self.centre_officer, self.accountant, self.auditor):
            with self.assertRaises(AccessError):
                programme.with_user(user).action_open()
        with self.assertRaises(UserError):
            programme.with_user(self.centre_officer).write({"state": "open"})
        programme.with_user(self.manager).action_open()
        self.assertEqual(programme.state, "open")
        with self.assertRaisesRegex(UserError, "through its buttons"):
            programme.with_user(self.manager).write({"state": "closed"})
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            programme.with_user(self.manager).write({"fiscal_year": self.year - 1})
        programme.with_user(self.manager).action_close()
        self.assertEqual(programme.state, "closed")

    def test_programme_settings_are_tracked(self):
        tracked = self.env["union.relief.programme"]._track_get_fields()
        for fname in ("second_approval_amount", "approver_id", "second_approver_id",
                      "notice_required", "payment_journal_id", "journal_id",
                      "expense_account_id", "budget"):
            self.assertIn(fname, tracked)


@tagged("post_install", "-at_install")
class TestReliefBooksAreAuditProof(UnionReliefAccountingCommon):
    """Entries booked by grants are never reset, edited or deleted from accounting,
    and the relief journal is hash-locked."""

    def _bookkeeper(self):
        return self.env["res.users"].create({
            "name": "审计记账", "login": "bookkeeper",
            "groups_id": [(6, 0, [self.env.ref("account.group_account_user").id,
                                  self.env.ref("base.group_user").id])],
        })

    def test_relief_journal_is_hash_locked_and_verified(self):
        self.assertTrue(self.journal.restrict_mode_hash_table)
        grant = self._approved(self.file_a).sudo()
        self.assertTrue(grant.move_id.inalterable_hash)
        results = {
            result["journal_name"]: result
            for result in self.company.with_user(self._bookkeeper())._check_hash_integrity()["results"]
        }
        relief = [result for name, result in results.items() if name.startswith(self.journal.name)]
        self.assertTrue(relief)
        self.assertEqual({result["status"] for result in relief}, {"verified"})

    def test_new_programme_journal_is_hash_locked(self):
        journal = self.env["account.journal"].create({
            "name": "送温暖", "code": "SWN", "type": "general", "company_id": self.company.id,
        })
        self.assertFalse(journal.restrict_mode_hash_table)
        self._create_programme(
            "送温暖", "festival", journal_id=journal.id,
            standards=[{"name": "每人", "method": "fixed_household", "amount": 300.0}],
        )
        self.assertTrue(journal.restrict_mode_hash_table)

    def test_relief_entry_cannot_be_reset_edited_or_deleted_from_accounting(self):
        grant = self._approved(self.file_a).sudo()
        move = grant.move_id
        invoicing = self.env["res.users"].create({
            "name": "出纳", "login": "cashier",
            "groups_id": [(6, 0, [self.env.ref("account.group_account_invoice").id,
                                  self.env.ref("base.group_user").id])],
        })
        for user in (invoicing, self.env.ref("base.user_admin")):
            # Odoo refuses a hash-locked entry; the add-on refuses any union entry
            with self.assertRaises(UserError):
                move.with_user(user).button_draft()
            with self.assertRaisesRegex(UserError, "books a union record"):
                move.with_user(user).write({"state": "draft"})
            with self.assertRaises(UserError):
                move.with_user(user).button_cancel()
            with self.assertRaises(UserError):
                move.with_user(user).unlink()
        self.assertEqual(move.state, "posted")
        self.assertEqual(grant.state, "approved")
        # the reversal is protected as well
        grant.cancel_reason = "重复发放"
        grant.with_user(self.manager).action_cancel()
        with self.assertRaisesRegex(UserError, "books a union record"):
            grant.reversal_move_id.write({"state": "draft"})

    def test_other_entries_of_the_company_stay_editable(self):
        other = self.env["account.journal"].create({
            "name": "杂项", "code": "MISC2", "type": "general", "company_id": self.company.id,
        })
        move = self.env["account.move"].create({
            "journal_id": other.id,
            "line_ids": [
                (0, 0, {"account_id": self.account_relief.id, "debit": 10.0}),
                (0, 0, {"account_id": self.account_activity.id, "credit": 10.0}),
            ],
        })
        move.action_post()
        move.button_draft()
        self.assertEqual(move.state, "draft")
