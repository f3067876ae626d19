import base64
import io

import xlsxwriter
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class UnionDonationPayroll(models.Model):
    _name = "union.donation.payroll"
    _description = "Payroll Deduction List"
    _inherit = ["mail.thread"]
    _order = "month desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        compute="_compute_name",
        store=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="company_id.currency_id",
    )
    month = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        help="Donations dated in this month and paid by payroll deduction are listed.",
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("sent", "Sent to Payroll"),
            ("booked", "Booked"),
        ],
        required=True,
        default="draft",
        copy=False,
        tracking=True,
    )
    donation_ids = fields.One2many(
        comodel_name="union.donation",
        inverse_name="payroll_batch_id",
        string="Donations",
    )
    total_amount = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_total_amount",
    )
    list_file = fields.Binary(
        string="Payroll List",
        readonly=True,
        attachment=True,
        copy=False,
    )
    list_filename = fields.Char(
        readonly=True,
        copy=False,
    )

    _sql_constraints = [
        (
            "month_company_uniq",
            "unique(month, company_id)",
            "There is already a payroll deduction list for this month.",
        ),
    ]

    @api.depends("month")
    def _compute_name(self):
        for batch in self:
            batch.name = _("Payroll deductions %s", batch.month.strftime("%Y-%m")) if batch.month else False

    @api.depends("donation_ids.amount")
    def _compute_total_amount(self):
        for batch in self:
            batch.total_amount = sum(batch.donation_ids.mapped("amount"))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("month"):
                vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)
        return super().create(vals_list)

    # === Actions === #

    def action_collect(self):
        self._check_can_change()
        for batch in self:
            batch.donation_ids = [fields.Command.set(batch._find_donations().ids)]

    def action_export(self):
        self.ensure_one()
        if not self.donation_ids:
            raise UserError(_("The list has no donation: collect the payroll donations first."))
        self.write({
            "list_file": base64.b64encode(self._build_workbook()),
            "list_filename": _("payroll-deductions-%s.xlsx", self.month.strftime("%Y-%m")),
            "state": "sent" if self.state == "draft" else self.state,
        })
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/%s/%s/list_file/%s?download=true" % (
                self._name, self.id, self.list_filename,
            ),
            "target": "self",
        }

    def action_book(self):
        self._check_can_book()
        self._do_book()

    # === Business methods === #

    def _check_can_change(self):
        if self.filtered(lambda b: b.state == "booked"):
            raise UserError(_("A booked payroll list cannot be changed."))

    def _find_donations(self):
        self.ensure_one()
        return self.env["union.donation"].search([
            ("company_id", "=", self.company_id.id),
            ("method", "=", "payroll"),
            ("state", "=", "draft"),
            ("date", ">=", self.month),
            ("date", "<", self.month + relativedelta(months=1)),
            "|", ("payroll_batch_id", "=", False), ("payroll_batch_id", "=", self.id),
        ], order="campaign_id, employee_id")

    def _check_can_book(self):
        for batch in self:
            if batch.state != "sent":
                raise UserError(_("Send the list to payroll before booking the deducted donations."))
            if not batch.donation_ids:
                raise UserError(_("The list has no donation to book."))

    def _do_book(self):
        self.donation_ids.filtered(lambda d: d.state == "draft").action_validate()
        self.write({"state": "booked"})

    def _build_workbook(self):
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(_("Payroll Deductions"))
        bold = workbook.add_format({"bold": True, "font_size": 14})
        header = workbook.add_format({"bold": True, "border": 1, "bg_color": "#D9E1F2"})
        cell = workbook.add_format({"border": 1})
        money = workbook.add_format({"border": 1, "num_format": "#,##0.00"})
        sheet.write(0, 0, _("%(company)s: donations to deduct from %(month)s pay",
                            company=self.company_id.name, month=self.month.strftime("%Y-%m")), bold)
        headers = [_("Employee"), _("Badge ID"), _("Department"), _("Campaign"), _("Amount")]
        for column, (title, width) in enumerate(zip(headers, (18, 14, 22, 30, 14))):
            sheet.write(2, column, title, header)
            sheet.set_column(column, column, width)
        row = 3
        for donation in self.donation_ids:
            employee = donation.employee_id
            sheet.write(row, 0, employee.name or donation.donor_name or "", cell)
            sheet.write(row, 1, employee.barcode or "", cell)
            sheet.write(row, 2, employee.department_id.name or "", cell)
            sheet.write(row, 3, donation.campaign_id.name, cell)
            sheet.write_number(row, 4, donation.amount, money)
            row += 1
        sheet.write(row, 3, _("Total"), header)
        sheet.write_number(row, 4, self.total_amount, money)
        workbook.close()
        return output.getvalue()
