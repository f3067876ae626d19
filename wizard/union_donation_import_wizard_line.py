from odoo import _, api, fields, models


class UnionDonationImportWizardLine(models.TransientModel):
    _name = "union.donation.import.wizard.line"
    _description = "Line of an Imported Collection Sheet"
    _order = "line"

    import_id = fields.Many2one(
        comodel_name="union.donation.import.wizard",
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

    # === Cells of a line in error, as read from the file === #
    file_donor = fields.Char(string="Donor in the File")
    file_amount = fields.Char(string="Amount in the File")
    file_date = fields.Char(string="Date in the File")
    file_method = fields.Char(string="Method in the File")
    file_visibility = fields.Char(string="Visibility in the File")
    file_values = fields.Char(
        string="As in the File",
        compute="_compute_file_values",
        help="The cells of the line as the file has them, to find and correct it.",
    )

    @api.depends("file_donor", "file_amount", "file_date", "file_method", "file_visibility")
    def _compute_file_values(self):
        labels = [
            ("file_donor", _("Donor")),
            ("file_amount", _("Amount")),
            ("file_date", _("Date")),
            ("file_method", _("Method")),
            ("file_visibility", _("Visibility")),
        ]
        for line in self:
            line.file_values = " | ".join(
                "%s: %s" % (label, line[fname]) for fname, label in labels if line[fname]
            ) or False
