from odoo import fields, models


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    # Internal users read employees through their public profile: the union
    # membership (not sensitive) is part of it. Hardship data never is.
    union_member_number = fields.Char(
        string="Member Number",
        readonly=True,
    )
    union_join_date = fields.Date(
        string="Joined the Union",
        readonly=True,
    )
    union_organization_id = fields.Many2one(
        comodel_name="union.organization",
        string="Union Organisation",
        readonly=True,
    )
    union_member_state = fields.Selection(
        selection=[
            ("member", "Member"),
            ("suspended", "Suspended"),
            ("left", "Left"),
        ],
        string="Membership Status",
        readonly=True,
    )
    union_retired = fields.Boolean(
        string="Retired",
        readonly=True,
    )
