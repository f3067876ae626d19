from odoo import _, api, fields, models
from odoo.exceptions import UserError


class UnionCollectiveContractTerminate(models.TransientModel):
    _name = "union.collective.contract.terminate"
    _description = "Terminate Collective Contracts"

    contract_ids = fields.Many2many(
        comodel_name="union.collective.contract",
        relation="union_contract_terminate_wizard_rel",
        string="Contracts",
        required=True,
    )
    date_terminated = fields.Date(
        string="Termination Date",
        required=True,
        default=fields.Date.context_today,
    )
    termination_reason = fields.Text(
        string="Reason",
        required=True,
        help="e.g. the employer closed down, or both sides agreed to end the contract early.",
    )

    @api.constrains("date_terminated", "contract_ids")
    def _check_date_terminated(self):
        for wizard in self:
            for contract in wizard.contract_ids:
                if contract.date_signed and wizard.date_terminated < contract.date_signed:
                    raise UserError(
                        _("%s cannot end before it was signed.", contract.display_name)
                    )

    def action_terminate(self):
        self.contract_ids._check_state("in_force", "signed", "filed")
        self.contract_ids.write({
            "state": "terminated",
            "date_terminated": self.date_terminated,
            "termination_reason": self.termination_reason,
        })
        return {"type": "ir.actions.act_window_close"}
