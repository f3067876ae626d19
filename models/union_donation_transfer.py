from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..union_relief import donation as donation_rules
from ..union_relief.money import money
from ..utils.groups import MANAGER, OFFICER
from ..utils.messages import domain_errors
from .union_workflow_mixin import Transition

# What a transfer moves, from where to where, and how it is booked.
FROZEN_FIELDS = frozenset({
    "transfer_type", "campaign_id", "target_campaign_id", "source_analytic_account_id",
    "amount", "date", "journal_id", "account_id", "organization_id", "company_id",
})


class UnionDonationTransfer(models.Model):
    _name = "union.donation.transfer"
    _description = "Union Fund Transfer"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "union.workflow.mixin", "union.booked.mixin",
        "union.numbered.mixin",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True

    _union_sequence_code = "union.donation.transfer"

    _workflow_system_fields = frozenset({
        "name", "move_id", "reversal_move_id", "approved_by_id",
    })
    _workflow_frozen_fields = FROZEN_FIELDS

    def _default_union_fund(self):
        return self.env.ref(
            "union_relief.analytic_account_union_general_fund", raise_if_not_found=False
        )

    def _default_journal(self):
        # officers have no accounting rights but may start campaigns and transfers
        return self.env["account.journal"]._union_donation_journal(self.env.company)

    def _default_account(self):
        return self.env["account.account"]._union_default_account(
            "union_relief.account_union_fund_transfer"
        )

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
        tracking=True,
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
        tracking=True,
    )
    reason = fields.Text()

    # === Accounting fields === #
    journal_id = fields.Many2one(
        comodel_name="account.journal",
        required=True,
        default=_default_journal,
        domain="[('type', '=', 'general')]",
        tracking=True,
        check_company=True,
    )
    account_id = fields.Many2one(
        comodel_name="account.account",
        string="Fund Transfer Account",
        required=True,
        default=_default_account,
        tracking=True,
        check_company=True,
        help="Both lines of the entry use this account: only the analytic fund changes.",
    )
    move_id = fields.Many2one(
        comodel_name="account.move",
        string="Journal Entry",
        readonly=True,
        copy=False,
        tracking=True,
    )
    reversal_move_id = fields.Many2one(
        comodel_name="account.move",
        string="Reversal Entry",
        readonly=True,
        copy=False,
        tracking=True,
    )
    approved_by_id = fields.Many2one(
        comodel_name="res.users",
        readonly=True,
        copy=False,
        tracking=True,
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
            with domain_errors(self.env, ValidationError):
                donation_rules.check_transfer_amount(money(transfer.amount))

    @api.model_create_multi
    def create(self, vals_list):
        transfers = super().create(vals_list)
        transfers.journal_id._union_relief_secure()
        return transfers

    # === Workflow table (see doc/workflows.md) === #

    @api.model
    def _workflow_transitions(self):
        return {
            "approve": Transition(("draft",), "posted", (MANAGER,)),
            "cancel": Transition(("draft",), "cancelled", (OFFICER,)),
            # a posted transfer is cancelled by reversing its entry
            "cancel_posted": Transition(("posted",), "cancelled", (MANAGER,)),
        }

    @api.model
    def _workflow_action_labels(self):
        return {
            "approve": _("approve"),
            "cancel": _("cancel"),
            "cancel_posted": _("cancel a posted"),
        }

    # === Actions === #

    def action_approve(self):
        self._workflow_check("approve")
        self._check_can_approve()
        self._do_approve()
        return True

    def action_cancel(self):
        self._workflow_check_by_state("cancel", ("posted",), "cancel_posted")
        self._check_can_cancel()
        self._do_cancel()
        return True

    # === Business methods === #

    def _check_can_approve(self):
        for transfer in self:
            available = None
            if transfer.transfer_type == "closing":
                available = money(transfer.campaign_id.balance_amount)
                transfer.target_campaign_id._check_accepts_donations()
            elif transfer.campaign_id.state not in ("open", "closed"):
                raise UserError(_("The union can only match an open or closed campaign."))
            with domain_errors(self.env):
                donation_rules.check_transfer_amount(money(transfer.amount), available)

    def _do_approve(self):
        # the checks passed: the entries are booked as the system
        self.sudo()._post_entries()
        self._workflow_apply("approve", {"approved_by_id": self.env.uid})
        (self.campaign_id | self.target_campaign_id)._invalidate_statement()

    def _post_entries(self):
        """Create and post the entries of these transfers, one each: the only
        place that books a transfer."""
        self._book_entries([transfer._prepare_move_vals() for transfer in self])

    def _check_can_cancel(self):
        for transfer in self:
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
                with domain_errors(self.env):
                    donation_rules.check_transfer_amount(
                        money(transfer.amount), money(receiving.balance_amount)
                    )

    def _do_cancel(self):
        posted = self.filtered(lambda t: t.state == "posted")
        posted.filtered(lambda t: t.move_id and not t.reversal_move_id).sudo()._reverse_entries()
        posted._workflow_apply("cancel_posted")
        (self - posted)._workflow_apply("cancel")
        (self.campaign_id | self.target_campaign_id)._invalidate_statement()

    def _reverse_entries(self):
        """Post the reversal of these transfers' entries (a posted entry is never
        edited): the only place that reverses a transfer."""
        self._book_reversals([self.env._("Cancellation of %s", transfer.name) for transfer in self])

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

    def _get_public_use(self, campaign):
        """The transfer as the public account of ``campaign`` shows it: money
        into its fund (a matching, a leftover received) or out of it."""
        self.ensure_one()
        return {
            "date": self.date,
            "description": self._get_public_description(),
            "amount": self.amount,
            "incoming": self.transfer_type == "matching" or self.target_campaign_id == campaign,
        }

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
