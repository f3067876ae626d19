from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount

from ..union_relief.money import rmb_upper_or_empty
from ..utils.xlsx import safe_filename, table_workbook
from .union_relief_grant import GRANT_STATES
from .union_relief_programme import ACTIVITY_APPROVE

STATE_ORDER = [state for state, _label in GRANT_STATES if state != "cancelled"]
# What the batch wizard wrote when it made the run; nobody changes it afterwards.
RUN_FIELDS = {
    "name", "programme_id", "period", "organization_ids", "household_organization_ids", "excluded_note",
}


class UnionReliefBatch(models.Model):
    _name = "union.relief.batch"
    _description = "Relief Batch Run"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "union.xlsx.export.mixin", "union.numbered.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True

    _union_sequence_code = "union.relief.batch"

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
    household_organization_ids = fields.Many2many(
        comodel_name="union.organization",
        relation="union_relief_batch_household_organization_rel",
        column1="batch_id",
        column2="organization_id",
        string="Organisations of the Households",
        readonly=True,
        help="The organisations of every household the run considered, granted or "
        "excluded: an officer sees the run only if they work for all of them (or for "
        "an organisation above them).",
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
        selection=GRANT_STATES,
        compute="_compute_figures",
        help="The least advanced state of its grants that are not cancelled.",
    )
    move_id = fields.Many2one(
        comodel_name="account.move",
        string="Journal Entry",
        compute="_compute_move_id",
    )
    amount_in_words = fields.Char(compute="_compute_figures")

    # === Public notice fields === #
    notice_required = fields.Boolean(related="programme_id.notice_required")
    can_pay = fields.Boolean(
        compute="_compute_can_pay",
        help="Every grant of the run still to pay is approved, and past its public "
        "notice when the programme requires one.",
    )

    # === Bank account fields === #
    missing_bank_account_count = fields.Integer(
        string="Payees without a Bank Account",
        compute="_compute_missing_bank_accounts",
    )
    missing_bank_account_note = fields.Text(
        string="Payees without a Bank Account on their File",
        compute="_compute_missing_bank_accounts",
        help="Cash grants of the run whose hardship file has no payment bank account: "
        "the bank transfer list leaves their bank and account blank.",
    )

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
            batch.amount_in_words = rmb_upper_or_empty(batch.total_amount)
            if live:
                batch.state = min((row[0] for row in live), key=STATE_ORDER.index)
            else:
                batch.state = "cancelled" if rows else "draft"

    @api.depends(
        "grant_ids.state", "grant_ids.aid_kind", "grant_ids.file_id.bank_account_id",
        "grant_ids.payee_id",
    )
    def _compute_missing_bank_accounts(self):
        for batch in self:
            grants = batch._grants_without_bank_account()
            batch.missing_bank_account_count = len(grants)
            batch.missing_bank_account_note = "\n".join(
                "%s — %s" % (grant.partner_id.name, grant.name) for grant in grants
            ) or False

    @api.depends("grant_ids.can_pay", "grant_ids.state")
    def _compute_can_pay(self):
        for batch in self:
            to_pay = batch._live_grants(("approved", "notice"))
            batch.can_pay = bool(to_pay) and all(to_pay.mapped("can_pay"))

    @api.depends("grant_ids.move_id")
    def _compute_move_id(self):
        for batch in self:
            batch.move_id = batch.grant_ids.move_id[:1]

    def write(self, vals):
        if RUN_FIELDS & set(vals) and not self.env.su:
            raise UserError(_(
                "A batch run keeps the programme, period, organisations and exclusions it was "
                "made with: cancel its grants and make a new run."
            ))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions: the grants' own workflow, applied to the whole run at once
    # ------------------------------------------------------------------

    def _live_grants(self, states):
        return self.grant_ids.filtered(lambda g: g.state in states)

    def _cash_grants(self, states):
        return self._live_grants(states).filtered(lambda g: g.aid_kind == "cash")

    def _grants_without_bank_account(self):
        """The cash grants of the run, not cancelled, paid to no bank account. The
        account is read as the system: whoever sees the run is told of the gap,
        not shown the account."""
        self.ensure_one()
        return self._cash_grants(STATE_ORDER).filtered(
            lambda grant: not grant._get_payee_bank_account()
        )

    def _note_step(self, grants, step):
        """The batch's chatter tells a step once, instead of one tracking message
        per grant. The step's own checks decided who may take it (the accountant
        pays a run without the right to edit it): the note is written as the system."""
        for batch, done in grants.grouped("batch_id").items():
            batch.sudo().message_post(body=_(
                "%(step)s by %(user)s: %(count)s grant(s), %(total)s.",
                step=step,
                user=self.env.user.name,
                count=len(done),
                total=format_amount(self.env, sum(done.mapped("amount")), batch.currency_id),
            ))

    def action_submit(self):
        grants = self._live_grants(("draft",)).with_context(mail_notrack=True)
        grants.action_submit()
        self._note_step(grants, _("Submitted"))
        return True

    def action_approve(self):
        grants = self._live_grants(("submitted", "second_approval")).with_context(mail_notrack=True)
        grants.action_approve()
        self._note_step(grants, _("Approval given"))
        self.sudo().activity_unlink([ACTIVITY_APPROVE])
        return True

    def action_start_notice(self):
        grants = self._live_grants(("approved",)).with_context(mail_notrack=True)
        grants.action_start_notice()
        self._note_step(grants, _("Public notice started"))
        return True

    def action_pay(self):
        grants = self._live_grants(("approved", "notice")).with_context(mail_notrack=True)
        grants.action_pay()
        # cash grants are noted by their payment run, with its entry, once it is done
        self._note_step(grants.filtered(lambda g: g.aid_kind != "cash"), _("Paid"))
        return True

    def action_view_grants(self):
        self.ensure_one()
        return self.env["union.relief.grant"]._action_view_grants(
            _("Grants of %s", self.name), [("batch_id", "=", self.id)]
        )

    def action_view_move(self):
        self.ensure_one()
        return self.move_id._union_action_open()

    def action_bank_transfer_list(self):
        """XLSX list for the bank: one transfer per beneficiary of the run."""
        self.ensure_one()
        self._check_can_list_bank_transfers()
        return self._action_download_xlsx()

    @api.model
    def _check_can_list_bank_transfers(self):
        if not self.env.user.has_group("union_relief.group_union_accountant"):
            raise AccessError(_("Only the union accountant prepares bank transfers."))

    def _get_xlsx_export(self):
        self._check_can_list_bank_transfers()
        grants = self._cash_grants(("approved", "notice", "paid"))
        return self._bank_transfer_filename(), self._bank_transfer_workbook(grants)

    @api.model
    def _bank_transfer_workbook(self, grants):
        """The bank's list of these cash grants, one transfer per row and a total
        row; a batch run and a payment run both hand it to the bank."""
        headers = [_("Reference"), _("Payee"), _("Bank"), _("Account Number"), _("Amount"),
                   _("Amount in Words"), _("Purpose")]
        rows = []
        for grant in grants:
            account = grant._get_payee_bank_account()
            rows.append([
                grant.name,
                grant._get_payee().name,
                account.bank_id.name or "",
                account.acc_number or "",
                grant.amount,
                grant.amount_in_words,
                "%s %s" % (grant.programme_id.name, grant.period),
            ])
        currency = grants.currency_id[:1] or self.env.company.currency_id
        total = currency.round(sum(grants.mapped("amount")))
        total_row = [
            _("Total"),
            _("%s transfers", len(grants)),
            "",
            "",
            total,
            rmb_upper_or_empty(total),
            "",
        ]
        return table_workbook(
            _("Bank Transfers"), headers, rows, {4: "money"}, total_rows=[total_row]
        )

    def _bank_transfer_filename(self):
        """银行代发_<programme>_<period>_<batch>.xlsx: the bank and the accountant
        find the run's list by its programme and period."""
        self.ensure_one()
        return safe_filename([_("Bank Transfers"), self.programme_id.name, self.period, self.name])

    def _get_notice_lines(self):
        """Public notice lines: masked name, unit, category and amount only (doc/domain.md §8)."""
        self.ensure_one()
        return self._live_grants(("approved", "notice", "paid"))._get_notice_lines()

    def _get_notice_terms(self):
        """The issuer, period, complaint phone and date of the run's public notice
        (the ``report_notice_terms`` template). Printed before the notice started,
        the period is the number of days it will run from its posting."""
        self.ensure_one()
        grants = self._live_grants(("notice", "paid")).filtered("notice_start_date")
        start = min(grants.mapped("notice_start_date"), default=False)
        company = self.company_id
        return {
            "issuer": self.programme_id.organization_id._relief_station().name,
            "start": start,
            "end": max(grants.mapped("notice_end_date"), default=False),
            "days": company.union_notice_days,
            "phone": company.union_complaint_phone or "",
            "date": start or fields.Date.context_today(self),
        }

    def _schedule_approval_activity(self, second):
        for batch in self:
            batch.programme_id._schedule_approval_activity(
                batch,
                second,
                _("Second approval of batch %s", batch.name) if second else _("Approve batch %s", batch.name),
            )

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------

    @api.model
    def _demo_pay_past_months(self, programme_id, day=10):
        """Demo data only: the monthly runs of a programme for the months of its
        fiscal year that are over, each through the real steps by the demo users:
        prepared and submitted by the officer (dated ``day`` of its month),
        approved by the relief centre, noticed in its month when the programme
        asks for a notice, paid by the accountant. The statistics, the dashboard
        and the annual report then show a year of relief."""
        programme = self.env["union.relief.programme"].browse(programme_id)
        officer = self.env.ref("union_relief.demo_user_officer")
        centre = self.env.ref("union_relief.demo_user_centre")
        manager = self.env.ref("union_relief.demo_user_manager")
        accountant = self.env.ref("union_relief.demo_user_accountant")
        today = fields.Date.context_today(self)
        Wizard = self.env["union.relief.batch.wizard"].with_user(officer)
        for month in range(1, 13):
            start = fields.Date.to_date("%04d-%02d-01" % (programme.fiscal_year, month))
            if start.replace(day=day) >= today:
                break
            wizard = Wizard.create({
                "programme_id": programme.id,
                "period": "%04d-%02d" % (programme.fiscal_year, month),
            })
            batch = self.with_user(officer).browse(wizard.action_create_grants()["res_id"])
            batch.grant_ids.write({"date": start.replace(day=day)})
            batch.action_submit()
            batch.with_user(centre).action_approve()
            batch.with_user(manager).action_approve()
            if programme.notice_required:
                batch.with_user(centre).action_start_notice()
                # the notice was posted for its days in the run's month
                batch.grant_ids.sudo().write({
                    "notice_start_date": start.replace(day=day),
                    "notice_end_date": start.replace(day=day + 7),
                })
            batch.with_user(accountant).action_pay()
