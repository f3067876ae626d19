from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_relief import UnionReliefAccountingCommon


@tagged("post_install", "-at_install")
class TestReliefGrant(UnionReliefAccountingCommon):
    def test_workflow_and_approval_activity(self):
        grant = self._grant(self.file_a)
        self.assertEqual((grant.state, grant.organization_id), ("draft", self.org_branch_a))
        self.assertEqual(grant.partner_id, self.employee_a.work_contact_id)
        grant.action_submit()
        self.assertEqual(grant.state, "submitted")
        self.assertEqual(grant.submitted_by_id, self.officer_a)
        activity = grant.activity_ids
        self.assertEqual(activity.user_id, self.centre_officer)
        grant.with_user(self.centre_officer).action_approve()
        self.assertEqual(grant.state, "approved")
        self.assertEqual(grant.first_approver_id, self.centre_officer)
        self.assertFalse(grant.activity_ids)
        self.assertTrue(grant.move_id)

    def test_second_approval_above_the_threshold(self):
        grant = self._grant(self.file_a, override_amount=2500.0, override_reason="大病特批")
        grant.action_submit()
        grant.with_user(self.centre_officer).action_approve()
        self.assertEqual(grant.state, "second_approval")
        self.assertFalse(grant.move_id)
        self.assertEqual(grant.activity_ids.user_id, self.manager)
        with self.assertRaises(AccessError):
            grant.with_user(self.centre_officer).action_approve()
        grant.with_user(self.manager).action_approve()
        self.assertEqual(grant.state, "approved")
        self.assertEqual(grant.second_approver_id, self.manager)
        self.assertEqual(grant.sudo().move_id.amount_total, 2500.0)

    def test_first_approver_cannot_give_the_second_approval(self):
        grant = self._grant(self.file_a, override_amount=2500.0, override_reason="大病特批")
        grant.action_submit()
        grant.with_user(self.manager).action_approve()
        with self.assertRaisesRegex(UserError, "another person gives the second"):
            grant.with_user(self.manager).action_approve()

    def test_approver_cannot_approve_own_request(self):
        grant = self._grant(self.file_a, user=self.centre_officer)
        grant.action_submit()
        with self.assertRaisesRegex(UserError, "someone else must approve it"):
            grant.action_approve()
        self.assertEqual(grant.state, "submitted")

    def test_file_not_filed_is_refused(self):
        self.file_a.write({"state": "draft"})
        grant = self._grant(self.file_a)
        with self.assertRaisesRegex(UserError, "is not filed"):
            grant.action_submit()
        self.assertEqual(grant.state, "draft")

    def test_zero_and_negative_amounts(self):
        empty = self.env["union.relief.programme"].create({
            "name": "意外救助", "programme_type": "emergency", "organization_id": self.org_bureau.id,
        })
        empty.state = "open"
        grant = self._grant(self.file_a, empty)
        with self.assertRaisesRegex(UserError, "No relief standard"):
            grant.action_submit()
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self._grant(self.file_a, override_amount=-5.0, override_reason="x")
        in_kind = self._grant(self.file_a, aid_kind="in_kind", quantity=0.0, unit_value=100.0)
        with self.assertRaisesRegex(UserError, "greater than zero"):
            in_kind.action_submit()

    def test_override_needs_a_reason(self):
        with self.assertRaisesRegex(ValidationError, "Explain why"):
            self._grant(self.file_a, override_amount=800.0)
        grant = self._grant(self.file_a)
        grant.write({"override_amount": 800.0, "override_reason": "家中突发变故"})
        self.assertEqual((grant.computed_amount, grant.amount), (600.0, 800.0))
        self.assertTrue(grant._fields["override_amount"].tracking)
        self.assertTrue(grant._fields["override_reason"].tracking)

    def test_once_per_beneficiary_and_period(self):
        self._grant(self.file_a)
        with self.assertRaisesRegex(ValidationError, "paid once per period"):
            self._grant(self.file_a)
        other_month = "%s-%02d" % (self.year, 1 if self.today.month != 1 else 2)
        self.assertTrue(self._grant(self.file_a, period=other_month))

    def test_cancelled_grant_frees_the_period(self):
        grant = self._grant(self.file_a, cancel_reason="录入错误")
        grant.action_cancel()
        self.assertEqual(grant.state, "cancelled")
        self.assertTrue(self._grant(self.file_a))

    def test_household_yearly_cap(self):
        medical = self._create_programme("医疗救助", "medical", budget=50000.0, standards=[{
            "name": "自付超2000元", "method": "rate", "rate": 0.5, "deductible": 2000.0,
            "household_year_cap": 5000.0,
        }])
        self._approved(self.file_a, medical, cost_amount=10000.0)
        second = self._grant(self.file_a, medical, cost_amount=10000.0)
        self.assertEqual(second.amount, 1000.0)
        second.action_submit()
        third = self._grant(self.file_a, medical, cost_amount=4000.0)
        self.assertIn("yearly cap", third.amount_note)
        with self.assertRaisesRegex(UserError, "yearly cap"):
            third.action_submit()

    def test_over_budget_shows_what_remains(self):
        self.living.budget = 1000.0
        self._approved(self.file_a)
        grant = self._grant(self.file_a2, override_amount=500.0, override_reason="补发")
        grant.action_submit()
        with self.assertRaisesRegex(UserError, "has 400.00 left"):
            grant.with_user(self.centre_officer).action_approve()
        self.assertEqual(grant.state, "submitted")
        self.assertFalse(grant.move_id)

    def test_two_officers_approving_at_once(self):
        grant = self._grant(self.file_a)
        grant.action_submit()
        first = grant.with_user(self.centre_officer)
        second = grant.with_user(self.manager)
        # the second officer's form was loaded while the grant was submitted
        self.assertEqual(second.state, "submitted")
        first.action_approve()
        moves = self.env["account.move"].search([("union_relief_programme_id", "=", self.living.id)])
        with self.assertRaisesRegex(UserError, "You cannot approve .*: it is Approved"):
            second.action_approve()
        self.assertEqual(
            self.env["account.move"].search([("union_relief_programme_id", "=", self.living.id)]), moves
        )
        self.assertEqual(len(moves), 1)

    def test_stale_state_is_reread_after_the_lock(self):
        grant = self._grant(self.file_a)
        grant.action_submit()
        self.assertEqual(grant.state, "submitted")
        # another transaction approved it: the row changed under our cached record
        self.env.cr.execute("UPDATE union_relief_grant SET state = 'approved' WHERE id = %s", [grant.id])
        with self.assertRaisesRegex(UserError, "You cannot approve .*: it is Approved"):
            grant.with_user(self.centre_officer).action_approve()
        self.assertFalse(grant.move_id)

    def test_workflow_fields_only_change_through_buttons(self):
        grant = self._grant(self.file_a)
        with self.assertRaisesRegex(UserError, "through its buttons"):
            grant.write({"state": "approved"})
        # a context key sent over RPC opens nothing
        with self.assertRaisesRegex(UserError, "through its buttons"):
            grant.with_context(union_relief_workflow=True).write({"first_approver_id": self.manager.id})
        with self.assertRaisesRegex(UserError, "starts in its first state"):
            self._grant(self.file_a2, state="approved")
        self.assertEqual(grant.state, "draft")
        grant.action_submit()
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            grant.write({"override_amount": 9999.0, "override_reason": "x"})

    def test_amounts_come_from_the_standards_only(self):
        # household of 3 at 200 yuan per person
        grant = self._grant(self.file_a, amount=9999.0, computed_amount=9999.0)
        self.assertEqual((grant.computed_amount, grant.amount), (600.0, 600.0))
        self.assertEqual(grant.standard_id, self.living.standard_ids)
        with self.assertRaisesRegex(UserError, "comes from its programme's standards"):
            grant.write({"amount": 9999.0})
        with self.assertRaisesRegex(UserError, "comes from its programme's standards"):
            grant.write({"periodic": False})
        self.assertEqual(grant.amount, 600.0)

    def test_submitted_amount_does_not_follow_the_file(self):
        grant = self._grant(self.file_a)
        self.file_a.household_size = 4
        self.assertEqual(grant.amount, 800.0)
        grant.action_submit()
        self.file_a.household_size = 2
        self.assertEqual(grant.amount, 800.0)
        grant.with_user(self.centre_officer).action_approve()
        self.assertEqual(grant.sudo().move_id.amount_total, 800.0)
        self.file_a.household_size = 5
        self.env.flush_all()
        grant.invalidate_recordset()
        self.assertEqual((grant.computed_amount, grant.amount), (800.0, 800.0))

    def test_public_notice_before_payment(self):
        self.living.notice_required = True
        grant = self._approved(self.file_a)
        with self.assertRaisesRegex(UserError, "public notice"):
            grant.with_user(self.accountant).action_pay()
        grant.action_start_notice()
        self.assertEqual(grant.state, "notice")
        self.assertGreater(grant.notice_end_date, grant.notice_start_date)
        with self.assertRaisesRegex(UserError, "public notice"):
            grant.with_user(self.accountant).action_pay()

    def test_open_to_all_and_service_grants(self):
        with self.assertRaisesRegex(ValidationError, "filed households only"):
            self.env["union.relief.grant"].create({
                "programme_id": self.living.id, "beneficiary_type": "employee",
                "employee_id": self.employee_b.id,
            })
        legal = self.env["union.relief.programme"].create({
            "name": "法律援助", "programme_type": "legal", "organization_id": self.org_bureau.id,
            "approver_id": self.centre_officer.id,
        })
        legal.action_open()
        grant = self._grant(self.file_a, legal, case_description="欠薪", outcome="追回工资",
                            wages_recovered=12000.0)
        self.assertEqual(grant.aid_kind, "service")
        grant.action_submit()
        grant.with_user(self.centre_officer).action_approve()
        self.assertEqual(grant.state, "approved")
        self.assertFalse(grant.move_id)
