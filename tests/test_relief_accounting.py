from odoo.tests import tagged

from .common_relief import UnionReliefAccountingCommon


@tagged("post_install", "-at_install")
class TestReliefAccounting(UnionReliefAccountingCommon):
    def _lines(self, move):
        payable = move.line_ids.filtered(lambda line: line.account_id.account_type == "liability_payable")
        expense = move.line_ids - payable
        return payable, expense

    def test_approval_posts_expense_against_payable(self):
        grant = self._approved(self.file_a)
        move = grant.sudo().move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.journal_id, self.journal)
        self.assertEqual(move.union_relief_programme_id, self.living)
        payable, expense = self._lines(move)
        self.assertEqual(expense.account_id, self.account_relief)
        self.assertEqual(expense.debit, 600.0)
        self.assertEqual(
            expense.analytic_distribution, {str(self.living.analytic_account_id.id): 100}
        )
        self.assertEqual(payable.credit, 600.0)
        self.assertEqual(payable.partner_id, self.employee_a.work_contact_id)
        self.assertEqual(
            payable.account_id,
            self.employee_a.work_contact_id.with_company(self.company).property_account_payable_id,
        )
        self.assertEqual(payable.union_relief_grant_id, grant)
        analytic = self.env["account.analytic.line"].search(
            [("auto_account_id", "=", self.living.analytic_account_id.id)]
        )
        self.assertEqual(sum(analytic.mapped("amount")), -600.0)

    def test_post_on_payment(self):
        self.living.post_on = "payment"
        grant = self._approved(self.file_a)
        self.assertFalse(grant.move_id)
        grant.with_user(self.accountant).action_pay()
        self.assertEqual(grant.sudo().move_id.state, "posted")
        self.assertEqual(grant.state, "paid")

    def test_payment_reconciles_the_payable(self):
        grant = self._approved(self.file_a)
        grant.with_user(self.accountant).action_pay()
        self.assertEqual(grant.state, "paid")
        run = grant.sudo().payment_run_id
        self.assertEqual((run.state, run.journal_id, run.total_amount), ("done", self.bank_journal, 600.0))
        self.assertEqual(run.move_id.state, "posted")
        payment = run.move_id.line_ids.filtered(lambda line: line.union_relief_grant_id == grant)
        self.assertEqual(payment.debit, 600.0)
        self.assertEqual(payment.partner_id, self.employee_a.work_contact_id)
        payable, _expense = self._lines(grant.sudo().move_id)
        self.assertEqual(payment.account_id, payable.account_id)
        self.assertTrue(payable.reconciled)
        self.assertEqual(payable.amount_residual, 0.0)

    def test_one_payment_entry_for_the_grants_paid_together(self):
        grants = self._approved(self.file_a) | self._approved(self.file_a2)
        grants.with_user(self.accountant).action_pay()
        run = grants.sudo().payment_run_id
        self.assertEqual(len(run), 1)
        payments = run.move_id.line_ids.filtered("union_relief_grant_id")
        self.assertEqual(sorted(payments.mapped("debit")), [200.0, 600.0])

    def test_cancel_unpaid_grant_reverses_and_reconciles(self):
        grant = self._approved(self.file_a)
        move = grant.sudo().move_id
        grant.with_user(self.manager).write({"cancel_reason": "重复申报"})
        grant.with_user(self.manager).action_cancel()
        reversal = grant.sudo().reversal_move_id
        self.assertEqual(grant.state, "cancelled")
        self.assertEqual(move.state, "posted")
        self.assertEqual(reversal.state, "posted")
        self.assertEqual(reversal.reversed_entry_id, move)
        payable, expense = self._lines(reversal)
        self.assertEqual((payable.debit, expense.credit), (600.0, 600.0))
        self.assertEqual(expense.analytic_distribution, {str(self.living.analytic_account_id.id): 100})
        self.assertTrue(self._lines(move)[0].reconciled)
        self.living.invalidate_recordset()
        self.assertEqual(self.living.committed_amount, 0.0)
        self.assertEqual(self.living.granted_amount, 0.0)

    def test_cancel_paid_grant_leaves_the_amount_to_recover(self):
        grant = self._approved(self.file_a)
        grant.with_user(self.accountant).action_pay()
        grant.with_user(self.accountant).write({"cancel_reason": "冒领"})
        grant.with_user(self.accountant).action_cancel()
        payable, _expense = self._lines(grant.sudo().reversal_move_id)
        self.assertEqual(payable.amount_residual, 600.0)
        self.assertIn("to be recovered", grant.message_ids[0].body)

    def test_cancel_one_grant_of_a_batch_entry(self):
        wizard = self.env["union.relief.batch.wizard"].with_user(self.centre_officer).create({
            "programme_id": self.living.id,
        })
        batch = self.env["union.relief.batch"].browse(wizard.action_create_grants()["res_id"])
        batch.with_user(self.centre_officer).action_submit()
        batch.with_user(self.manager).action_approve()
        move = batch.move_id
        grant = batch.grant_ids.filtered(lambda g: g.file_id == self.file_a)
        grant.write({"cancel_reason": "已离职"})
        grant.with_user(self.manager).action_cancel()
        payable, expense = self._lines(grant.sudo().reversal_move_id)
        self.assertEqual((len(payable), payable.debit, expense.credit), (1, 600.0, 600.0))
        self.assertEqual(move.state, "posted")
        self.assertEqual(batch.total_amount, 600.0)

    def test_cancel_a_paid_grant_of_a_batch_leaves_the_others_payable(self):
        wizard = self.env["union.relief.batch.wizard"].with_user(self.centre_officer).create({
            "programme_id": self.living.id,
        })
        batch = self.env["union.relief.batch"].browse(wizard.action_create_grants()["res_id"])
        batch.with_user(self.centre_officer).action_submit()
        batch.with_user(self.manager).action_approve()
        grant = batch.grant_ids.filtered(lambda g: g.file_id == self.file_a)
        grant.with_user(self.accountant).action_pay()
        grant.with_user(self.accountant).write({"cancel_reason": "冒领"})
        grant.with_user(self.accountant).action_cancel()
        # the reversal is the paid beneficiary's debt, never another's payment
        payable, _expense = self._lines(grant.sudo().reversal_move_id)
        self.assertEqual((payable.partner_id, payable.amount_residual), (grant.partner_id, 600.0))
        others = self._lines(batch.move_id)[0].filtered(lambda line: line.union_relief_grant_id != grant)
        self.assertEqual(len(others), 2)
        self.assertEqual(
            sorted(others.mapped("amount_residual")), sorted(others.mapped("balance"))
        )
        self.assertFalse(any(others.mapped("reconciled")))

    def test_in_kind_grant_credits_the_goods_account(self):
        grant = self._grant(self.file_a, aid_kind="in_kind", quantity=2.0, unit_value=150.0,
                            product_id=self.env["product.product"].create({"name": "棉被"}).id)
        self.assertEqual(grant.amount, 300.0)
        grant.action_submit()
        grant.with_user(self.centre_officer).action_approve()
        goods = grant.sudo().move_id.line_ids.filtered(lambda line: line.account_id == self.account_goods)
        self.assertEqual(goods.credit, 300.0)
        grant.with_user(self.accountant).action_pay()
        self.assertEqual(grant.state, "paid")
        self.assertFalse(grant.payment_run_id)
