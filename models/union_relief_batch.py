from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import format_amount

from ..union_relief.money import rmb_upper
from ..union_relief.relief import money
from .union_relief_xlsx import xlsx_download

STATE_ORDER = ["draft", "submitted", "second_approval", "approved", "notice", "paid"]


class UnionReliefBatch(models.Model):
    _name = "union.relief.batch"
    _description = "Relief Batch Run"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    # === Identity fields === #
    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: _("New"),
    )
    programme_id = fields.Many2one(
        comodel_name="union.relief.programme",
        required=True,
        readonly=True,
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        related="programme_id.company_id",
        store=True,
        index=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="company_id.currency_id",
    )
    period = fields.Char(
        required=True,
        readonly=True,
    )
    organization_ids = fields.Many2many(
        comodel_name="union.organization",
        string="Organisations",
        readonly=True,
    )
    excluded_note = fields.Text(
        string="Excluded and Why",
        readonly=True,
        help="The households the run left out, with the reason, as shown in the preview.",
    )

    # === Grant fields === #
    grant_ids = fields.One2many(
        comodel_name="union.relief.grant",
        inverse_name="batch_id",
        string="Grants",
        readonly=True,
    )
    grant_count = fields.Integer(compute="_compute_figures")
    total_amount = fields.Monetary(compute="_compute_figures")
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("second_approval", "Awaiting Second Approval"),
            ("approved", "Approved"),
            ("notice", "Public Notice"),
            ("paid", "Paid"),
            ("cancelled", "Cancelled"),
        ],
        compute="_compute_figures",
        help="The least advanced state of its grants that are not cancelled.",
    )
    move_id = fields.Many2one(
        comodel_name="account.move",
        string="Journal Entry",
        compute="_compute_move_id",
    )
    amount_in_words = fields.Char(compute="_compute_figures")

    @api.depends("grant_ids.state", "grant_ids.amount")
    def _compute_figures(self):
        groups = self.env["union.relief.grant"]._read_group(
            [("batch_id", "in", self.ids)], ["batch_id", "state"], ["__count", "amount:sum"],
        )
        figures = {}
        for batch, state, count, amount in groups:
            figures.setdefault(batch, []).append((state, count, amount))
        for batch in self:
            rows = figures.get(batch, [])
            live = [row for row in rows if row[0] != "cancelled"]
            batch.grant_count = sum(row[1] for row in live)
            batch.total_amount = sum(row[2] for row in live)
            batch.amount_in_words = rmb_upper(money(batch.total_amount))
            if live:
                batch.state = min((row[0] for row in live), key=STATE_ORDER.index)
            else:
                batch.state = "cancelled" if rows else "draft"

    @api.depends("grant_ids.move_id")
    def _compute_move_id(self):
        for batch in self:
            batch.move_id = batch.grant_ids.move_id[:1]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("union.relief.batch") or _("New")
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Actions: the grants' own workflow, applied to the whole run at once
    # ------------------------------------------------------------------

    def _live_grants(self, states):
        return self.grant_ids.filtered(lambda g: g.state in states)

    def _run_step(self, states, method, step):
        """Apply a workflow step to the run's grants. They move together: the
        batch's chatter tells the step once, instead of one tracking message
        per grant."""
        grants = self._live_grants(states).with_context(mail_notrack=True)
        getattr(grants, method)()
        # the step's own checks decided who may take it (the accountant pays a
        # run without the right to edit it): the note is written as superuser
        for batch, done in grants.grouped("batch_id").items():
            batch.sudo().message_post(body=_(
                "%(step)s by %(user)s: %(count)s grant(s), %(total)s.",
                step=step,
                user=self.env.user.name,
                count=len(done),
                total=format_amount(self.env, sum(done.mapped("amount")), batch.currency_id),
            ))

    def action_submit(self):
        self._run_step(("draft",), "action_submit", _("Submitted"))
        return True

    def action_approve(self):
        self._run_step(("submitted", "second_approval"), "action_approve", _("Approval given"))
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_start_notice(self):
        self._run_step(("approved",), "action_start_notice", _("Public notice started"))
        return True

    def action_pay(self):
        self._run_step(("approved", "notice"), "action_pay", _("Paid"))
        return True

    def action_view_grants(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Grants of %s", self.name),
            "res_model": "union.relief.grant",
            "view_mode": "list,form",
            "domain": [("batch_id", "=", self.id)],
            "context": {"create": False},
        }

    def action_view_move(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "view_mode": "form",
            "res_id": self.move_id.id,
        }

    def action_bank_transfer_list(self):
        """XLSX list for the bank: one transfer per beneficiary of the run."""
        self.ensure_one()
        if not self.env.user.has_group("union_relief.group_union_accountant"):
            raise AccessError(_("Only the union accountant prepares bank transfers."))
        grants = self._live_grants(("approved", "notice", "paid")).filtered(
            lambda g: g.aid_kind == "cash"
        )
        headers = [_("Reference"), _("Payee"), _("Bank"), _("Account Number"), _("Amount"),
                   _("Amount in Words"), _("Purpose")]
        rows = []
        for grant in grants:
            account = grant.sudo().file_id.bank_account_id
            rows.append([
                grant.name,
                grant.partner_id.name,
                account.bank_id.name or "",
                account.acc_number or "",
                grant.amount,
                grant.amount_in_words,
                "%s %s" % (grant.programme_id.name, grant.period),
            ])
        return xlsx_download(
            self.env, "%s.xlsx" % self.name.replace("/", "-"), _("Bank Transfers"), headers, rows,
            money_columns=(4,),
        )

    def _get_notice_lines(self):
        """Public notice lines: masked name, unit, category and amount only (DESIGN §8)."""
        self.ensure_one()
        return self._live_grants(("approved", "notice", "paid"))._get_notice_lines()

    def _schedule_approval_activity(self, second):
        for batch in self:
            programme = batch.programme_id
            user = (programme.second_approver_id if second else programme.approver_id) or self.env.user
            batch.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=(_("Second approval of batch %s", batch.name) if second
                         else _("Approve batch %s", batch.name)),
                user_id=user.id,
            )
