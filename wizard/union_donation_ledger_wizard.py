from odoo import _, fields, models

from ..utils.xlsx import HEADER_FORMAT, XlsxWorkbook


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
        workbook = XlsxWorkbook()
        sheet = workbook.add_sheet(_("Donations"))
        title_format = workbook.add_format({"bold": True, "font_size": 14})
        header_format = workbook.add_format(HEADER_FORMAT)
        formats = workbook.kind_formats(border=1, valign="top")
        columns = self._get_columns()
        workbook.write_cell(sheet, 0, 0, _("Donation Ledger"), "text", title_format)
        workbook.write_cell(sheet, 1, 0, _(
            "Printed on %s", fields.Date.to_string(fields.Date.context_today(self))
        ))
        for column, (header, width, _kind, _getter) in enumerate(columns):
            workbook.write_cell(sheet, 3, column, header, "text", header_format)
            sheet.set_column(column, column, width)
        row = 4
        for donation in donations:
            for column, (_header, _width, kind, getter) in enumerate(columns):
                workbook.write_cell(sheet, row, column, getter(donation), kind, formats[kind])
            row += 1
        money_column = next(i for i, c in enumerate(columns) if c[2] == "money")
        total = sum(donations.filtered(lambda d: d.state == "validated").mapped("amount"))
        workbook.write_cell(sheet, row, money_column - 1, _("Total validated"), "text", header_format)
        workbook.write_cell(sheet, row, money_column, total, "money", formats["money"])
        sheet.freeze_panes(4, 0)
        return workbook.close()
