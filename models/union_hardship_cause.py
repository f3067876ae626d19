from odoo import fields, models


class UnionHardshipCause(models.Model):
    _name = "union.hardship.cause"
    _description = "Cause of Hardship"
    _order = "sequence, id"

    name = fields.Char(
        required=True,
        translate=True,
    )
    code = fields.Char(
        required=True,
    )
    sequence = fields.Integer(default=10)
    sudden = fields.Boolean(
        string="Sudden Event",
        help="An accident, injury or major illness: files with this main cause are "
        "assessed under the sudden-hardship rules.",
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a cause of hardship must be unique."),
    ]
