from odoo import fields, models


class UnionHardshipListMixin(models.AbstractModel):
    """An entry of a list the relief centre keeps for hardship files (the causes
    of hardship, the exclusion criteria): a translated name and description, and
    a code that data files and the core refer to."""

    _name = "union.hardship.list.mixin"
    _description = "Hardship List Entry"
    _order = "sequence, id"

    name = fields.Char(
        required=True,
        translate=True,
    )
    code = fields.Char(
        required=True,
    )
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
