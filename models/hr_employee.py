from odoo import _, fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    # === Union membership fields === #
    # Membership is not sensitive; everything about hardship lives on
    # union.hardship.file, never here.
    union_member_number = fields.Char(
        string="Member Number",
        groups="hr.group_hr_user,union_relief.group_union_member",
        tracking=True,
    )
    union_join_date = fields.Date(
        string="Joined the Union",
        groups="hr.group_hr_user,union_relief.group_union_member",
    )
    union_organization_id = fields.Many2one(
        comodel_name="union.organization",
        string="Union Organisation",
        groups="hr.group_hr_user,union_relief.group_union_member",
        index=True,
        tracking=True,
    )
    union_member_state = fields.Selection(
        selection=[
            ("member", "Member"),
            ("suspended", "Suspended"),
            ("left", "Left"),
        ],
        string="Membership Status",
        groups="hr.group_hr_user,union_relief.group_union_member",
        tracking=True,
    )

    _sql_constraints = [
        (
            "union_member_number_uniq",
            "unique(union_member_number, company_id)",
            "This union member number is already used in the company.",
        ),
    ]
