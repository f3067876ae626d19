from odoo import _, api, fields, models

from ..union_relief import bounds
from ..utils.bounds import check_bounds


def goods_value(line):
    """The value of a line of goods: its quantity times its unit value, rounded
    in its currency."""
    amount = line.quantity * line.unit_value
    return line.currency_id.round(amount) if line.currency_id else amount


class UnionReliefGrantGoods(models.Model):
    _name = "union.relief.grant.goods"
    _description = "Goods of an In-kind Grant"
    _inherit = ["union.company.checked.mixin", "union.locked.line.mixin"]
    _order = "grant_id, id"
    _check_company_auto = True

    # the goods are part of what the grant's workflow freezes: they change while
    # it is a draft, as its amount does (only the system, which books them, writes
    # them afterwards)
    _locked_line_parent_field = "grant_id"
    _locked_line_open_states = ("draft",)

    # === Grant fields === #
    grant_id = fields.Many2one(
        comodel_name="union.relief.grant",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        related="grant_id.company_id",
        store=True,
        index=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="grant_id.currency_id",
    )

    # === Goods fields === #
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Goods",
        required=True,
        check_company=True,
    )
    quantity = fields.Float(
        required=True,
        default=1.0,
    )
    unit_value = fields.Monetary(
        help="What one unit of the goods cost the union (the price it paid).",
    )
    amount = fields.Monetary(
        string="Value",
        compute="_compute_amount",
        store=True,
        # the grant's amount, precomputed, depends on it
        precompute=True,
        aggregator="sum",
    )

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "The quantity of goods must be greater than zero."),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    # not on the currency: the grant's company, and so its currency, never changes once
    # the grant has goods (a batch run sets the company after the goods)
    @api.depends("quantity", "unit_value")
    def _compute_amount(self):
        for line in self:
            line.amount = goods_value(line)

    @api.depends("product_id", "quantity")
    def _compute_display_name(self):
        for line in self:
            line.display_name = "%s × %s" % (line.product_id.display_name or "", line.quantity)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("quantity", "unit_value")
    def _check_plausible_figures(self):
        for line in self:
            check_bounds(line, "unit_value", bounds.check_amount)
            check_bounds(line, "amount", bounds.check_amount)

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                # the value is the quantity times the unit value, whatever the caller
                # sends; a batch run, as the system, passes the values it computed
                vals.pop("amount", None)
        return super().create(vals_list)

    def _locked_line_message(self, parent):
        return _(
            "%(grant)s is %(state)s: its goods can no longer be changed.",
            grant=parent.display_name,
            state=parent._workflow_state_label(),
        )
