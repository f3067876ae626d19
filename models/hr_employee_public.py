from odoo import fields, models


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    # the union membership of hr.employee.base is part of the public profile,
    # read from the employee. Hardship data never is.
    union_member_number = fields.Char(readonly=True)
    union_join_date = fields.Date(readonly=True)
    union_organization_id = fields.Many2one(readonly=True)
    union_member_state = fields.Selection(readonly=True)
    union_retired = fields.Boolean(readonly=True)
