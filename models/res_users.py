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

    def _union_default_organizations(self):
        """The organisations a form or wizard starts with for this user: those they
        work for in the current company (the record rules give them these and their
        sub-organisations)."""
        self.ensure_one()
        return self.union_organization_ids.filtered(
            lambda organization: organization.company_id == self.env.company
        )

    def _union_default_organization(self):
        """The organisation a record of one organisation starts with: the user's
        first in the current company."""
        return self._union_default_organizations()[:1]
