from odoo import fields, models


class UnionHardshipHelper(models.Model):
    _name = "union.hardship.helper"
    _description = "Assigned Helper of a Hardship File"
    _order = "file_id, sequence, id"

    file_id = fields.Many2one(
        comodel_name="union.hardship.file",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        string="Helper",
        required=True,
    )
    role = fields.Selection(
        selection=[
            ("unit_leader", "Unit leader"),
            ("union_cadre", "Union cadre"),
            ("grassroots_leader", "Grassroots leader"),
            ("other", "Other"),
        ],
        required=True,
        default="union_cadre",
    )
    phone = fields.Char()
