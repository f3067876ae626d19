from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..utils.groups import ACCOUNTANT, OFFICER
from ..utils.xlsx import ledger_workbook
from .union_workflow_mixin import Transition


class UnionDonationPayroll(models.Model):
    _name = "union.donation.payroll"
    _description = "Payroll Deduction List"
    _inherit = ["mail.thread", "union.workflow.mixin", "union.xlsx.export.mixin"]
    _order = "month desc, id desc"
    _check_company_auto = True

    _workflow_frozen_fields = frozenset({"month", "company_id"})

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
        tracking=True,
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

    @api.ondelete(at_uninstall=False)
    def _unlink_except_booked_donations(self):
        for batch in self:
            if batch.donation_ids.filtered(lambda d: d.state != "draft"):
                raise UserError(_(
                    "%s holds validated or cancelled donations: it cannot be deleted.",
                    batch.name,
                ))

    # === Workflow table (see doc/workflows.md) === #

    @api.model
    def _workflow_transitions(self):
        return {
            "send": Transition(("draft",), "sent", (OFFICER, ACCOUNTANT)),
            "book": Transition(("sent",), "booked", (OFFICER, ACCOUNTANT)),
        }

    @api.model
    def _workflow_action_labels(self):
        return {
            "send": _("send to payroll"),
            "book": _("book"),
        }

    # === Actions === #

    def action_collect(self):
        self._check_can_change()
        for batch in self:
            # what was validated or cancelled stays on the list it was sent with
            kept = batch.donation_ids.filtered(lambda d: d.state != "draft")
            batch.donation_ids = [fields.Command.set((batch._find_donations() | kept).ids)]
        return True

    def action_export(self):
        self.ensure_one()
        if self.state == "draft":
            self._workflow_check("send")
        self._check_can_export()
        self._do_export()
        return self._action_download_xlsx()

    def action_book(self):
        self._workflow_check("book")
        self._check_can_book()
        self._do_book()
        return True

    # === Business methods === #

    def _check_can_export(self):
        if not self.donation_ids:
            raise UserError(_("The list has no donation: collect the payroll donations first."))

    def _do_export(self):
        # the list is built for each download from its donations, kept nowhere
        if self.state == "draft":
            self._workflow_apply("send")

    def _get_xlsx_export(self):
        return (
            _("payroll-deductions-%s.xlsx", self.month.strftime("%Y-%m")),
            self._build_workbook(),
        )

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

    def _list_donations(self):
        """Every donation of the lists, those the user's rules hide included: a
        list is booked whole, by someone who may validate all its donations, or
        not at all."""
        return self.sudo().donation_ids.with_env(self.env)

    def _check_can_book(self):
        for batch in self:
            if not batch._list_donations():
                raise UserError(_("The list has no donation to book."))

    def _do_book(self):
        self._list_donations().filtered(lambda d: d.state == "draft").action_validate()
        self._workflow_apply("book")

    def _build_workbook(self):
        columns = [
            (_("Employee"), 18, "text", lambda d: d.employee_id.name or d.donor_name),
            (_("Badge ID"), 14, "text", lambda d: d.employee_id.barcode),
            (_("Department"), 22, "text", lambda d: d.employee_id.department_id.name),
            (_("Campaign"), 30, "text", lambda d: d.campaign_id.name),
            (_("Amount"), 14, "money", lambda d: d.amount),
        ]
        return ledger_workbook(
            _("Payroll Deductions"),
            _(
                "%(company)s: donations to deduct from %(month)s pay",
                company=self.company_id.name, month=self.month.strftime("%Y-%m"),
            ),
            columns,
            self.donation_ids,
            total=(_("Total"), self.total_amount),
        )
