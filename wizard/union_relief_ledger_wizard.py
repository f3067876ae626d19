from odoo import _, fields, models

from ..union_relief import relief
from ..utils.messages import domain_errors
from ..utils.xlsx import table_workbook


class UnionReliefLedgerWizard(models.TransientModel):
    _name = "union.relief.ledger.wizard"
    _inherit = "union.xlsx.export.mixin"
    _description = "Relief Ledger Export"

    period_from = fields.Char(help="First period, e.g. 2026-01 or 2026.")
    period_to = fields.Char(help="Last period, e.g. 2026-12 or 2026.")
    programme_ids = fields.Many2many(
        comodel_name="union.relief.programme",
        string="Programmes",
    )
    organization_ids = fields.Many2many(
        comodel_name="union.organization",
        string="Organisations",
        # all the user's organisations: a run or a ledger misses none of their households
        default=lambda self: self.env.user._union_default_organizations(),
    )
    include_cancelled = fields.Boolean()

    def _grant_domain(self):
        domain = []
        for value, operator in ((self.period_from, ">="), (self.period_to, "<=")):
            if value:
                with domain_errors(self.env):
                    relief.parse_period(value)
                domain.append(("period", operator, value.strip()))
        if self.programme_ids:
            domain.append(("programme_id", "in", self.programme_ids.ids))
        if self.organization_ids:
            domain.append(("organization_id", "child_of", self.organization_ids.ids))
        if not self.include_cancelled:
            domain.append(("state", "!=", "cancelled"))
        return domain

    def action_export(self):
        self.ensure_one()
        # a wrong period is told on the form, not by the download
        self._grant_domain()
        return self._action_download_xlsx()

    def _get_xlsx_export(self):
        grants = self.env["union.relief.grant"].search(self._grant_domain(), order="period, id")
        states = dict(grants._fields["state"]._description_selection(self.env))
        kinds = dict(grants._fields["aid_kind"]._description_selection(self.env))
        categories = dict(grants._fields["category"]._description_selection(self.env))
        headers = [
            _("Reference"), _("Programme"), _("Period"), _("Beneficiary"), _("Organisation"),
            _("Hardship Category"), _("Form of Aid"), _("Amount"), _("Status"),
            _("Approved On"), _("Paid On"), _("Journal Entry"),
        ]
        rows = [
            [
                grant.name,
                grant.programme_id.name,
                grant.period,
                grant.partner_id.name,
                grant.organization_id.display_name,
                categories.get(grant.category, ""),
                kinds.get(grant.aid_kind, ""),
                grant.amount,
                states[grant.state],
                fields.Date.to_string(grant.approved_date) if grant.approved_date else "",
                fields.Date.to_string(grant.paid_date) if grant.paid_date else "",
                grant.sudo().move_id.name or "",
            ]
            for grant in grants
        ]
        return _("relief_ledger.xlsx"), table_workbook(_("Relief Ledger"), headers, rows, {7: "money"})
