from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..union_relief import bounds
from ..utils.bounds import BoundedInteger, check_bounds


class UnionSubsistenceLine(models.Model):
    _name = "union.subsistence.line"
    _description = "Minimum Living Standard"
    _order = "region, year desc"
    _check_company_auto = True

    region = fields.Char(
        required=True,
        help="City or county whose minimum living standard (低保) this is.",
    )
    year = BoundedInteger(
        required=True,
        aggregator=None,
        default=lambda self: fields.Date.context_today(self).year,
    )
    amount = fields.Monetary(
        string="Monthly Amount per Person",
        required=True,
        currency_field="currency_id",
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="company_id.currency_id",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
    )

    _sql_constraints = [
        (
            "region_year_company_uniq",
            "unique(region, year, company_id)",
            "There is already a minimum living standard for this region and year.",
        ),
    ]

    @api.depends("region", "year")
    def _compute_display_name(self):
        for line in self:
            line.display_name = "%s %s" % (line.region or "", line.year or "")

    @api.constrains("amount", "year")
    def _check_amount_year(self):
        for line in self:
            if line.currency_id.compare_amounts(line.amount, 0) <= 0:
                raise ValidationError(
                    _("The minimum living standard of %(region)s must be a positive amount.",
                      region=line.region)
                )
            if not 2000 <= line.year <= 2100:
                raise ValidationError(_("Enter a year between 2000 and 2100."))

    @api.constrains("region", "year", "amount")
    def _check_plausible_figures(self):
        today = fields.Date.context_today(self)
        for line in self:
            check_bounds(line, "region", bounds.check_text, bounds.REGION_MAX_LENGTH)
            check_bounds(line, "year", bounds.check_year, today)
            check_bounds(line, "amount", bounds.check_amount)

    @api.model
    def _find_lines(self, keys, company):
        """Map each (region, year) in ``keys`` to its line, in one query."""
        regions = {region for region, _year in keys}
        years = {year for _region, year in keys}
        lines = self.search([
            ("region", "in", list(regions)),
            ("year", "in", list(years)),
            ("company_id", "=", company.id),
        ])
        return {(line.region, line.year): line for line in lines}
