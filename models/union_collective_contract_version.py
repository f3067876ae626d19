from odoo import api, fields, models


class UnionCollectiveContractVersion(models.Model):
    _name = "union.collective.contract.version"
    _description = "Collective Contract Version"
    _order = "contract_id, version desc"
    _check_company_auto = True

    contract_id = fields.Many2one(
        comodel_name="union.collective.contract",
        required=True,
        index=True,
        ondelete="cascade",
    )
    organization_id = fields.Many2one(
        related="contract_id.organization_id",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(
        related="contract_id.company_id",
        store=True,
    )
    version = fields.Integer(
        readonly=True,
        copy=False,
    )
    name = fields.Char(
        string="Description",
        required=True,
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
    )
    stage = fields.Selection(
        selection=[
            ("proposal", "Proposal"),
            ("draft", "Negotiated Draft"),
            ("final", "Final Text"),
        ],
        required=True,
        default="proposal",
    )
    attachment_ids = fields.Many2many(
        comodel_name="ir.attachment",
        string="Documents",
    )

    _sql_constraints = [
        (
            "version_uniq",
            "unique(contract_id, version)",
            "Each version number is used once per contract.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        contract_ids = {vals["contract_id"] for vals in vals_list if vals.get("contract_id")}
        last_versions = dict(
            self._read_group(
                [("contract_id", "in", list(contract_ids))],
                ["contract_id"],
                ["version:max"],
            )
        )
        next_version = {
            contract.id: version + 1 for contract, version in last_versions.items()
        }
        for vals in vals_list:
            contract_id = vals.get("contract_id")
            vals["version"] = next_version.get(contract_id, 1)
            next_version[contract_id] = vals["version"] + 1
        return super().create(vals_list)
