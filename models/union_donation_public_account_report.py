from odoo import api, models
from odoo.exceptions import AccessError

from .union_donation_campaign import PUBLIC_STATES


class ReportUnionDonationPublicAccount(models.AbstractModel):
    _name = "report.union_relief.report_union_donation_public_account"
    _description = "Public Account of a Donation Campaign"

    @api.model
    def _get_report_values(self, docids, data=None):
        campaigns = self.env["union.donation.campaign"].browse(docids)
        self._check_public_account_access(campaigns)
        return {
            "doc_ids": docids,
            "doc_model": "union.donation.campaign",
            "docs": campaigns,
        }

    @api.model
    def _check_public_account_access(self, campaigns):
        """The template reads the account as superuser (donors, uses): members
        print what the portal page shows them, the published campaigns; a campaign
        not yet published is a draft for those who run it."""
        campaigns.check_access("read")
        unpublished = campaigns.filtered(lambda c: c.state not in PUBLIC_STATES)
        if unpublished and not unpublished.has_access("write"):
            raise AccessError(self.env._(
                "The public account of %(campaigns)s is not published yet: it is printed "
                "once the campaign is open.",
                campaigns=", ".join(unpublished.mapped("name")),
            ))
