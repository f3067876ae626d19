from collections import defaultdict
from decimal import Decimal

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..union_relief import donation as donation_rules
from ..union_relief.errors import DomainError
from ..union_relief.masking import mask_name
from .union_relief_grant import FROZEN_FIELDS
from .union_relief_messages import domain_error_message

# A campaign pays relief while it is open, and its leftover once closed.
PAYING_STATES = ("open", "closed")


class UnionReliefGrant(models.Model):
    """Relief paid to a campaign's beneficiaries out of the campaign's fund.

    The grant keeps its programme (standards, approvals, payment, budget); only
    the expense is charged to the campaign's restricted fund instead of the
    programme's, so the campaign statement shows it as spent.
    """

    _inherit = "union.relief.grant"

    _workflow_frozen_fields = FROZEN_FIELDS | {"campaign_id"}

    campaign_id = fields.Many2one(
        comodel_name="union.donation.campaign",
        string="Charged to Campaign",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('state', 'in', ('open', 'closed'))]",
        help="Pay this grant out of the donations raised by the campaign: the expense "
        "carries the campaign's analytic account instead of the programme's.",
    )

    @api.constrains("campaign_id", "aid_kind")
    def _check_campaign_cash(self):
        for grant in self.filtered("campaign_id"):
            if grant.aid_kind != "cash":
                raise ValidationError(_(
                    "Only cash relief can be paid from a campaign's fund: in-kind gifts "
                    "are not booked as cash."
                ))

    def _get_analytic_distribution(self):
        self.ensure_one()
        if self.campaign_id:
            return {str(self.campaign_id.analytic_account_id.id): 100}
        return super()._get_analytic_distribution()

    def _check_can_commit(self):
        res = super()._check_can_commit()
        self._check_campaign_funds()
        return res

    def _check_campaign_funds(self):
        """The campaigns must be paying and their balance must cover the grants."""
        amounts = defaultdict(Decimal)
        for grant in self.filtered("campaign_id"):
            amounts[grant.campaign_id] += Decimal(str(grant.amount))
        for campaign, amount in amounts.items():
            campaign = campaign.sudo()
            if campaign.state not in PAYING_STATES:
                raise UserError(_(
                    "The campaign %s is not open or closed: it cannot pay relief.", campaign.name
                ))
            try:
                donation_rules.check_campaign_covers(
                    campaign.name, amount, Decimal(str(campaign.balance_amount))
                )
            except DomainError as error:
                raise UserError(domain_error_message(self.env, error)) from None

    def _post_entries(self):
        res = super()._post_entries()
        self.campaign_id.sudo()._invalidate_statement()
        return res

    def _reverse_entries(self):
        res = super()._reverse_entries()
        self.campaign_id.sudo()._invalidate_statement()
        return res

    def _get_public_use(self):
        """The grant as the campaign's public account shows it: masked
        beneficiary and programme."""
        self.ensure_one()
        beneficiary = self.employee_id.name or self.partner_id.name or ""
        return {
            "date": self.move_id.date,
            "description": _(
                "Relief to %(beneficiary)s (%(programme)s)",
                beneficiary=mask_name(beneficiary),
                programme=self.programme_id.name,
            ),
            "amount": self.amount,
            "incoming": False,
        }
