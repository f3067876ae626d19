from odoo import fields, models

from .union_hardship_file import CATEGORIES


class UnionHardshipSubclass(models.Model):
    _name = "union.hardship.subclass"
    _description = "Hardship Sub-class"
    _order = "sequence, id"

    name = fields.Char(
        required=True,
        translate=True,
        help="An enterprise's own finer class, e.g. 特困户 or 困难边缘户.",
    )
    code = fields.Char()
    sequence = fields.Integer(default=10)
    category = fields.Selection(
        selection=CATEGORIES,
        help="When set, the sub-class can only be used with files of this category.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.company,
    )
    active = fields.Boolean(default=True)
