from odoo import models


class UnionHardshipExclusion(models.Model):
    _name = "union.hardship.exclusion"
    _description = "Hardship Exclusion Criterion"
    _inherit = ["union.hardship.list.mixin"]

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of an exclusion criterion must be unique."),
    ]
