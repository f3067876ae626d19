from odoo import api, fields, models

from .union_hardship_file import check_household_create, check_household_write

# What decides the eligibility: fixed with the file's figures.
HOUSEHOLD_FIGURES = frozenset({"file_id", "exclusion_id", "applies"})


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

    @api.model_create_multi
    def create(self, vals_list):
        check_household_create(self, vals_list)
        return super().create(vals_list)

    def write(self, vals):
        check_household_write(self, vals, HOUSEHOLD_FIGURES)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_filed_household(self):
        if not self.env.su:
            self.file_id._check_household_editable()
