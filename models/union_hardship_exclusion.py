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


class UnionHardshipExclusionCheck(models.Model):
    _name = "union.hardship.exclusion.check"
    _description = "Exclusion Check of a Hardship File"
    _order = "sequence, id"

    file_id = fields.Many2one(
        comodel_name="union.hardship.file",
        required=True,
        ondelete="cascade",
        index=True,
    )
    exclusion_id = fields.Many2one(
        comodel_name="union.hardship.exclusion",
        required=True,
        ondelete="restrict",
    )
    sequence = fields.Integer(related="exclusion_id.sequence", store=True)
    applies = fields.Boolean(
        help="Tick when the household meets this exclusion criterion.",
    )
    decision = fields.Char(
        help="What was checked and decided, e.g. 'property register checked, one home'.",
    )

    _sql_constraints = [
        (
            "file_exclusion_uniq",
            "unique(file_id, exclusion_id)",
            "Each exclusion criterion is checked once per file.",
        ),
    ]
