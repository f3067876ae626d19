from odoo import api, fields, models

from ..models.union_relief_grant_goods import goods_value


class UnionReliefBatchWizardGoods(models.TransientModel):
    _name = "union.relief.batch.wizard.goods"
    _description = "Goods of an In-kind Batch Run"

    wizard_id = fields.Many2one(
        comodel_name="union.relief.batch.wizard",
        required=True,
        ondelete="cascade",
    )
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Goods",
        required=True,
    )
    quantity = fields.Float(
        string="Quantity per Recipient",
        required=True,
        default=1.0,
    )
    unit_value = fields.Monetary(
        help="What one unit of the goods cost the union (the price it paid).",
    )
    amount = fields.Monetary(
        string="Value per Recipient",
        compute="_compute_amount",
    )

    @api.depends("quantity", "unit_value", "currency_id")
    def _compute_amount(self):
        for line in self:
            line.amount = goods_value(line)

    def _prepare_grant_goods_vals(self):
        """The goods lines every grant of the run gets, with their value: the run
        creates them as the system, sparing Odoo a draft line per grant and good."""
        return [
            {
                "product_id": line.product_id.id,
                "quantity": line.quantity,
                "unit_value": line.unit_value,
                "amount": line.amount,
            }
            for line in self
        ]
