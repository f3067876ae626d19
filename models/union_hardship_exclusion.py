from odoo import fields, models


class UnionHardshipExclusion(models.Model):
    _name = "union.hardship.exclusion"
    _description = "Hardship Exclusion Criterion"
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

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of an exclusion criterion must be unique."),
    ]
