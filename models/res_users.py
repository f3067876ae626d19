from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    union_organization_ids = fields.Many2many(
        comodel_name="union.organization",
        relation="union_organization_officer_rel",
        column1="user_id",
        column2="organization_id",
        string="Union Organisations",
        help="Organisations this user works for as an officer; record rules give access "
        "to them and their sub-organisations.",
    )
