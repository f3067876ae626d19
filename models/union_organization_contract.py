from odoo import api, fields, models


class UnionOrganization(models.Model):
    _inherit = "union.organization"

    collective_contract_required = fields.Boolean(
        string="Must Have a Collective Contract",
        compute="_compute_collective_contract_required",
        store=True,
        readonly=False,
        help="Counted in the denominator of the signing rate. Grassroots unions sign "
        "collective contracts with their employer; branches are covered by them.",
    )
    collective_contract_ids = fields.One2many(
        comodel_name="union.collective.contract",
        inverse_name="organization_id",
        string="Collective Contracts",
    )

    @api.depends("organization_type")
    def _compute_collective_contract_required(self):
        for organization in self:
            organization.collective_contract_required = (
                organization.organization_type == "grassroots"
            )
