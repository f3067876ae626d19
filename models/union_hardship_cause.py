from odoo import fields, models


class UnionHardshipCause(models.Model):
    _name = "union.hardship.cause"
    _description = "Cause of Hardship"
    _inherit = ["union.hardship.list.mixin"]

    sudden = fields.Boolean(
        string="Sudden Event",
        help="An accident, injury or major illness: files with this main cause are "
        "assessed under the sudden-hardship rules.",
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a cause of hardship must be unique."),
    ]
