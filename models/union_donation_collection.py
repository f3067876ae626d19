from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..union_relief import bounds
from ..union_relief import donation as donation_rules
from ..union_relief.money import money
from ..utils.actions import wizard_action
from ..utils.bounds import check_bounds
from ..utils.groups import OFFICER
from ..utils.messages import domain_errors
from .union_workflow_mixin import Transition


class UnionDonationCollection(models.Model):
    _name = "union.donation.collection"
    _description = "Department Collection Sheet"
    _inherit = ["mail.thread", "union.workflow.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    # what the collector counted and handed in
    _workflow_frozen_fields = frozenset({
        "name", "campaign_id", "department_id", "collector_id", "date", "method",
        "control_total", "organization_id", "company_id",
    })

    # === Identity fields === #
    name = fields.Char(
        string="Sheet",
        required=True,
        tracking=True,
    )
    campaign_id = fields.Many2one(
        comodel_name="union.donation.campaign",
        required=True,
        index=True,
        check_company=True,
        domain="[('state', '=', 'open')]",
        tracking=True,
    )
    department_id = fields.Many2one(
        comodel_name="hr.department",
        required=True,
        check_company=True,
        tracking=True,
    )
    collector_id = fields.Many2one(
        comodel_name="hr.employee",
        string="Collected By",
        tracking=True,
        check_company=True,
    )
    organization_id = fields.Many2one(
        comodel_name="union.organization",
        related="campaign_id.organization_id",
        store=True,
        index=True,
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
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    method = fields.Selection(
        selection=[
            ("cash", "Cash"),
            ("bank", "Bank transfer"),
            ("payroll", "Payroll deduction"),
        ],
        required=True,
        default="cash",
        tracking=True,
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("validated", "Validated"),
        ],
        required=True,
        default="draft",
        copy=False,
        tracking=True,
    )

    # === Amount fields === #
    control_total = fields.Monetary(
        currency_field="currency_id",
        required=True,
        tracking=True,
        help="The total counted by the collector; the lines must add up to it.",
    )
    donation_ids = fields.One2many(
        comodel_name="union.donation",
        inverse_name="collection_id",
        string="Donations",
    )
    total_amount = fields.Monetary(
        string="Total of the Lines",
        currency_field="currency_id",
        compute="_compute_total_amount",
    )
    difference = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_total_amount",
    )
    donation_count = fields.Integer(
        compute="_compute_total_amount",
    )

    @api.depends("donation_ids.amount", "control_total")
    def _compute_total_amount(self):
        for collection in self:
            collection.total_amount = sum(collection.donation_ids.mapped("amount"))
            collection.difference = collection.total_amount - collection.control_total
            collection.donation_count = len(collection.donation_ids)

    @api.constrains("control_total", "date")
    def _check_plausible_figures(self):
        today = fields.Date.context_today(self)
        for collection in self:
            check_bounds(collection, "control_total", bounds.check_amount)
            check_bounds(collection, "date", bounds.check_date_not_future, today)

    def write(self, vals):
        res = super().write(vals)
        shared = {key: vals[key] for key in ("campaign_id", "date", "method") if key in vals}
        if shared:
            self.donation_ids.filtered(lambda d: d.state == "draft").write(shared)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_booked_donations(self):
        for collection in self:
            if collection.donation_ids.filtered(lambda d: d.state != "draft"):
                raise UserError(_(
                    "The collection sheet %s holds validated or cancelled donations: "
                    "it cannot be deleted.",
                    collection.name,
                ))

    def unlink(self):
        # the draft lines go with their sheet, through their own guard; the
        # others keep it (their link is ondelete restrict)
        self.donation_ids.filtered(lambda d: d.state == "draft").unlink()
        return super().unlink()

    # === Workflow table (see doc/workflows.md) === #

    @api.model
    def _workflow_transitions(self):
        return {
            "validate": Transition(("draft",), "validated", (OFFICER,)),
        }

    @api.model
    def _workflow_action_labels(self):
        return {
            "validate": _("validate"),
        }

    # === Actions === #

    def action_validate(self):
        self._workflow_check("validate")
        self._check_can_validate()
        self._do_validate()
        return True

    def action_import(self):
        self.ensure_one()
        return wizard_action(
            "union.donation.import.wizard",
            _("Import Collection Sheet"),
            context={"default_collection_id": self.id},
        )

    # === Business methods === #

    def _check_can_validate(self):
        for collection in self:
            if not collection.donation_ids:
                raise UserError(_("The collection sheet %s has no donation.", collection.name))
            with domain_errors(self.env):
                donation_rules.check_control_total(
                    [money(amount) for amount in collection.donation_ids.mapped("amount")],
                    money(collection.control_total),
                )

    def _do_validate(self):
        self.donation_ids.filtered(lambda d: d.state == "draft").action_validate()
        self._workflow_apply("validate")

    def _prepare_donation_vals(self, employee, amount, day, method, visibility):
        """Values of one line of the sheet given by ``employee``."""
        self.ensure_one()
        return {
            "collection_id": self.id,
            "campaign_id": self.campaign_id.id,
            "company_id": self.company_id.id,
            "donor_type": "employee",
            "employee_id": employee.id,
            "amount": amount,
            "date": day,
            "method": method,
            "visibility": visibility,
        }
