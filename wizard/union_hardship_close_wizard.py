from odoo import fields, models


class UnionHardshipCloseWizard(models.TransientModel):
    _name = "union.hardship.close.wizard"
    _description = "Close Hardship Files"

    file_ids = fields.Many2many(
        comodel_name="union.hardship.file",
        string="Hardship Files",
        required=True,
    )
    end_state = fields.Selection(
        selection=[
            ("exited", "Exit from hardship"),
            ("withdrawn", "Withdrawal"),
            ("cancelled", "Cancellation"),
        ],
        string="Closing",
        required=True,
        default="exited",
    )
    close_date = fields.Date(
        string="Date",
        required=True,
        default=fields.Date.context_today,
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.file_ids._close(self.end_state, self.reason, self.close_date)
        return {"type": "ir.actions.act_window_close"}
