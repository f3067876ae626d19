from odoo import fields, models


class HrEmployeeBase(models.AbstractModel):
    _inherit = "hr.employee.base"

    # === Union membership fields === #
    # Shared by the employee and its public profile, through which internal users
    # read employees. Membership is not sensitive; everything about hardship
    # lives on union.hardship.file, never here.
    union_member_number = fields.Char(
        string="Member Number",
    )
    union_join_date = fields.Date(
        string="Joined the Union",
    )
    union_organization_id = fields.Many2one(
        comodel_name="union.organization",
        string="Union Organisation",
    )
    union_member_state = fields.Selection(
        selection=[
            ("member", "Member"),
            ("suspended", "Suspended"),
            ("left", "Left"),
        ],
        string="Membership Status",
    )
    union_retired = fields.Boolean(
        string="Retired",
        help="A retired worker the union still looks after: festival visits and batch "
        "runs can select the retired workers.",
    )
