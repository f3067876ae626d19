from odoo import fields, models


class UnionDonationImportLine(models.TransientModel):
    _name = "union.donation.import.line"
    _description = "Line of an Imported Collection Sheet"
    _order = "line"

    import_id = fields.Many2one(
        comodel_name="union.donation.import",
        required=True,
        ondelete="cascade",
    )
    line = fields.Integer()
    donor = fields.Char()
    employee_id = fields.Many2one(
        comodel_name="hr.employee",
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="import_id.currency_id",
    )
    amount = fields.Monetary(
        currency_field="currency_id",
    )
    date = fields.Date()
    method = fields.Selection(
        selection=[
            ("cash", "Cash"),
            ("bank", "Bank transfer"),
            ("payroll", "Payroll deduction"),
        ],
    )
    visibility = fields.Selection(
        selection=[
            ("named", "Show the name"),
            ("masked", "Mask the name"),
            ("anonymous", "Anonymous"),
        ],
    )
    error = fields.Text()
