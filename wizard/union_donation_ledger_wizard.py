from odoo import _, fields, models

from ..utils.xlsx import ledger_workbook


class UnionDonationLedgerWizard(models.TransientModel):
    _name = "union.donation.ledger.wizard"
    _inherit = "union.xlsx.export.mixin"
    _description = "Donation Ledger Export"

    campaign_ids = fields.Many2many(
        comodel_name="union.donation.campaign",
        string="Campaigns",
        help="Leave empty for every campaign you can see.",
    )
    date_from = fields.Date(
        string="From",
    )
    date_to = fields.Date(
        string="To",
    )
    include_cancelled = fields.Boolean(
        string="Include Cancelled Donations",
    )

    def action_export(self):
        self.ensure_one()
        return self._action_download_xlsx()

    def _get_xlsx_export(self):
        donations = self.env["union.donation"].search(self._get_donation_domain(), order="date, id")
        return (
            _("donation-ledger-%s.xlsx", fields.Date.context_today(self)),
            self._build_workbook(donations),
        )

    def _get_donation_domain(self):
        states = ["validated", "cancelled"] if self.include_cancelled else ["validated"]
        domain = [("state", "in", states)]
        if self.campaign_ids:
            domain.append(("campaign_id", "in", self.campaign_ids.ids))
        if self.date_from:
            domain.append(("date", ">=", self.date_from))
        if self.date_to:
            domain.append(("date", "<=", self.date_to))
        return domain

    def _get_columns(self):
        """(header, width, kind, value getter) per column of the ledger (捐款台账);
        the ledger keeps the donor's name whatever they chose for public lists."""
        Donation = self.env["union.donation"]

        def labels(field_name):
            return dict(Donation._fields[field_name]._description_selection(self.env))

        donor_types, methods = labels("donor_type"), labels("method")
        visibilities, states = labels("visibility"), labels("state")
        return [
            (_("Receipt Number"), 16, "text", lambda d: d.name),
            (_("Date"), 12, "date", lambda d: d.date),
            (_("Campaign"), 28, "text", lambda d: d.campaign_id.name),
            (_("Donor"), 20, "text", lambda d: d.donor_name),
            (_("Donor Type"), 16, "text", lambda d: donor_types[d.donor_type]),
            (_("Department"), 18, "text",
             lambda d: d.department_id.name or d.employee_id.department_id.name or ""),
            (_("Method"), 14, "text", lambda d: methods[d.method]),
            (_("Gift in Kind"), 18, "text",
             lambda d: d.product_id and "%s × %s" % (d.product_id.display_name, d.quantity) or ""),
            (_("Amount"), 14, "money", lambda d: d.amount),
            (_("In Public Lists"), 16, "text", lambda d: visibilities[d.visibility]),
            # the user may read the donation, not necessarily the accounting: the
            # entry's number is read as the system
            (_("Journal Entry"), 18, "text", lambda d: d.sudo().move_id.name or ""),
            (_("Status"), 12, "text", lambda d: states[d.state]),
        ]

    def _build_workbook(self, donations):
        total = sum(donations.filtered(lambda d: d.state == "validated").mapped("amount"))
        return ledger_workbook(
            _("Donations"),
            _("Donation Ledger"),
            self._get_columns(),
            donations,
            subtitle=_("Printed on %s", fields.Date.to_string(fields.Date.context_today(self))),
            total=(_("Total validated"), total),
            freeze_columns=0,
        )
