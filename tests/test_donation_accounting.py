from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common_donation import UnionDonationCommon

# Queries of a batch validation beyond creating and posting its entries.
DONATION_QUERIES = 21


@tagged("post_install", "-at_install")
class TestDonationAccounting(UnionDonationCommon):
    def _analytic(self, account):
        return {str(account.id): 100}

    def test_donation_entries_are_hash_locked_and_never_reset_from_accounting(self):
        donation = self._donate(amount=500.0)
        move = donation.sudo().move_id
        bookkeeper = self.env["res.users"].create({
            "name": "记账员", "login": "donation_bookkeeper",
            "groups_id": [Command.set([self.env.ref("account.group_account_user").id,
                                       self.env.ref("base.group_user").id])],
        })
        with self.assertRaisesRegex(UserError, "books a union record"):
            move.with_user(bookkeeper).write({"state": "draft"})
        with self.assertRaises(UserError):
            move.with_user(bookkeeper).button_draft()
        with self.assertRaises(UserError):
            move.with_user(bookkeeper).unlink()
        results = self.company.with_user(bookkeeper)._check_hash_integrity()["results"]
        statuses = [
            result["status"] for result in results
            if result["journal_name"].startswith(move.journal_id.name)
        ]
        self.assertTrue(statuses)
        self.assertEqual(set(statuses), {"verified"})
        # the transfer journal is locked as well
        self.assertTrue(self.env["union.donation.transfer"]._default_journal().restrict_mode_hash_table)

    def test_validation_posts_restricted_income_against_outstanding_receipts(self):
        donation = self._donate(amount=500.0)
        move = donation.move_id
        self.assertEqual(move.state, "posted")
        # posted in the hash-locked donations journal, against the bank's receipts account
        self.assertEqual(move.journal_id, self.campaign.entry_journal_id)
        self.assertTrue(move.journal_id.restrict_mode_hash_table)
        self.assertTrue(move.inalterable_hash)
        self.assertEqual(move.ref, donation.name)
        self.assertRecordValues(move.line_ids.sorted("debit"), [
            {
                "account_id": self.income_account.id,
                "debit": 0.0,
                "credit": 500.0,
                "analytic_distribution": self._analytic(self.campaign.analytic_account_id),
                "partner_id": self.employee_a.work_contact_id.id,
            },
            {
                "account_id": self.outstanding_account.id,
                "debit": 500.0,
                "credit": 0.0,
                "analytic_distribution": False,
                "partner_id": self.employee_a.work_contact_id.id,
            },
        ])
        analytic_lines = self.env["account.analytic.line"].search([
            ("move_line_id", "in", move.line_ids.ids),
        ])
        self.assertEqual(analytic_lines.mapped("amount"), [500.0])
        self.assertEqual(analytic_lines.general_account_id, self.income_account)

    def _match_with_bank(self, donation):
        """Receive the donation on the bank statement and match it, as the
        reconciliation widget does: the statement line's suspense line becomes the
        outstanding receipts line, reconciled with the donation's debit. Returns
        (statement line, receipt line)."""
        st_line = self.env["account.bank.statement.line"].create({
            "journal_id": self.bank_journal.id,
            "date": self.today,
            "payment_ref": "张三明 捐款",
            "amount": donation.amount,
        })
        self.assertFalse(st_line.is_reconciled)
        _liquidity, suspense, _other = st_line._seek_for_lines()
        st_line.move_id.with_context(skip_readonly_check=True).write({
            "line_ids": [Command.update(suspense.id, {"account_id": self.outstanding_account.id})],
        })
        receipt_line = donation.move_id.line_ids.filtered(
            lambda line: line.account_id == self.outstanding_account
        )
        (suspense + receipt_line).reconcile()
        return st_line, receipt_line

    def test_bank_statement_line_is_reconciled_with_the_donation(self):
        donation = self._donate(amount=800.0, method="bank")
        st_line, receipt_line = self._match_with_bank(donation)
        self.assertTrue(st_line.is_reconciled)
        self.assertTrue(receipt_line.reconciled)
        self.assertEqual(self.campaign.raised_amount, 800.0)

    def test_cancel_after_the_bank_match_keeps_the_bank_matched(self):
        donation = self._donate(amount=800.0, method="bank")
        st_line, _receipt_line = self._match_with_bank(donation)
        donation.action_cancel()
        # the bank statement stays as the accountant matched it; the reversal's
        # receipt line is the money to refund (or to attribute again)
        self.assertTrue(st_line.is_reconciled)
        reversal_line = donation.reversal_move_id.line_ids.filtered(
            lambda line: line.account_id == self.outstanding_account
        )
        self.assertEqual(reversal_line.amount_residual, -800.0)
        self.assertEqual(self.campaign.raised_amount, 0.0)

    def test_cancel_reverses_and_keeps_the_posted_entry(self):
        donation = self._donate(amount=300.0)
        move = donation.move_id
        donation.action_cancel()
        self.assertEqual(donation.state, "cancelled")
        self.assertEqual(move.state, "posted")
        reversal = donation.reversal_move_id
        self.assertEqual(reversal.reversed_entry_id, move)
        self.assertEqual(reversal.state, "posted")
        self.assertTrue(move.line_ids.filtered(lambda line: line.account_id == self.outstanding_account).reconciled)
        self.assertEqual(self.campaign.raised_amount, 0.0)
        self.assertEqual(self.campaign.balance_amount, 0.0)
        with self.assertRaisesRegex(UserError, "You cannot cancel .* it is Cancelled"):
            donation.action_cancel()

    def test_cancel_of_a_draft_donation_posts_nothing(self):
        donation = self._create_donations()
        donation.action_cancel()
        self.assertEqual(donation.state, "cancelled")
        self.assertFalse(donation.move_id)
        self.assertFalse(donation.reversal_move_id)

    def test_money_already_transferred_cannot_be_cancelled(self):
        donation = self._donate(amount=1000.0)
        self.campaign.action_close()
        self.campaign.transfer_ids.with_user(self.manager).action_approve()
        with self.assertRaisesRegex(ValidationError, "has spent or transferred the money"):
            donation.action_cancel()
        self.campaign.with_user(self.manager).action_settle()
        with self.assertRaisesRegex(ValidationError, "The campaign is settled"):
            donation.action_cancel()
        self.assertEqual(donation.state, "validated")
        self.assertFalse(donation.reversal_move_id)

    def test_matching_moves_money_from_the_union_fund_to_the_campaign(self):
        transfer = self.env["union.donation.transfer"].create({
            "transfer_type": "matching",
            "campaign_id": self.campaign.id,
            "amount": 10000.0,
        })
        self.assertEqual(transfer.source_analytic_account_id, self.union_fund)
        self.assertEqual(self.campaign.matched_amount, 0.0)
        transfer.with_user(self.manager).action_approve()
        self.assertEqual(transfer.state, "posted")
        self.assertEqual(transfer.approved_by_id, self.manager)
        self.assertRecordValues(transfer.move_id.line_ids.sorted("debit"), [
            {
                "account_id": self.transfer_account.id,
                "debit": 0.0,
                "credit": 10000.0,
                "analytic_distribution": self._analytic(self.campaign.analytic_account_id),
            },
            {
                "account_id": self.transfer_account.id,
                "debit": 10000.0,
                "credit": 0.0,
                "analytic_distribution": self._analytic(self.union_fund),
            },
        ])
        self.assertEqual(self.campaign.matched_amount, 10000.0)
        self.assertEqual(self.campaign.balance_amount, 10000.0)
        closing = self.env["union.donation.transfer"].create({
            "transfer_type": "closing",
            "campaign_id": self.campaign.id,
            "target_campaign_id": self.general_fund.id,
            "amount": 6000.0,
        })
        closing.with_user(self.manager).action_approve()
        with self.assertRaisesRegex(UserError, "exceeds the campaign's balance of 4000.00"):
            transfer.with_user(self.manager).action_cancel()
        closing.with_user(self.manager).action_cancel()
        self.assertEqual(self.general_fund.balance_amount, 0.0)
        transfer.with_user(self.manager).action_cancel()
        self.assertEqual(transfer.state, "cancelled")
        self.assertEqual(self.campaign.balance_amount, 0.0)

    def test_transfer_amounts(self):
        with self.assertRaisesRegex(ValidationError, "fund transfer must be greater than zero"):
            self.env["union.donation.transfer"].create({
                "transfer_type": "matching", "campaign_id": self.campaign.id, "amount": 0.0,
            })
        self._donate(amount=100.0)
        transfer = self.env["union.donation.transfer"].create({
            "transfer_type": "closing",
            "campaign_id": self.campaign.id,
            "target_campaign_id": self.general_fund.id,
            "amount": 150.0,
        })
        with self.assertRaisesRegex(UserError, "exceeds the campaign's balance of 100.00"):
            transfer.with_user(self.manager).action_approve()
        self.assertFalse(transfer.move_id)

    def test_statement_counts_posted_entries_only(self):
        self._donate(amount=100.0)
        draft = self.env["union.donation"].new(self._donation_vals(amount=999.0))
        draft_move = self.env["account.move"].create(
            draft._prepare_move_vals(self.outstanding_account)
        )
        self.assertEqual(draft_move.state, "draft")
        self.assertEqual(self.campaign.raised_amount, 100.0)

    def test_batch_validation_is_one_create_and_one_post(self):
        donations = self._create_donations(count=5)
        donations.action_validate()
        moves = donations.move_id
        self.assertEqual(len(moves), 5)
        self.assertEqual(set(moves.mapped("state")), {"posted"})
        self.assertEqual(self.campaign.raised_amount, 500.0)

    def _direct_posting_queries(self, donations):
        """Queries to create and post the same entries directly, without donations."""
        vals_list = [d._prepare_move_vals(self.outstanding_account) for d in donations]
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        moves = self.env["account.move"].sudo().create(vals_list)
        moves.action_post()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_batch_validation_costs_bounded_queries(self):
        """Odoo spends a few queries per entry posted (sequence, balance check,
        analytic items); on top of that, validating donations costs the same
        number of queries whatever the size of the batch."""
        self._donate()  # warm up the sequences, journals and accounts
        for size in (3, 30):
            donations = self._create_donations(count=size)
            direct = self._direct_posting_queries(donations)
            self.env.invalidate_all()
            with self.assertQueryCount(direct + DONATION_QUERIES):
                donations.action_validate()
                self.env.flush_all()
            self.assertEqual(set(donations.mapped("state")), {"validated"})
            self.assertEqual(len(donations.move_id), size)
