from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_relief import UnionReliefAccountingCommon


@tagged("post_install", "-at_install")
class TestReliefBatch(UnionReliefAccountingCommon):
    def _wizard(self, user=None, **vals):
        return self.env["union.relief.batch.wizard"].with_user(user or self.centre_officer).create({
            "programme_id": self.living.id, **vals,
        })

    def _previewed(self, user=None, **vals):
        wizard = self._wizard(user, **vals)
        wizard.action_preview()
        return wizard

    def _run(self, user=None, **vals):
        action = self._wizard(user, **vals).action_create_grants()
        return self.env["union.relief.batch"].browse(action["res_id"])

    def test_preview_counts_and_exclusions(self):
        self._approved(self.file_a2)
        draft = self._create_file(self.env["hr.employee"].create({
            "name": "赵六", "union_organization_id": self.org_branch_a.id,
        }), serial=21)
        self.assertEqual(draft.state, "draft")
        wizard = self._previewed()
        self.assertEqual(wizard.candidate_count, 3)
        self.assertEqual(wizard.planned_count, 2)
        self.assertEqual(wizard.planned_total, 600.0 + 400.0)
        self.assertEqual(wizard.excluded_count, 1)
        self.assertIn("Already granted for the period: 1", wizard.excluded_summary)
        self.assertIn(self.file_a2.display_name, wizard.excluded_summary)
        wizard.include_deep = False
        self.assertFalse(wizard.previewed)
        wizard.action_preview()
        self.assertEqual(wizard.candidate_count, 0)

    def test_selection_by_organisation(self):
        wizard = self._previewed(organization_ids=[Command.set(self.org_branch_b.ids)])
        self.assertEqual((wizard.candidate_count, wizard.planned_total), (1, 400.0))

    def test_officer_runs_only_for_their_organisations(self):
        self.assertEqual(self._previewed(user=self.officer_a).candidate_count, 2)

    def test_over_budget_households_are_excluded(self):
        self.living.budget = 700.0
        wizard = self._previewed()
        self.assertEqual(wizard.planned_count, 1)
        self.assertIn("Over budget", wizard.excluded_summary)

    def test_run_approve_post_and_pay_as_a_batch(self):
        batch = self._run()
        self.assertEqual(batch.grant_count, 3)
        self.assertEqual(batch.total_amount, 1200.0)
        self.assertEqual(batch.state, "draft")
        batch.action_submit()
        self.assertEqual(batch.state, "submitted")
        self.assertEqual(batch.activity_ids.user_id, self.centre_officer)
        self.assertFalse(batch.grant_ids.activity_ids)
        batch.with_user(self.manager).action_approve()
        self.assertEqual(batch.state, "approved")
        self.assertFalse(batch.activity_ids)
        move = batch.move_id
        self.assertEqual(len(batch.grant_ids.move_id), 1)
        self.assertEqual(len(move.line_ids), 4)
        payable = move.line_ids.filtered(lambda line: line.union_relief_grant_id)
        self.assertEqual(len(payable), 3)
        self.assertEqual(sorted(payable.mapped("credit")), [200.0, 400.0, 600.0])
        expense = move.line_ids - payable
        self.assertEqual(expense.debit, 1200.0)
        batch.with_user(self.accountant).action_pay()
        self.assertEqual(batch.state, "paid")
        # each step noted once on the run
        notes = batch.message_ids.filtered(lambda m: "3 grant(s)" in (m.body or ""))
        self.assertEqual(len(notes), 3)
        self.assertEqual(notes.author_id, (self.env.user | self.manager | self.accountant).partner_id)
        run = batch.grant_ids.payment_run_id
        self.assertEqual((len(run), len(run.move_id.line_ids)), (1, 4))
        self.assertTrue(all(payable.mapped("reconciled")))

    def test_steps_are_not_tracked_grant_by_grant(self):
        # chatter tracking on, as in use (the test classes turn it off)
        batch = self._run().with_context(tracking_disable=False)
        Grant = type(self.env["union.relief.grant"])
        with patch.object(Grant, "_track_prepare", autospec=True) as track_prepare:
            batch.action_submit()
            self.assertFalse(track_prepare.called)
            # a grant submitted on its own is tracked
            festival = self._create_programme(
                "送温暖", "festival", standards=[{"name": "每人", "method": "fixed_person", "amount": 300.0}],
            )
            self._grant(self.file_b, programme=festival, user=self.manager).with_context(
                tracking_disable=False
            ).action_submit()
            self.assertTrue(track_prepare.called)

    def test_batch_amounts_are_those_the_standards_compute(self):
        self.file_b.household_size = 4
        batch = self._run(user=self.officer_a)
        self.assertEqual(len(batch.grant_ids), 2)
        self.assertEqual(batch.grant_ids.create_uid, self.officer_a)
        for grant in batch.grant_ids:
            fresh = self.env["union.relief.grant"].new({
                "programme_id": self.living.id, "file_id": grant.file_id.id,
                "period": grant.period, "aid_kind": "cash",
            })
            self.assertTrue(grant.periodic)
            self.assertEqual(
                (grant.standard_id, grant.computed_amount, grant.amount, grant.amount_note),
                (fresh.standard_id, fresh.computed_amount, fresh.amount, fresh.amount_note),
            )
            self.assertEqual(grant.company_id, self.company)
        self.assertEqual(sorted(batch.grant_ids.mapped("amount")), [200.0, 600.0])

    def test_run_creates_grants_only_where_the_officer_may(self):
        # the grants are created as superuser: the officer's record rules are
        # checked on them afterwards, and a grant outside them stops the run
        Wizard = type(self.env["union.relief.batch.wizard"])
        prepare = Wizard._prepare_grant_vals_list

        def elsewhere(wizard, files, plan, batch):
            return [
                dict(vals, organization_id=self.org_branch_b.id)
                for vals in prepare(wizard, files, plan, batch)
            ]

        with patch.object(Wizard, "_prepare_grant_vals_list", elsewhere), \
                self.assertRaises(AccessError):
            self._run(user=self.officer_a)
        self.assertFalse(self.env["union.relief.grant"].search([("programme_id", "=", self.living.id)]))

    def test_same_run_twice_adds_nobody(self):
        self._run()
        with self.assertRaisesRegex(UserError, "creates no grant"):
            self._run()
        self.assertEqual(
            self.env["union.relief.grant"].search_count([("programme_id", "=", self.living.id)]), 3
        )

    def test_period_outside_the_year(self):
        with self.assertRaisesRegex(UserError, "outside the programme's fiscal year"):
            self._run(period="%s-01" % (self.year - 1))

    def test_bank_transfer_list_and_ledger(self):
        batch = self._run()
        batch.action_submit()
        batch.with_user(self.manager).action_approve()
        action = batch.with_user(self.accountant).action_bank_transfer_list()
        self.assertEqual(action["url"], "/union_relief/xlsx/union.relief.batch/%s" % batch.id)
        ledger = self.env["union.relief.ledger.wizard"].create({
            "period_from": self.month, "period_to": self.month,
        }).action_export()
        self.assertEqual(ledger["type"], "ir.actions.act_url")

    def _run_batch(self, organization):
        batch = self._run(organization_ids=[Command.set(organization.ids)])
        batch.action_submit()
        batch.with_user(self.manager).action_approve()
        return batch

    def test_query_count_does_not_grow_with_the_batch(self):
        small, large = self._create_small_and_large_branches()
        self.env.flush_all()
        self.env.invalidate_all()
        # Posting an entry makes Odoo bump the supplier rank of each payable's
        # partner, one locked UPDATE per partner (account.move._post): that is
        # Odoo's own per-partner cost, the same for the equivalent entry made by
        # hand, so it is counted apart and everything else must stay flat.
        Partner = type(self.env["res.partner"])
        with patch.object(Partner, "_increase_rank", autospec=True) as increase_rank:
            before = self.env.cr.sql_log_count
            batch = self._run_batch(small)
            self.env.flush_all()
            queries_10 = self.env.cr.sql_log_count - before
            self.assertEqual(len(batch.move_id.line_ids), 11)
            self.assertEqual(increase_rank.call_count, 10)
            self.env.invalidate_all()
            with self.assertQueryCount(queries_10 + 10):
                batch = self._run_batch(large)
                self.env.flush_all()
            self.assertEqual(increase_rank.call_count, 110)
        self.assertEqual(len(batch.move_id.line_ids), 101)
