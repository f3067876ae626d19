from odoo import api, models

from ..union_relief.statistics import amount_text, rate_text


class ReportUnionAnnualStatistics(models.AbstractModel):
    _name = "report.union_relief.report_union_annual_statistics"
    _description = "Annual Relief Statistics"

    @api.model
    def _get_report_values(self, docids, data=None):
        wizards = self.env["union.annual.report.wizard"].browse(docids)
        wizards.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "union.annual.report.wizard",
            "docs": wizards,
            "reports": {wizard.id: wizard._report() for wizard in wizards},
            "cell": self._cell,
        }

    @api.model
    def _cell(self, value, kind):
        """A figure as the printed report writes it."""
        if kind == "money":
            return amount_text(value)
        if kind == "rate":
            return rate_text(value) or "—"
        if kind == "number":
            return f"{value or 0:,}"
        return value or ""
