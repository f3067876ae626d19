from odoo import fields, models


class UnionCollectiveContractTerminateWizard(models.TransientModel):
    _name = "union.collective.contract.terminate.wizard"
    _description = "Terminate Collective Contracts"

    contract_ids = fields.Many2many(
        comodel_name="union.collective.contract",
        relation="union_collective_contract_terminate_wizard_rel",
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

    def action_terminate(self):
        self.ensure_one()
        self.contract_ids.terminate(self.date_terminated, self.termination_reason)
        return {"type": "ir.actions.act_window_close"}
