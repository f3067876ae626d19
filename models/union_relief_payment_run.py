"""Payment runs: the cash grants of one payment journal paid by one entry.

A run books one payment entry (a debit on each grant's payable, one credit on
the journal's outstanding payments account), reconciles each payable with its
payment line and marks the grants paid. Small runs are paid in the request;
large ones by a scheduled action, in committed chunks (doc/workflows.md).
"""

import logging

from odoo import Command, _, api, fields, models, modules, tools
from odoo.exceptions import UserError
from odoo.tools import format_amount

from ..union_relief.money import rmb_upper_or_empty
from ..utils.groups import ACCOUNTANT
from ..utils.statistics import refresh_planner_statistics
from ..utils.xlsx import safe_filename
from .union_workflow_mixin import Transition

_logger = logging.getLogger(__name__)

# grants reconciled and marked paid per committed chunk of a background run
CHUNK_SIZE = 5000
# chunks one call of the scheduled action takes before it hands back to the
# scheduler, which calls it again at once while grants remain
MAX_CHUNKS = 10
# the states of the grants a run still has to pay
PAYABLE_STATES = ("approved", "notice")
# the states of a run the scheduled action works on
PENDING_STATES = ("queued", "running")


class UnionReliefPaymentRun(models.Model):
    _name = "union.relief.payment.run"
    _description = "Relief Payment Run"
    _inherit = [
        "mail.thread", "union.workflow.mixin", "union.xlsx.export.mixin", "union.numbered.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True

    # Everything a run holds is written by its steps: the accountant pays
    # grants (which makes the run), resumes or cancels a run that stopped.
    _workflow_system_fields = frozenset({
        "name", "company_id", "journal_id", "date", "batch_id", "user_id", "grant_count",
        "paid_count", "total_amount", "move_id", "error_message",
    })
    # a run is never deleted: it books, or booked, a payment entry
    _workflow_deletable_states = ()
    _union_sequence_code = "union.relief.payment.run"

    # === Identity fields === #
    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: _("New"),
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        index=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="company_id.currency_id",
    )
    journal_id = fields.Many2one(
        comodel_name="account.journal",
        string="Payment Journal",
        required=True,
        readonly=True,
        check_company=True,
    )
    date = fields.Date(
        string="Payment Date",
        required=True,
        readonly=True,
    )
    batch_id = fields.Many2one(
        comodel_name="union.relief.batch",
        string="Batch Run",
        readonly=True,
        index="btree_not_null",
        check_company=True,
        help="The batch run the grants come from, when they all come from one.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Started By",
        readonly=True,
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("queued", "Queued"),
            ("running", "Running"),
            ("done", "Done"),
            ("failed", "Failed"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    error_message = fields.Text(
        string="Why It Stopped",
        readonly=True,
        copy=False,
    )

    # === Grant fields === #
    grant_ids = fields.One2many(
        comodel_name="union.relief.grant",
        inverse_name="payment_run_id",
        string="Grants",
        readonly=True,
    )
    grant_count = fields.Integer(
        readonly=True,
        help="The grants the run pays.",
    )
    paid_count = fields.Integer(
        string="Grants Paid",
        readonly=True,
    )
    progress = fields.Float(
        compute="_compute_progress",
        help="Share of the run's grants paid, in percent.",
    )
    total_amount = fields.Monetary(readonly=True)
    amount_in_words = fields.Char(
        string="Amount in Words",
        compute="_compute_amount_in_words",
    )

    # === Accounting fields === #
    move_id = fields.Many2one(
        comodel_name="account.move",
        string="Payment Entry",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("paid_count", "grant_count")
    def _compute_progress(self):
        for run in self:
            run.progress = 100.0 * run.paid_count / run.grant_count if run.grant_count else 0.0

    @api.depends("total_amount")
    def _compute_amount_in_words(self):
        for run in self:
            run.amount_in_words = rmb_upper_or_empty(run.total_amount)

    # ------------------------------------------------------------------
    # Workflow table (see doc/workflows.md)
    # ------------------------------------------------------------------

    @api.model
    def _workflow_transitions(self):
        return {
            "queue": Transition(("draft",), "queued"),
            "start": Transition(("draft", "queued"), "running"),
            "finish": Transition(("running",), "done"),
            "fail": Transition(PENDING_STATES, "failed"),
            "resume": Transition(("failed",), "queued", (ACCOUNTANT,)),
            "cancel": Transition(("failed",), "cancelled", (ACCOUNTANT,)),
        }

    @api.model
    def _workflow_action_labels(self):
        return {
            "queue": _("queue"),
            "start": _("start"),
            "finish": _("finish"),
            "fail": _("stop"),
            "resume": _("resume"),
            "cancel": _("cancel"),
        }

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_resume(self):
        self._workflow_check("resume")
        self._do_resume()
        return True

    def action_cancel(self):
        self._workflow_check("cancel")
        self._check_can_cancel()
        self._do_cancel()
        return True

    def action_view_grants(self):
        self.ensure_one()
        return self.env["union.relief.grant"]._action_view_grants(
            _("Grants of %s", self.name), [("payment_run_id", "=", self.id)]
        )

    def action_view_move(self):
        self.ensure_one()
        return self.move_id._union_action_open()

    def action_bank_transfer_list(self):
        """XLSX list for the bank: one transfer per grant of the run."""
        self.ensure_one()
        self.env["union.relief.batch"]._check_can_list_bank_transfers()
        return self._action_download_xlsx()

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------

    def _check_can_cancel(self):
        for run in self:
            if run.move_id:
                raise UserError(_(
                    "%s has booked its payment entry: resume it to finish the payment.", run.name
                ))

    @api.model
    def _check_payment_journal(self, journal):
        """Refuse a journal a run cannot pay from, before anything is booked."""
        if journal.type not in ("bank", "cash"):
            raise UserError(_(
                "%s is not a bank or cash journal: relief grants are paid from one.",
                journal.display_name,
            ))
        if journal.currency_id and journal.currency_id != journal.company_id.currency_id:
            raise UserError(_(
                "%(journal)s pays in %(currency)s: relief grants are paid in the company's "
                "currency, choose a payment journal in it.",
                journal=journal.display_name,
                currency=journal.currency_id.name,
            ))
        if not self._outstanding_account(journal):
            raise UserError(_(
                "%s has no outstanding payments account: set one on its outgoing payment "
                "method.",
                journal.display_name,
            ))

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------

    def _do_resume(self):
        self._workflow_apply("resume", {"error_message": False})
        self._start()

    def _do_cancel(self):
        # the grants can be paid again, by another run
        self.grant_ids._workflow_write({"payment_run_id": False})
        self._workflow_apply("cancel")

    def _system_step(self, name, vals=None):
        """Take a step only the system takes: the accountant's own step (paying,
        resuming) passed its checks, or the scheduled action runs."""
        runs = self.sudo()
        runs._workflow_check(name)
        runs._workflow_apply(name, vals)

    # ------------------------------------------------------------------
    # Business: making and starting runs
    # ------------------------------------------------------------------

    @api.model
    def _create_for_grants(self, grants):
        """One run per payment journal for these cash grants, which the caller
        checked may be paid and are in no run."""
        groups = grants.grouped(lambda grant: grant.programme_id.payment_journal_id)
        today = fields.Date.context_today(self)
        runs = self.sudo().create([
            self._prepare_run_vals(journal, journal_grants, today)
            for journal, journal_grants in groups.items()
        ]).sudo(False)
        for run, journal_grants in zip(runs, groups.values()):
            journal_grants._workflow_write({"payment_run_id": run.id})
        return runs

    @api.model
    def _prepare_run_vals(self, journal, grants, date):
        batches = grants.batch_id
        one_batch = len(batches) == 1 and all(grant.batch_id for grant in grants)
        return {
            "company_id": journal.company_id.id,
            "journal_id": journal.id,
            "date": date,
            "batch_id": batches.id if one_batch else False,
            "user_id": self.env.uid,
            "grant_count": len(grants),
            "total_amount": journal.company_id.currency_id.round(sum(grants.mapped("amount"))),
        }

    def _start(self):
        """Pay small runs at once, in the request; queue the others for the
        scheduled action (the threshold is the company's setting)."""
        background = self.filtered(
            lambda run: run.grant_count > run.company_id.union_payment_run_threshold
        )
        for run in self - background:
            run._process()
        if not background:
            return
        background.filtered(lambda run: run.state == "draft")._system_step("queue")
        for run in background:
            run._note(_(
                "Payment of %(count)s grant(s), %(total)s, queued by %(user)s: it runs in the "
                "background, in chunks; the result is posted here when it is done.",
                count=run.grant_count,
                total=format_amount(self.env, run.total_amount, run.currency_id),
                user=self.env.user.name,
            ))
        self.env.ref("union_relief.ir_cron_union_relief_payment_run").sudo()._trigger()

    # ------------------------------------------------------------------
    # Business: paying
    # ------------------------------------------------------------------

    def _process(self, chunk_size=None):
        """Pay the whole run in this transaction, by chunks of ``chunk_size``
        grants (all at once without one)."""
        self.ensure_one()
        while self.state in ("draft", *PENDING_STATES):
            self._process_chunk(chunk_size)

    def _process_chunk(self, limit=None):
        """One step of the run, committed on its own by the scheduled action:
        the payment entry when the run has none yet, else the reconciliation of
        up to ``limit`` grants, marked paid. A chunk that fails leaves nothing
        behind, and the entry is booked once, with the run holding it, so a run
        resumed after a crash never pays twice.

        Returns the number of grants paid.
        """
        self.ensure_one()
        if self.state != "running":
            self._system_step("start")
        if not self.move_id:
            # a chunk of its own: the reconciliations that follow then update
            # lines of a committed entry, which PostgreSQL checks for less
            self._book_entry()
            return 0
        grants = self.env["union.relief.grant"].search(
            [("payment_run_id", "=", self.id), ("state", "in", PAYABLE_STATES)],
            order="id",
            limit=limit and limit + 1,
        )
        chunk = grants[:limit] if limit else grants
        self._settle(chunk)
        if len(grants) == len(chunk):
            self._finish()
        return len(chunk)

    def _book_entry(self):
        """Book the run's payment entry. Grants no longer to pay (cancelled, or
        their payable settled otherwise since the run was made) leave the run."""
        grants = self.grant_ids.filtered(lambda grant: grant.state in PAYABLE_STATES)
        payables = self._payable_lines(grants)
        to_pay = grants.filtered(
            lambda grant: grant in payables and not payables[grant].reconciled
        )
        left = self.grant_ids - to_pay
        if left:
            left._workflow_write({"payment_run_id": False})
            self._note(_(
                "%(count)s grant(s) left the run: no longer to pay (%(grants)s).",
                count=len(left),
                grants=", ".join(left.mapped("display_name")),
            ))
        if not to_pay:
            raise UserError(_("%s has no grant left to pay.", self.name))
        move = self.env["account.move"].sudo().with_company(self.company_id).with_context(
            skip_invoice_sync=True, tracking_disable=True,
        ).create(self._prepare_move_vals(to_pay, payables))
        move._union_post()
        # the reconciliations that follow insert rows referencing these lines
        refresh_planner_statistics(self.env.cr, ["account_move_line"], len(to_pay) + 1)
        self._workflow_write({
            "move_id": move.id,
            "grant_count": len(to_pay),
            "total_amount": self.currency_id.round(
                -sum(payables[grant].amount_residual for grant in to_pay)
            ),
        })

    def _prepare_move_vals(self, grants, payables):
        """One debit per grant on its payable (the account and partner of its
        entry's line, so it follows the payee), one credit for the total."""
        self.ensure_one()
        lines = [
            {
                "name": grant._get_move_label(),
                "partner_id": payables[grant].partner_id.id,
                "account_id": payables[grant].account_id.id,
                "balance": -payables[grant].amount_residual,
                "union_relief_grant_id": grant.id,
                "analytic_distribution": False,
            }
            for grant in grants
        ]
        lines.append({
            "name": _("Payment run %s", self.name),
            "account_id": self._outstanding_account(self.journal_id).id,
            "balance": -self.currency_id.round(sum(line["balance"] for line in lines)),
            "analytic_distribution": False,
        })
        lines = self.env["account.move.line"]._union_with_computed_vals(lines, self.currency_id)
        return {
            "move_type": "entry",
            "journal_id": self.journal_id.id,
            "date": self.date,
            "ref": self.name,
            "line_ids": [Command.create(vals) for vals in lines],
        }

    @api.model
    def _payable_lines(self, grants):
        """{grant: the payable line of its entry}, read in one query."""
        lines = self.env["account.move.line"].sudo().search_fetch(
            [("union_relief_grant_id", "in", grants.ids), ("move_id", "in", grants.move_id.ids)],
            ["union_relief_grant_id", "move_id", "partner_id", "account_id", "reconciled",
             "amount_residual"],
            order="id",
        )
        payables = {}
        for line in lines:
            grant = line.union_relief_grant_id
            if line.move_id == grant.move_id:
                payables.setdefault(grant, line)
        return payables

    def _settle(self, grants):
        """Reconcile each grant's payable with its payment line, all at once
        (account.move.line._union_reconcile_pairs), and mark the grants paid.
        A pair already reconciled (a chunk that was committed) is not
        reconciled again."""
        if not grants:
            return
        payment_lines = {
            line.union_relief_grant_id: line
            for line in self.env["account.move.line"].sudo().search_fetch(
                [("move_id", "=", self.move_id.id), ("union_relief_grant_id", "in", grants.ids)],
                ["union_relief_grant_id", "reconciled", "account_id"],
            )
        }
        payables = self._payable_lines(grants)
        pairs = []
        for grant in grants:
            payable = payables.get(grant)
            payment = payment_lines.get(grant)
            if payment and payable and not payment.reconciled and not payable.reconciled:
                pairs.append((payable, payment))
        if pairs:
            Line = self.env["account.move.line"].sudo()
            lines = Line.concat(*(payable | payment for payable, payment in pairs))
            Line.with_context(
                # for the pairs Odoo's own reconciliation takes (a payable partly
                # settled otherwise, another currency), the context keys its bulk
                # reconciliations (imports) use: matching amounts changes no
                # balance and no tax or payment term line, so neither entry is
                # checked again nor synced; relief payables carry no tax to book
                # on payment; and lines all in the company's currency leave no
                # exchange difference to book
                check_move_validity=False,
                skip_invoice_sync=True,
                no_cash_basis=True,
                no_exchange_difference=all(
                    line.currency_id == line.company_currency_id for line in lines
                ),
            )._union_reconcile_pairs(pairs)
        grants._workflow_apply("pay", {"paid_date": self.date})
        self._workflow_write({"paid_count": self.paid_count + len(grants)})

    def _finish(self):
        self._system_step("finish")
        paid = self.grant_ids.filtered(lambda grant: grant.state == "paid")
        self._note(_(
            "Paid %(count)s grant(s), %(total)s, by the entry %(entry)s.",
            count=len(paid),
            total=format_amount(self.env, self.total_amount, self.currency_id),
            entry=self.move_id.name,
        ), batches=False)
        unpaid = self.grant_ids - paid
        if unpaid:
            self._note(_(
                "%(count)s grant(s) were cancelled while the run was under way; their "
                "payment lines stay open, as amounts to recover: %(grants)s.",
                count=len(unpaid),
                grants=", ".join(unpaid.mapped("display_name")),
            ))
        for batch, grants in paid.grouped("batch_id").items():
            if batch:
                batch.sudo().message_post(body=_(
                    "Paid by %(user)s: %(count)s grant(s), %(total)s (payment run %(run)s, "
                    "entry %(entry)s).",
                    user=self.user_id.name,
                    count=len(grants),
                    total=format_amount(self.env, sum(grants.mapped("amount")), self.currency_id),
                    run=self.name,
                    entry=self.move_id.name,
                ))

    def _fail(self, error):
        message = error.args[0] if isinstance(error, UserError) and error.args else str(error)
        self._system_step("fail", {"error_message": message})
        self._note(_(
            "The payment run stopped: %(error)s Nothing of the chunk under way was kept; "
            "resume the run once the cause is fixed.",
            error=message,
        ))

    def _note(self, body, batches=True):
        """Post on the run, and on its batch run, as the system: the step's own
        checks decided who may take it."""
        for run in self:
            run.sudo().message_post(body=body)
            if batches and run.batch_id:
                run.batch_id.sudo().message_post(body=_("%(run)s: %(body)s", run=run.name, body=body))

    @api.model
    def _outstanding_account(self, journal):
        """Where a payment waits for the bank statement, as Odoo's payments
        choose it: the account of the journal's outgoing payment method, else
        the company's outstanding payments account."""
        method_line = journal.outbound_payment_method_line_ids.filtered("payment_account_id")[:1]
        if method_line:
            return method_line.payment_account_id
        chart = self.env["account.chart.template"].with_company(journal.company_id)
        return (
            chart.ref("account_journal_payment_credit_account_id", raise_if_not_found=False)
            or journal.company_id.transfer_account_id
        )

    # ------------------------------------------------------------------
    # Scheduled action
    # ------------------------------------------------------------------

    @api.model
    def _cron_process_payment_runs(self, chunk_size=CHUNK_SIZE, max_chunks=MAX_CHUNKS):
        """Pay the queued runs by chunks of ``chunk_size`` grants, each committed
        on its own (outside tests): a crash or a time-out loses at most the
        chunk under way, and the next call resumes where the last chunk ended.
        After ``max_chunks`` chunks the scheduler is told what remains, and
        calls again at once."""
        commit = self._can_commit()
        runs = self.with_context(mail_notrack=True).search(
            [("state", "in", PENDING_STATES)], order="id"
        )
        done = chunks = 0
        for run in runs:
            while run.state in PENDING_STATES and chunks < max_chunks:
                done += run._process_chunk_or_fail(chunk_size)
                chunks += 1
                self.env["ir.cron"]._notify_progress(done=done, remaining=self._count_to_pay())
                if commit:
                    # each chunk is kept on its own, as Odoo's batch jobs do
                    self.env.cr.commit()  # pylint: disable=invalid-commit
        return done

    def _process_chunk_or_fail(self, limit):
        """A chunk of the run; if it fails, the run stops with the reason and
        the chunk is undone."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                return self._process_chunk(limit)
        except Exception as error:  # noqa: BLE001 -- any error stops the run, with its reason
            _logger.exception("Payment run %s stopped", self.name)
            self._fail(error)
            return 0

    @api.model
    def _count_to_pay(self):
        return self.env["union.relief.grant"].sudo().search_count([
            ("payment_run_id.state", "in", PENDING_STATES),
            ("state", "in", PAYABLE_STATES),
        ])

    @api.model
    def _can_commit(self):
        """Whether the scheduled action commits its chunks: never in tests."""
        return not (tools.config["test_enable"] or modules.module.current_test)

    # ------------------------------------------------------------------
    # Bank transfer list
    # ------------------------------------------------------------------

    def _get_xlsx_export(self):
        Batch = self.env["union.relief.batch"]
        Batch._check_can_list_bank_transfers()
        grants = self.grant_ids.filtered(lambda grant: grant.state != "cancelled")
        filename = safe_filename([_("Bank Transfers"), self.journal_id.name, self.date, self.name])
        return filename, Batch._bank_transfer_workbook(grants)
