from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    union_relief_programme_id = fields.Many2one(
        comodel_name="union.relief.programme",
        string="Relief Programme",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The relief programme whose grants this entry books; the programme's fund "
        "statement reads its posted entries.",
    )
