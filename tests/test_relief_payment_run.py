from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import resident_id
from .common_relief import UnionReliefAccountingCommon
from .test_batch_paperwork import read_sheet

Run = "union.relief.payment.run"
LOGGER = "odoo.addons.union_relief.models.union_relief_payment_run"


@tagged("post_install", "-at_install")
class TestReliefPaymentRun(UnionReliefAccountingCommon):
    """Payment runs: one payment entry per run, each payable reconciled with its
    payment line, large runs paid in the background by committed chunks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outstanding = cls.env[Run]._outstanding_account(cls.bank_journal)
        cls.cron = cls.env.ref("union_relief.ir_cron_union_relief_payment_run")

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _approved_batch(self, count=0, offset=0, programme=None):
        """An approved batch run: the three test households, or ``count`` new
        ones in an organisation of their own."""
        vals = {"programme_id": (programme or self.living).id}
        if count:
            organization = self.env["union.organization"].create({
                "name": "付款分会%s" % offset, "code": "PAY%s" % offset,
                "parent_id": self.org_bureau.id,
            })
            employees = self.env["hr.employee"].create([
                {"name": "职工%s" % n, "union_organization_id": organization.id}
                for n in range(offset, offset + count)
            ])
            files = self.env["union.hardship.file"].create([
                self._file_vals(employee, identification_number=resident_id(serial=n))
                for n, employee in enumerate(employees, start=offset)
            ])
            files.write({"state": "filed"})
            vals["organization_ids"] = [Command.set(organization.ids)]
        wizard = self.env["union.relief.batch.wizard"].with_user(self.centre_officer).create(vals)
        batch = self.env["union.relief.batch"].browse(wizard.action_create_grants()["res_id"])
        batch.with_user(self.centre_officer).action_submit()
        batch.with_user(self.manager).action_approve()
        self.assertEqual(batch.state, "approved")
        return batch

    def _payables(self, grants):
        return self.env["account.move.line"].browse([grant._counterpart_line().id for grant in grants])

    def _assert_paid_once(self, run, grants):
        """One posted, balanced entry; every payable reconciled with its own
        payment line, once; the grants paid."""
        run = run.sudo()
        self.assertEqual(run.state, "done")
        self.assertEqual(self.env["account.move"].search_count([("ref", "=", run.name)]), 1)
        move = run.move_id
        self.assertEqual((move.state, move.journal_id), ("posted", self.bank_journal))
        total = sum(grants.mapped("amount"))
        self.assertEqual(sum(move.line_ids.mapped("debit")), total)
        self.assertEqual(sum(move.line_ids.mapped("credit")), total)
        credit = move.line_ids.filtered(lambda line: not line.union_relief_grant_id)
        self.assertEqual((credit.account_id, credit.credit), (self.outstanding, total))
        payments = move.line_ids - credit
        self.assertEqual(payments.union_relief_grant_id, grants)
        for grant, payable in zip(grants, self._payables(grants)):
            payment = payments.filtered(lambda line: line.union_relief_grant_id == grant)
            self.assertEqual(
                (payment.account_id, payment.partner_id, payment.debit),
                (payable.account_id, payable.partner_id, grant.amount),
            )
            self.assertEqual((payable.amount_residual, payment.amount_residual), (0.0, 0.0))
            self.assertEqual(len(payable.matched_debit_ids), 1)
            self.assertEqual(payable.matched_debit_ids.debit_move_id, payment)
            self.assertTrue(payable.full_reconcile_id)
            self.assertEqual(payable.full_reconcile_id, payment.full_reconcile_id)
        self.assertEqual(set(grants.mapped("state")), {"paid"})
        self.assertEqual(set(grants.mapped("paid_date")), {run.date})
        self.assertEqual((run.grant_count, run.paid_count, run.progress), (len(grants), len(grants), 100.0))

    # ------------------------------------------------------------------
    # Paying at once
    # ------------------------------------------------------------------

    def test_accountant_pays_a_batch_by_one_entry(self):
        batch = self._approved_batch()
        batch.with_user(self.accountant).action_pay()
        grants = batch.grant_ids
        run = grants.payment_run_id
        self.assertEqual(len(run), 1)
        self.assertEqual((run.batch_id, run.user_id, run.journal_id), (batch, self.accountant, self.bank_journal))
        self._assert_paid_once(run, grants)
        self.assertEqual(batch.state, "paid")
        self.assertIn("Paid 3 grant(s)", run.message_ids[0].body)
        note = batch.message_ids.filtered(lambda m: run.name in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn("3 grant(s)", note.body)
        self.assertIn(run.move_id.name, note.body)
        # the stat buttons of the run and of the batch open their grants and entries
        for record, entry in ((run.with_user(self.accountant), run.move_id),
                              (batch.with_user(self.accountant), grants.move_id)):
            action = record.action_view_grants()
            self.assertEqual(self.env["union.relief.grant"].search(action["domain"]), grants)
            self.assertEqual(record.action_view_move()["res_id"], entry.id)

    def test_one_run_per_payment_journal(self):
        other_bank = self.env["account.journal"].create({
            "name": "工会农行", "code": "ABC1", "type": "bank", "company_id": self.company.id,
        })
        festival = self._create_programme(
            "送温暖", "festival", payment_journal_id=other_bank.id, budget=10000.0,
            standards=[{"name": "每人", "method": "fixed_person", "amount": 300.0}],
        )
        grants = self._approved(self.file_a) | self._approved(self.file_a2, programme=festival)
        grants.with_user(self.accountant).action_pay()
        runs = grants.payment_run_id
        self.assertEqual(len(runs), 2)
        self.assertFalse(runs.batch_id, "grants paid one by one come from no batch run")
        self.assertEqual(runs.move_id.journal_id, self.bank_journal | other_bank)
        self.assertEqual(set(grants.mapped("state")), {"paid"})
        for run in runs:
            self.assertEqual(len(run.grant_ids), 1)
            self.assertEqual(len(run.move_id.line_ids), 2)

    def test_services_are_paid_without_a_run(self):
        grant = self._approved(self.file_a, aid_kind="service")
        grant.with_user(self.accountant).action_pay()
        self.assertEqual(grant.state, "paid")
        self.assertFalse(grant.payment_run_id)

    def test_a_grant_is_paid_once(self):
        self.company.union_payment_run_threshold = 0
        grant = self._approved(self.file_a)
        grant.with_user(self.accountant).action_pay()
        run = grant.payment_run_id
        self.assertEqual((run.state, grant.state), ("queued", "approved"))
        with self.assertRaisesRegex(UserError, "already in the payment run"):
            grant.with_user(self.accountant).action_pay()
        self.env[Run]._cron_process_payment_runs()
        self.assertEqual(grant.state, "paid")
        with self.assertRaisesRegex(UserError, "it is Paid"):
            grant.with_user(self.accountant).action_pay()
        self.assertEqual(self.env[Run].search_count([("grant_ids", "in", grant.ids)]), 1)
        self._assert_paid_once(run, grant)

    def test_journal_without_outstanding_account_is_refused_before_booking(self):
        grant = self._approved(self.file_a)
        Model = type(self.env[Run])
        with patch.object(Model, "_outstanding_account", lambda self, journal: journal.browse()), \
                self.assertRaisesRegex(UserError, "no outstanding payments account"):
            grant.with_user(self.accountant).action_pay()
        self.assertEqual(grant.state, "approved")
        self.assertFalse(grant.payment_run_id)

    # ------------------------------------------------------------------
    # Rights
    # ------------------------------------------------------------------

    def test_only_the_accountant_pays(self):
        batch = self._approved_batch()
        grant = batch.grant_ids[0]
        for user in (self.officer_a, self.centre_officer, self.manager, self.auditor):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    batch.with_user(user).action_pay()
                with self.assertRaises(AccessError):
                    grant.with_user(user).action_pay()
        self.assertEqual(set(batch.grant_ids.mapped("state")), {"approved"})
        self.assertFalse(batch.grant_ids.payment_run_id)

    def test_runs_and_their_fields_change_through_their_steps_only(self):
        self.company.union_payment_run_threshold = 0
        batch = self._approved_batch()
        batch.with_user(self.accountant).action_pay()
        run = batch.grant_ids.payment_run_id
        grant = batch.grant_ids[0]
        other = self.env[Run].sudo().create({
            "company_id": self.company.id, "journal_id": self.bank_journal.id, "date": self.today,
        })
        for user in (self.officer_a, self.centre_officer, self.manager, self.auditor, self.accountant):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    grant.with_user(user).write({"payment_run_id": other.id})
                with self.assertRaises(UserError):
                    grant.with_user(user).write({"payment_run_id": False})
                for vals in ({"state": "done"}, {"move_id": False}, {"paid_count": 3},
                             {"journal_id": self.journal.id}, {"grant_ids": [Command.clear()]}):
                    with self.assertRaises(UserError):
                        run.with_user(user).write(vals)
                with self.assertRaises(UserError):
                    self.env[Run].with_user(user).create({
                        "company_id": self.company.id, "journal_id": self.bank_journal.id,
                        "date": self.today,
                    })
        # the scheduled action's steps are the system's, whoever calls them
        with self.assertRaises(AccessError):
            run.with_user(self.accountant)._workflow_check("start")
        for user in (self.officer_a, self.manager, self.auditor):
            with self.assertRaises(AccessError):
                run.with_user(user).action_resume()
        self.assertEqual((run.state, grant.payment_run_id), ("queued", run))
        # the readers read it
        for user in (self.manager, self.auditor, self.accountant):
            self.assertEqual(run.with_user(user).read(["grant_count"])[0]["grant_count"], 3)
        with self.assertRaises(AccessError):
            run.with_user(self.officer_a).read(["grant_count"])

    # ------------------------------------------------------------------
    # Background runs
    # ------------------------------------------------------------------

    def test_large_run_is_paid_in_the_background_by_chunks(self):
        self.company.union_payment_run_threshold = 4
        batch = self._approved_batch(count=5, offset=100)
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.cron.id)])
        batch.with_user(self.accountant).action_pay()
        grants = batch.grant_ids
        run = grants.payment_run_id
        self.assertEqual((run.state, run.grant_count, run.move_id), ("queued", 5, run.move_id.browse()))
        self.assertEqual(set(grants.mapped("state")), {"approved"})
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.cron.id)]), triggers + 1
        )
        self.assertIn("queued by union_accountant", batch.message_ids[0].body)
        # nothing can be paid again or cancelled while the run is under way
        self.assertFalse(any(grants.mapped("can_pay")))
        self.assertFalse(batch.can_pay)
        grants[:1].with_user(self.manager).write({"cancel_reason": "发放有误"})
        with self.assertRaisesRegex(UserError, "is being paid by the payment run"):
            grants[:1].with_user(self.manager).action_cancel()
        self.assertTrue(self.cron.active)
        self.assertEqual(self.cron.code.strip(), "model._cron_process_payment_runs()")

        # the first chunk books the whole entry, the next one pays two grants
        Runs = self.env[Run]
        self.assertEqual(Runs._cron_process_payment_runs(chunk_size=2, max_chunks=1), 0)
        self.assertEqual((run.state, run.paid_count), ("running", 0))
        self.assertEqual(run.move_id.state, "posted")
        self.assertEqual(len(run.move_id.line_ids), 6)
        entry = run.move_id
        self.assertEqual(Runs._cron_process_payment_runs(chunk_size=2, max_chunks=1), 2)
        self.assertEqual((run.state, run.paid_count, run.progress), ("running", 2, 40.0))
        self.assertEqual(grants.mapped("state").count("paid"), 2)

        # the next chunk fails: it is undone and the run stops with the reason
        Line = type(self.env["account.move.line"])
        with patch.object(Line, "_union_reconcile_pairs", side_effect=UserError("银行接口超时")), \
                self.assertLogs(LOGGER, "ERROR"):
            self.assertEqual(Runs._cron_process_payment_runs(chunk_size=2, max_chunks=1), 0)
        self.assertEqual((run.state, run.paid_count, run.move_id), ("failed", 2, entry))
        self.assertEqual(run.error_message, "银行接口超时")
        self.assertEqual(grants.mapped("state").count("paid"), 2)
        self.assertEqual(self._payables(grants).mapped("reconciled").count(True), 2)
        with self.assertRaisesRegex(UserError, "resume it"):
            run.with_user(self.accountant).action_cancel()

        # the accountant resumes it; the chunks left are paid, nothing twice
        run.with_user(self.accountant).action_resume()
        self.assertEqual(run.state, "queued")
        self.assertEqual(Runs._cron_process_payment_runs(chunk_size=2), 3)
        self.assertEqual(run.move_id, entry)
        self._assert_paid_once(run, grants)
        self.assertIn("Paid 5 grant(s)", run.message_ids[0].body)
        self.assertEqual(batch.state, "paid")
        self.assertEqual(len(batch.message_ids.filtered(lambda m: "Paid by" in (m.body or ""))), 1)
        # called again: nothing left to do
        self.assertEqual(Runs._cron_process_payment_runs(chunk_size=2), 0)

    def test_chunk_called_again_after_a_crash_pays_nothing_twice(self):
        self.company.union_payment_run_threshold = 0
        batch = self._approved_batch(count=3, offset=300)
        batch.with_user(self.accountant).action_pay()
        run = batch.grant_ids.payment_run_id
        Runs = self.env[Run]
        Runs._cron_process_payment_runs(chunk_size=1, max_chunks=2)
        entry = run.move_id
        self.assertEqual(run.paid_count, 1)
        # the worker died after committing these chunks: the next call goes on
        self.env.invalidate_all()
        Runs._cron_process_payment_runs(chunk_size=1, max_chunks=1)
        self.assertEqual((run.move_id, run.paid_count), (entry, 2))
        Runs._cron_process_payment_runs(chunk_size=1)
        self._assert_paid_once(run, batch.grant_ids)

    def test_run_that_failed_before_booking_can_be_cancelled_and_paid_again(self):
        self.company.union_payment_run_threshold = 0
        grant = self._approved(self.file_a)
        grant.with_user(self.accountant).action_pay()
        run = grant.sudo().payment_run_id
        Move = type(self.env["account.move"])
        with patch.object(Move, "action_post", side_effect=UserError("会计期间已锁定")), \
                self.assertLogs(LOGGER, "ERROR"):
            self.env[Run]._cron_process_payment_runs()
        self.assertEqual((run.state, run.move_id), ("failed", run.move_id.browse()))
        self.assertIn("会计期间已锁定", run.message_ids[0].body)
        run.with_user(self.accountant).action_cancel()
        self.assertEqual(run.state, "cancelled")
        self.assertFalse(grant.payment_run_id)
        self.company.union_payment_run_threshold = 500
        grant.with_user(self.accountant).action_pay()
        self.assertNotEqual(grant.payment_run_id, run)
        self._assert_paid_once(grant.payment_run_id, grant)

    # ------------------------------------------------------------------
    # Bounded queries, bank transfer list, settings
    # ------------------------------------------------------------------

    def test_query_count_of_paying_does_not_grow_with_the_run(self):
        small = self._approved_batch(count=5, offset=500)
        large = self._approved_batch(count=20, offset=600)
        self.env.flush_all()
        self.env.invalidate_all()
        # Posting an entry bumps the supplier rank of each payable's partner, one
        # UPDATE per partner: Odoo's own cost, counted apart (see test_relief_batch).
        Partner = type(self.env["res.partner"])
        with patch.object(Partner, "_increase_rank", autospec=True):
            before = self.env.cr.sql_log_count
            small.with_user(self.accountant).action_pay()
            self.env.flush_all()
            queries_5 = self.env.cr.sql_log_count - before
            self.env.invalidate_all()
            with self.assertQueryCount(queries_5):
                large.with_user(self.accountant).action_pay()
                self.env.flush_all()
        self._assert_paid_once(large.grant_ids.payment_run_id, large.grant_ids)

    def test_bank_transfer_list_of_a_run(self):
        batch = self._approved_batch()
        batch.with_user(self.accountant).action_pay()
        run = batch.grant_ids.payment_run_id.with_user(self.accountant)
        action = run.action_bank_transfer_list()
        self.assertEqual(action["url"], "/union_relief/xlsx/%s/%s" % (Run, run.id))
        filename, content = run._xlsx_export()
        self.assertTrue(filename.endswith("%s.xlsx" % run.name.replace("/", "-")))
        rows = read_sheet(content)
        self.assertEqual(len(rows), 1 + 3 + 1)
        self.assertEqual(rows[-1][4], 1200.0)
        self.assertEqual(
            sorted(row[0] for row in rows[1:-1]), sorted(batch.grant_ids.mapped("name"))
        )
        _name, batch_content = batch.with_user(self.accountant)._xlsx_export()
        self.assertEqual(read_sheet(batch_content)[1:], rows[1:])
        for user in (self.manager, self.auditor):
            with self.assertRaises(AccessError):
                run.with_user(user)._xlsx_export()

    def test_readers_open_the_runs(self):
        batch = self._approved_batch()
        batch.with_user(self.accountant).action_pay()
        run = batch.grant_ids.payment_run_id
        for user in (self.accountant, self.manager, self.auditor):
            with self.subTest(user=user.login):
                Runs = self.env[Run].with_user(user)
                views = Runs.get_views([(False, "list"), (False, "form"), (False, "search")])
                form = views["views"]["form"]["arch"]
                self.assertEqual("action_resume" in form, user == self.accountant)
                self.assertEqual('name="journal_id"' in form, user != self.auditor)
                self.assertEqual(Runs.search([("id", "=", run.id)]), run)
                fields = list(views["models"][Run]["fields"])
                self.assertEqual(run.with_user(user).read(fields)[0]["grant_count"], 3)

    def test_manager_sets_the_background_threshold(self):
        settings = self.env["union.relief.settings"].with_user(self.manager).create({
            "payment_run_threshold": 2000,
        })
        settings.action_save()
        self.assertEqual(self.company.union_payment_run_threshold, 2000)
        with self.assertRaisesRegex(ValidationError, "Background Payment Threshold"):
            self.env["union.relief.settings"].with_user(self.manager).create({
                "payment_run_threshold": -1,
            }).action_save()
