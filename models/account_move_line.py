from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    union_relief_grant_id = fields.Many2one(
        comodel_name="union.relief.grant",
        string="Relief Grant",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The grant this payable (or goods) line belongs to.",
    )
