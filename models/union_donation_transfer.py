from decimal import Decimal

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..union_relief import donation as donation_rules
from ..union_relief.errors import DomainError
from .union_relief_messages import domain_error_message


class UnionDonationTransfer(models.Model):
    _name = "union.donation.transfer"
    _description = "Union Fund Transfer"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    def _default_union_fund(self):
        return self.env.ref(
            "union_relief.analytic_account_union_general_fund", raise_if_not_found=False
        )

    def _default_journal(self):
        # officers have no accounting rights but may start campaigns and transfers
        return self.env["account.journal"].sudo().search([
            *self.env["account.journal"]._check_company_domain(self.env.company),
            ("type", "=", "general"),
        ], limit=1)

    def _default_account(self):
        account = self.env.ref("union_relief.account_union_fund_transfer", raise_if_not_found=False)
        if account and self.env.company in account.company_ids:
            return account
        return self.env["account.account"]

    # === Identity fields === #
    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: _("New"),
    )
    transfer_type = fields.Selection(
        selection=[
            ("matching", "Union matching"),
            ("closing", "Leftover transfer"),
        ],
        string="Type",
        required=True,
        default="matching",
        tracking=True,
    )
    campaign_id = fields.Many2one(
        comodel_name="union.donation.campaign",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        help="Matching: the campaign the union adds money to. Leftover transfer: the "
        "campaign whose leftover is moved.",
    )
    target_campaign_id = fields.Many2one(
        comodel_name="union.donation.campaign",
        string="Receiving Campaign",
        index="btree_not_null",
        check_company=True,
        tracking=True,
    )
    source_analytic_account_id = fields.Many2one(
        comodel_name="account.analytic.account",
        string="Union Fund",
        default=_default_union_fund,
        check_company=True,
        help="The union's own fund the matching money comes from.",
    )
    organization_id = fields.Many2one(
        comodel_name="union.organization",
        related="campaign_id.organization_id",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="company_id.currency_id",
    )
    state = fields.Selection(
        selection=[
            ("draft", "Waiting for Approval"),
            ("posted", "Approved and Posted"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        copy=False,
        index=True,
        tracking=True,
    )

    # === Amount fields === #
    amount = fields.Monetary(
        currency_field="currency_id",
        required=True,
        tracking=True,
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
    )
    reason = fields.Text()

    # === Accounting fields === #
    journal_id = fields.Many2one(
        comodel_name="account.journal",
        required=True,
        default=_default_journal,
        domain="[('type', '=', 'general')]",
        check_company=True,
    )
    account_id = fields.Many2one(
        comodel_name="account.account",
        string="Fund Transfer Account",
        required=True,
        default=_default_account,
        check_company=True,
        help="Both lines of the entry use this account: only the analytic fund changes.",
    )
    move_id = fields.Many2one(
        comodel_name="account.move",
        string="Journal Entry",
        readonly=True,
        copy=False,
    )
    approved_by_id = fields.Many2one(
        comodel_name="res.users",
        readonly=True,
        copy=False,
    )

    @api.constrains("transfer_type", "target_campaign_id", "source_analytic_account_id", "campaign_id")
    def _check_funds(self):
        for transfer in self:
            if transfer.transfer_type == "matching" and not transfer.source_analytic_account_id:
                raise ValidationError(_("Choose the union fund the matching money comes from."))
            if transfer.transfer_type == "closing" and not transfer.target_campaign_id:
                raise ValidationError(_("Choose the campaign that receives the leftover."))
            if transfer.target_campaign_id == transfer.campaign_id:
                raise ValidationError(_("A campaign cannot transfer money to itself."))

    @api.constrains("amount")
    def _check_amount(self):
        for transfer in self:
            try:
                donation_rules.check_transfer_amount(Decimal(str(transfer.amount)))
            except DomainError as error:
                raise ValidationError(domain_error_message(self.env, error)) from None

    @api.model_create_multi
    def create(self, vals_list):
        transfers = super().create(vals_list)
        sequence = self.env["ir.sequence"].sudo()
        for transfer in transfers:
            transfer.name = sequence.next_by_code("union.donation.transfer") or _("New")
        return transfers

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted(self):
        if self.filtered(lambda t: t.state == "posted"):
            raise UserError(_("A posted fund transfer cannot be deleted."))

    # === Actions === #

    def action_approve(self):
        self._check_can_approve()
        self._do_approve()

    def action_cancel(self):
        self._check_can_cancel()
        self._do_cancel()

    # === Business methods === #

    def _check_is_manager(self):
        if not self.env.user.has_group("union_relief.group_relief_manager"):
            raise AccessError(_("Only a Relief Manager can approve or cancel fund transfers."))

    def _check_can_approve(self):
        self._check_is_manager()
        for transfer in self:
            if transfer.state != "draft":
                raise UserError(_("Only a transfer waiting for approval can be approved."))
            available = None
            if transfer.transfer_type == "closing":
                available = Decimal(str(transfer.campaign_id.balance_amount))
                transfer.target_campaign_id._check_accepts_donations()
            elif transfer.campaign_id.state not in ("open", "closed"):
                raise UserError(_("The union can only match an open or closed campaign."))
            try:
                donation_rules.check_transfer_amount(Decimal(str(transfer.amount)), available)
            except DomainError as error:
                raise UserError(domain_error_message(self.env, error)) from None

    def _do_approve(self):
        moves = self.env["account.move"].sudo().create(
            [transfer._prepare_move_vals() for transfer in self]
        )
        moves.action_post()
        for transfer, move in zip(self, moves):
            transfer.write({
                "move_id": move.id,
                "state": "posted",
                "approved_by_id": self.env.user.id,
            })
        (self.campaign_id | self.target_campaign_id)._invalidate_statement()

    def _check_can_cancel(self):
        if self.filtered(lambda t: t.state == "posted"):
            self._check_is_manager()
        for transfer in self:
            if transfer.state == "cancelled":
                raise UserError(_("The transfer is already cancelled."))
            settled = (transfer.campaign_id | transfer.target_campaign_id).filtered(
                lambda c: c.state == "settled"
            )
            if transfer.state == "posted" and settled:
                raise UserError(_("A transfer of a settled campaign cannot be cancelled."))
            if transfer.state == "posted":
                # the money goes back: the receiving fund must still hold it
                receiving = transfer.campaign_id if transfer.transfer_type == "matching" else (
                    transfer.target_campaign_id
                )
                try:
                    donation_rules.check_transfer_amount(
                        Decimal(str(transfer.amount)), Decimal(str(receiving.balance_amount))
                    )
                except DomainError as error:
                    raise UserError(domain_error_message(self.env, error)) from None

    def _do_cancel(self):
        posted = self.filtered(lambda t: t.state == "posted")
        posted.move_id.sudo()._reverse_moves(
            default_values_list=[
                {"date": fields.Date.context_today(self), "ref": _("Cancellation of %s", t.name)}
                for t in posted
            ],
            cancel=True,
        )
        self.write({"state": "cancelled"})
        (self.campaign_id | self.target_campaign_id)._invalidate_statement()

    def _get_funds(self):
        """(analytic account the money leaves, analytic account it enters)."""
        self.ensure_one()
        if self.transfer_type == "matching":
            return self.source_analytic_account_id, self.campaign_id.analytic_account_id
        return self.campaign_id.analytic_account_id, self.target_campaign_id.analytic_account_id

    def _get_public_description(self):
        self.ensure_one()
        if self.transfer_type == "matching":
            return _("Union matching from its funds")
        return _(
            "Leftover of %(from_campaign)s transferred to %(to_campaign)s",
            from_campaign=self.campaign_id.name,
            to_campaign=self.target_campaign_id.name,
        )

    def _prepare_move_vals(self):
        self.ensure_one()
        source, target = self._get_funds()
        label = "%s: %s" % (self.name, self._get_public_description())
        return {
            "move_type": "entry",
            "journal_id": self.journal_id.id,
            "date": self.date,
            "ref": self.name,
            "line_ids": [
                fields.Command.create({
                    "name": label,
                    "account_id": self.account_id.id,
                    "debit": self.amount,
                    "credit": 0.0,
                    "analytic_distribution": {str(source.id): 100},
                }),
                fields.Command.create({
                    "name": label,
                    "account_id": self.account_id.id,
                    "debit": 0.0,
                    "credit": self.amount,
                    "analytic_distribution": {str(target.id): 100},
                }),
            ],
        }
