from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.union_donation_campaign import PUBLIC_STATES


class UnionDonationPortal(CustomerPortal):
    """The public account of donation campaigns for the company's employees.

    Only union members (every employee user) see it; the campaigns are read
    with the user's rights and the donors through ``_get_public_account``,
    which masks or hides them as they chose.
    """

    def _get_union_public_campaigns(self, domain=()):
        if not request.env.user.has_group("union_relief.group_union_member"):
            return request.env["union.donation.campaign"]
        return request.env["union.donation.campaign"].search(
            [("state", "in", PUBLIC_STATES), *domain], order="date_start desc, id desc"
        )

    def _count_union_public_campaigns(self):
        if not request.env.user.has_group("union_relief.group_union_member"):
            return 0
        return request.env["union.donation.campaign"].search_count(
            [("state", "in", PUBLIC_STATES)]
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "union_campaign_count" in counters:
            # the portal home shows its entry to the campaigns when there is one
            values["union_campaign_count"] = self._count_union_public_campaigns()
        return values

    @http.route("/my/union/campaigns", type="http", auth="user", website=True)
    def portal_union_campaigns(self, **kwargs):
        values = self._prepare_portal_layout_values()
        values.update({
            "campaigns": self._get_union_public_campaigns(),
            "page_name": "union_campaigns",
        })
        return request.render("union_relief.portal_union_donation_campaigns", values)

    @http.route("/my/union/campaigns/<int:campaign_id>", type="http", auth="user", website=True)
    def portal_union_campaign(self, campaign_id, **kwargs):
        campaign = self._get_union_public_campaigns([("id", "=", campaign_id)])
        if not campaign:
            raise request.not_found()
        values = self._prepare_portal_layout_values()
        values.update({
            "account": campaign._get_public_account(),
            "page_name": "union_campaign",
        })
        return request.render("union_relief.portal_union_donation_campaign", values)
