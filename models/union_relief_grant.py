import json
from collections import defaultdict
from decimal import Decimal

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..union_relief import bounds, relief
from ..union_relief import donation as donation_rules
from ..union_relief.errors import DomainError
from ..union_relief.masking import mask_name
from ..union_relief.money import money, rmb_upper_or_empty
from ..utils.actions import window_action
from ..utils.bounds import BoundedInteger, check_bounds
from ..utils.groups import ACCOUNTANT, CENTRE, MANAGER, OFFICER
from ..utils.messages import domain_errors, domain_message
from .union_hardship_file import CATEGORIES, FILED_STATES, SENSITIVE
from .union_hardship_member import SCHOOL_LEVELS
from .union_relief_programme import (
    ACTIVITY_APPROVE,
    AID_KINDS,
    FUNDING_SOURCES,
    SERVICE_TYPES,
)
from .union_workflow_mixin import Transition

GRANT_FUNDING_SOURCES = [*FUNDING_SOURCES, ("campaign", "Donations")]

# Fields only the workflow methods write (besides the state; see the mixin).
WORKFLOW_FIELDS = {
    "name",
    "submitted_by_id",
    "first_approver_id",
    "second_approver_id",
    "approved_date",
    "move_id",
    "reversal_move_id",
    "booked_expense_account_id",
    "booked_analytic_distribution",
    "payment_run_id",
    "paid_date",
    "notice_start_date",
    "notice_end_date",
    "batch_id",
}
# The results of a rights-protection case (employment and legal aid), summed by
# the case pivot.
CASE_FIGURES = (
    "workers_helped", "wages_recovered", "injury_compensation", "dismissal_compensation",
    "jobs_found",
)
# Fields computed from the programme's standards. They are not readonly only so
# that the batch run, which has just computed them for thousands of households
# with the same core, can pass them to ``create``; nobody else sets them (see
# ``create`` and ``write``), and the views show them read-only.
DERIVED_FIELDS = {
    "periodic",
    "standard_id",
    "computed_amount",
    "amount_note",
    "amount",
}
# What a grant's beneficiary, amount and booking are once it left the draft.
FROZEN_FIELDS = frozenset({
    "programme_id", "file_id", "employee_id", "partner_id", "beneficiary_type", "period",
    "date", "override_amount", "override_reason", "quantity", "unit_value", "aid_kind",
    "product_id", "school_level", "cost_amount", "organization_id", "company_id",
    "payee_id", "payee_member_id", "campaign_id",
})
# A campaign pays relief while it is open, and its leftover once closed.
CAMPAIGN_PAYING_STATES = ("open", "closed")
# in the order of the workflow (a batch run is in the least advanced of its grants')
GRANT_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("second_approval", "Awaiting Second Approval"),
    ("approved", "Approved"),
    ("notice", "Public Notice"),
    ("paid", "Paid"),
    ("cancelled", "Cancelled"),
]


class UnionReliefGrant(models.Model):
    _name = "union.relief.grant"
    _description = "Relief Grant"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "union.workflow.mixin",
        "union.numbered.mixin",
        "union.company.checked.mixin",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True

    _workflow_system_fields = frozenset(WORKFLOW_FIELDS)
    _workflow_frozen_fields = FROZEN_FIELDS
    _union_sequence_code = "union.relief.grant"

    # === Identity fields === #
    name = fields.Char(
        string="Reference",
        readonly=True,
        copy=False,
        index="trigram",
        help="Given when the grant is saved: the programme's code and a number of the "
        "grants' sequence.",
    )
    programme_id = fields.Many2one(
        comodel_name="union.relief.programme",
        required=True,
        index=True,
        tracking=True,
        # no check_company: the grant's company is the programme's, so a company
        # check would offer a new grant (no company yet) no programme at all
        domain="[('state', '=', 'open'), ('company_id', 'in', allowed_company_ids)]",
    )
    programme_type = fields.Selection(
        related="programme_id.programme_type",
        store=True,
        string="Programme Type",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        related="programme_id.company_id",
        store=True,
        index=True,
        # not precomputed: a batch run passes every precomputed field, which
        # spares Odoo a draft record per grant; the company follows in one UPDATE
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="company_id.currency_id",
    )
    batch_id = fields.Many2one(
        comodel_name="union.relief.batch",
        string="Batch Run",
        index=True,
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    state = fields.Selection(
        selection=GRANT_STATES,
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="Date of the request; standards are chosen by it for one-off programmes.",
    )
    period = fields.Char(
        required=True,
        compute="_compute_period",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        help="Month (2026-11) for monthly programmes, year (2026) or month otherwise.",
    )
    periodic = fields.Boolean(
        compute="_compute_periodic",
        store=True,
        precompute=True,
        readonly=False,
        help="One grant per beneficiary and period: the programme pays monthly.",
    )

    # === Beneficiary fields === #
    beneficiary_type = fields.Selection(
        selection=[
            ("file", "Hardship file"),
            ("employee", "Employee"),
            ("partner", "Other person"),
        ],
        required=True,
        default="file",
    )
    file_id = fields.Many2one(
        comodel_name="union.hardship.file",
        string="Hardship File",
        index=True,
        tracking=True,
        check_company=True,
    )
    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        string="Worker",
        compute="_compute_employee_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Beneficiary Contact",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        help="The beneficiary as a contact: the worker's work contact, or the person for "
        "grants open to all. Once per period and the yearly caps count per beneficiary.",
    )
    payee_id = fields.Many2one(
        comodel_name="res.partner",
        string="Paid To",
        tracking=True,
        help="Who receives the money when it is not the beneficiary: the widow of a "
        "deceased worker, a guardian, the hospital. Empty: the beneficiary is paid.",
    )
    payee_member_id = fields.Many2one(
        comodel_name="union.hardship.member",
        string="Household Member Paid",
        domain="[('file_id', '=', file_id)]",
        groups=SENSITIVE,
        help="The member of the household who receives the money; the grant pays the "
        "member's contact, made from the household record if there is none yet.",
    )
    organization_id = fields.Many2one(
        comodel_name="union.organization",
        string="Union Organisation",
        compute="_compute_organization_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
    )
    category = fields.Selection(
        selection=CATEGORIES,
        string="Hardship Category",
        compute="_compute_category",
        store=True,
        help="The household's category when the grant was made, kept once the grant is "
        "submitted: the statistics by category and the public notice stay as they were "
        "when the household is reclassified later.",
    )
    funding_source = fields.Selection(
        selection=GRANT_FUNDING_SOURCES,
        compute="_compute_funding_source",
        store=True,
        precompute=True,
        help="Where the money came from when the grant was made, kept once the grant "
        "is submitted: donations for a grant charged to a campaign, otherwise the "
        "programme's source.",
    )
    # What the statistics add up: a grant to a hardship file reaches a household of
    # its size, a grant to a worker or another person one person. The size is the
    # household's when the grant was made (kept once submitted, as the amount), so
    # that last year's figures do not change with this year's households.
    household_reached = fields.Integer(
        string="Households Reached",
        compute="_compute_reached",
        store=True,
        help="1 for a grant to a hardship file. Summed, the households reached: a "
        "household paid every month counts once a month; the distinct households are "
        "the count of hardship files.",
    )
    people_reached = fields.Integer(
        compute="_compute_reached",
        store=True,
        groups=SENSITIVE,
        help="The size of the household of a hardship file when the grant was made; "
        "1 for a worker or another person.",
    )

    # === Amount fields === #
    aid_kind = fields.Selection(
        selection=AID_KINDS,
        string="Form of Aid",
        compute="_compute_aid_kind",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    school_level = fields.Selection(
        selection=SCHOOL_LEVELS,
        groups=SENSITIVE,
        help="For education aid: the level of the student the grant is for.",
    )
    cost_amount = fields.Monetary(
        string="Out-of-pocket Cost",
        groups=SENSITIVE,
        help="For medical aid: the year's medical costs the household paid itself.",
    )
    standard_id = fields.Many2one(
        comodel_name="union.relief.standard",
        string="Relief Standard",
        compute="_compute_computed_amount",
        store=True,
        precompute=True,
        readonly=False,
    )
    computed_amount = fields.Monetary(
        compute="_compute_computed_amount",
        store=True,
        precompute=True,
        readonly=False,
        help="What the programme's standards give this beneficiary.",
    )
    amount_note = fields.Char(
        string="Why No Amount",
        compute="_compute_computed_amount",
        store=True,
        precompute=True,
        readonly=False,
    )
    override_amount = fields.Monetary(
        string="Amount Set by Hand",
        tracking=True,
        help="Replaces the computed amount; a reason is required.",
    )
    override_reason = fields.Text(
        string="Reason for the Amount",
        tracking=True,
    )
    amount = fields.Monetary(
        compute="_compute_amount",
        store=True,
        precompute=True,
        readonly=False,
        tracking=True,
        aggregator="sum",
    )
    amount_in_words = fields.Char(
        string="Amount in Words",
        compute="_compute_amount_in_words",
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Goods",
        check_company=True,
    )
    quantity = fields.Float(default=1.0)
    unit_value = fields.Monetary()
    goods_line_ids = fields.One2many(
        comodel_name="union.relief.grant.goods",
        inverse_name="grant_id",
        string="Goods Given",
        copy=True,
        help="The goods of an in-kind grant (a quilt and a bag of rice): the grant is worth "
        "their total value. Without lines, the single goods above are used.",
    )

    # === Case fields (employment and legal aid) === #
    # The story of a case is the worker's; its figures are the union's results
    # (doc/domain.md §4, rights-protection outcomes) and may be grouped by anyone
    # who reads the grant.
    case_description = fields.Text(groups=SENSITIVE)
    outcome = fields.Text(groups=SENSITIVE)
    workers_helped = BoundedInteger(
        compute="_compute_workers_helped",
        store=True,
        readonly=False,
        tracking=True,
        help="Workers the case helped: one, or all the workers of a collective case "
        "(the migrant workers of a site whose wages were recovered together). "
        "Zero for grants that are not employment or legal aid cases.",
    )
    wages_recovered = fields.Monetary(
        tracking=True,
        help="For legal aid: unpaid wages recovered for the workers.",
    )
    injury_compensation = fields.Monetary(
        string="Work-injury Compensation Won",
        tracking=True,
        help="For legal aid: work-injury compensation the workers obtained.",
    )
    dismissal_compensation = fields.Monetary(
        string="Dismissal Compensation Won",
        tracking=True,
        help="For legal aid: compensation for unlawful dismissal or severance pay the "
        "workers obtained.",
    )
    jobs_found = BoundedInteger(
        tracking=True,
        help="For employment aid: workers of the case placed in a job.",
    )
    attachment_ids = fields.Many2many(
        comodel_name="ir.attachment",
        string="Supporting Documents",
        groups=SENSITIVE,
        help="Medical bills and other evidence: as sensitive as the costs, only officers "
        "read them.",
    )

    # === Approval fields === #
    submitted_by_id = fields.Many2one(
        comodel_name="res.users",
        readonly=True,
        copy=False,
    )
    first_approver_id = fields.Many2one(
        comodel_name="res.users",
        string="Approved By",
        readonly=True,
        copy=False,
    )
    second_approver_id = fields.Many2one(
        comodel_name="res.users",
        string="Second Approval By",
        readonly=True,
        copy=False,
    )
    approved_date = fields.Date(readonly=True, copy=False)
    needs_second_approval = fields.Boolean(compute="_compute_needs_second_approval")
    notice_start_date = fields.Date(readonly=True, copy=False)
    notice_end_date = fields.Date(readonly=True, copy=False)
    notice_required = fields.Boolean(related="programme_id.notice_required")
    can_pay = fields.Boolean(
        compute="_compute_can_pay",
        help="Approved, and past its public notice when the programme requires one.",
    )
    cancel_reason = fields.Text(copy=False, tracking=True)

    # === Accounting fields === #
    move_id = fields.Many2one(
        comodel_name="account.move",
        string="Journal Entry",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    reversal_move_id = fields.Many2one(
        comodel_name="account.move",
        string="Reversal Entry",
        readonly=True,
        copy=False,
    )
    move_line_ids = fields.One2many(
        comodel_name="account.move.line",
        inverse_name="union_relief_grant_id",
        string="Journal Items",
        readonly=True,
    )
    booked_expense_account_id = fields.Many2one(
        comodel_name="account.account",
        readonly=True,
        copy=False,
    )
    booked_analytic_distribution = fields.Json(readonly=True, copy=False)
    payment_run_id = fields.Many2one(
        comodel_name="union.relief.payment.run",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The run that pays the grant: its payment entry holds the line that "
        "settles the grant's payable.",
    )
    paid_date = fields.Date(readonly=True, copy=False)

    # === Campaign fields === #
    # Relief paid to a campaign's beneficiaries out of the campaign's fund: the
    # grant keeps its programme (standards, approvals, payment, budget); only the
    # expense is charged to the campaign's restricted fund instead of the
    # programme's, so the campaign statement shows it as spent.
    campaign_id = fields.Many2one(
        comodel_name="union.donation.campaign",
        string="Charged to Campaign",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('state', 'in', ('open', 'closed'))]",
        help="Pay this grant out of the donations raised by the campaign: the expense "
        "carries the campaign's analytic account instead of the programme's.",
    )

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity >= 0)", "The quantity of goods cannot be negative."),
    ]

    def init(self):
        # The safety net under concurrent runs: the ORM check below gives the clear
        # message; this constraint, checked at commit, makes a second grant for the
        # same beneficiary and period impossible even when two runs overlap.
        self.env.cr.execute("""
            SELECT 1 FROM pg_constraint WHERE conname = 'union_relief_grant_once_per_period'
        """)
        if not self.env.cr.fetchone():
            self.env.cr.execute("""
                ALTER TABLE union_relief_grant
                  ADD CONSTRAINT union_relief_grant_once_per_period
                EXCLUDE USING btree (programme_id WITH =, partner_id WITH =, period WITH =)
                  WHERE (periodic AND state != 'cancelled')
                  DEFERRABLE INITIALLY DEFERRED
            """)

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("name", "partner_id")
    def _compute_display_name(self):
        for grant in self:
            grant.display_name = " ".join(filter(None, [grant.name, grant.partner_id.name]))

    @api.depends("programme_id", "date")
    def _compute_period(self):
        for grant in self.filtered(lambda g: g.programme_id and not g.period):
            grant.period = relief.default_period(
                grant.programme_id.recurrence,
                grant.programme_id.fiscal_year,
                grant.date or fields.Date.context_today(grant),
            )

    @api.depends("programme_id.recurrence")
    def _compute_periodic(self):
        for grant in self:
            grant.periodic = grant.programme_id.recurrence == "monthly"

    @api.depends("file_id")
    def _compute_employee_id(self):
        for grant in self.filtered("file_id"):
            grant.employee_id = grant.file_id.employee_id

    @api.depends("employee_id")
    def _compute_partner_id(self):
        for grant in self.filtered("employee_id"):
            grant.partner_id = grant.employee_id.sudo().work_contact_id

    @api.depends("file_id", "employee_id", "programme_id")
    def _compute_organization_id(self):
        for grant in self:
            grant.organization_id = (
                grant.file_id.organization_id
                or grant.employee_id.sudo().union_organization_id
                or grant.programme_id.organization_id
            )

    @api.depends("programme_id.programme_type")
    def _compute_workers_helped(self):
        for grant in self:
            grant.workers_helped = (grant.workers_helped or 1) if grant._is_case() else 0

    @api.depends("file_id.category")
    def _compute_category(self):
        for grant in self:
            if grant.id and grant.state != "draft" and grant.category:
                continue
            grant.category = grant.file_id.category

    @api.depends("programme_id.funding_source", "campaign_id")
    def _compute_funding_source(self):
        for grant in self:
            if grant.id and grant.state != "draft" and grant.funding_source:
                continue
            grant.funding_source = (
                "campaign" if grant.campaign_id else grant.programme_id.funding_source
            )

    @api.depends("beneficiary_type", "file_id.household_size")
    def _compute_reached(self):
        # A submitted grant keeps what it reached; one with no figure yet (made
        # before these fields existed) gets its own. Computed as the system: the
        # household's size is for the officers only.
        for grant in self:
            if grant.id and grant.state != "draft" and grant.people_reached:
                continue
            to_file = grant.beneficiary_type == "file" and grant.file_id
            grant.household_reached = 1 if to_file else 0
            grant.people_reached = max(grant.file_id.household_size, 1) if to_file else 1

    @api.depends("programme_id")
    def _compute_aid_kind(self):
        for grant in self:
            grant.aid_kind = grant.programme_id.default_aid_kind or "cash"

    @api.depends(
        "programme_id.standard_ids",
        "programme_id.fiscal_year",
        "file_id.state",
        "file_id.category",
        "file_id.subclass_id",
        "file_id.main_cause_id",
        "file_id.household_size",
        "partner_id",
        "aid_kind",
        "school_level",
        "cost_amount",
        "period",
        "date",
        "quantity",
        "unit_value",
        "goods_line_ids.amount",
    )
    def _compute_computed_amount(self):
        # A submitted grant keeps the amount it was submitted with: a household's
        # file changing later does not change what is approved, booked or paid.
        grants = self.filtered(lambda g: g.state == "draft" or not g.id)
        standards = {}
        year_totals = grants._year_totals()
        # one read of the households for all the grants (a batch run computes thousands)
        grants.sudo().file_id._origin.fetch(
            ["state", "category", "main_cause_id", "subclass_id", "household_size"]
        )
        for grant in grants:
            standard_id, amount_note, computed_amount = False, False, 0.0
            if grant.aid_kind == "in_kind":
                # the goods lines, when there are some, hold the goods given
                computed_amount = grant.currency_id.round(
                    sum(grant.goods_line_ids.mapped("amount")) if grant.goods_line_ids
                    else grant.quantity * grant.unit_value
                )
            elif grant.aid_kind != "service" and grant.programme_id:
                programme = grant.programme_id
                if programme not in standards:
                    standards[programme] = programme._core_standards()
                # as the system: the standards look at data the approver need not see
                household = grant.sudo()
                beneficiary = household.file_id._relief_beneficiary(
                    household.school_level, household.cost_amount
                )
                try:
                    standard = relief.select_standard(
                        standards[programme], beneficiary, grant._standard_date()
                    )
                    amount = relief.compute_amount(
                        standard,
                        beneficiary,
                        year_totals.get((programme.id, grant.partner_id.id), relief.ZERO),
                    )
                except DomainError as error:
                    amount_note = domain_message(self.env, error)
                else:
                    standard_id, computed_amount = standard.id, float(amount)
            grant.standard_id = standard_id
            grant.amount_note = amount_note
            grant.computed_amount = computed_amount

    @api.depends("computed_amount", "override_amount")
    def _compute_amount(self):
        for grant in self:
            grant.amount = grant.override_amount or grant.computed_amount

    @api.depends("amount")
    def _compute_amount_in_words(self):
        for grant in self:
            grant.amount_in_words = rmb_upper_or_empty(grant.amount)

    @api.depends("amount", "programme_id.second_approval_amount")
    def _compute_needs_second_approval(self):
        for grant in self:
            grant.needs_second_approval = grant._needs_second_approval()

    @api.depends("state", "notice_end_date", "programme_id.notice_required", "payment_run_id")
    def _compute_can_pay(self):
        today = fields.Date.context_today(self)
        for grant in self:
            grant.can_pay = (
                grant.state in ("approved", "notice")
                and not grant._notice_pending(today)
                and not grant.payment_run_id
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("period", "programme_id")
    def _check_period(self):
        for grant in self:
            with domain_errors(self.env, ValidationError):
                relief.check_period(
                    grant.period, grant.programme_id.fiscal_year, grant.programme_id.recurrence
                )

    @api.constrains("override_amount", "override_reason")
    def _check_override_reason(self):
        for grant in self:
            if grant.override_amount < 0:
                raise ValidationError(_("The amount of a grant cannot be negative."))
            if grant.override_amount and not (grant.override_reason or "").strip():
                raise ValidationError(_(
                    "Explain why the amount of %s is set by hand.", grant.display_name
                ))

    @api.constrains(
        "date", "override_amount", "cost_amount", "quantity", "unit_value",
    )
    def _check_plausible_figures(self):
        latest = bounds.end_of_next_year(fields.Date.context_today(self))
        for grant in self.sudo():
            check_bounds(grant, "date", bounds.check_date, latest)
            for fname in ("override_amount", "cost_amount", "unit_value"):
                check_bounds(grant, fname, bounds.check_amount)
            # goods: the quantity times the value
            check_bounds(grant, "amount", bounds.check_amount)

    @api.constrains(
        "programme_id", "workers_helped", "wages_recovered", "injury_compensation",
        "dismissal_compensation", "jobs_found",
    )
    def _check_case_outcome(self):
        for grant in self:
            if not grant._is_case():
                if any(grant[fname] for fname in CASE_FIGURES):
                    raise ValidationError(_(
                        "%s is not an employment or legal aid case: it records no workers "
                        "helped, money recovered or won, or jobs found.",
                        grant.display_name,
                    ))
                continue
            check_bounds(grant, "workers_helped", bounds.check_count, *bounds.CASE_WORKERS)
            # a job is found for a worker the case helped
            check_bounds(grant, "jobs_found", bounds.check_count, 0, grant.workers_helped)
            for fname in ("wages_recovered", "injury_compensation", "dismissal_compensation"):
                check_bounds(grant, fname, bounds.check_amount)

    @api.constrains("aid_kind", "override_amount")
    def _check_service_without_amount(self):
        for grant in self.filtered(lambda g: g.aid_kind == "service"):
            if not grant.currency_id.is_zero(grant.amount):
                raise ValidationError(_(
                    "%s is a service and moves no money through the union's funds: clear "
                    "the amount set by hand, or make its form of aid Cash so that the "
                    "amount is approved, booked and paid as a grant.",
                    grant.display_name,
                ))

    @api.constrains("beneficiary_type", "file_id", "employee_id", "partner_id", "programme_id")
    def _check_beneficiary(self):
        for grant in self:
            if grant.beneficiary_type == "file" and not grant.file_id:
                raise ValidationError(_("Choose the hardship file of the grant."))
            if grant.beneficiary_type == "employee" and not grant.employee_id:
                raise ValidationError(_("Choose the worker who receives the grant."))
            if not grant.partner_id and grant.beneficiary_type == "partner":
                raise ValidationError(_("Choose the person who receives the grant."))
            if grant.beneficiary_type != "file" and not grant.programme_id.open_to_all:
                raise ValidationError(_(
                    "%s is for filed households only: choose a hardship file.",
                    grant.programme_id.display_name,
                ))

    @api.constrains("payee_member_id", "file_id")
    def _check_payee_member(self):
        for grant in self.sudo().filtered("payee_member_id"):
            if grant.payee_member_id.file_id != grant.file_id:
                raise ValidationError(_(
                    "%(member)s is not a member of the household of %(grant)s: choose the "
                    "payee among its household members, or a contact.",
                    member=grant.payee_member_id.name,
                    grant=grant.display_name,
                ))

    # Not on "state": no transition leaves "cancelled", so a change of state never
    # adds a live grant; checking on it would cost a search per workflow step of a
    # whole batch run.
    @api.constrains("programme_id", "partner_id", "period", "periodic")
    def _check_once_per_period(self):
        periodic = self.filtered(lambda g: g.periodic and g.state != "cancelled" and g.partner_id)
        if not periodic:
            return
        groups = self.sudo()._read_group(
            [
                ("programme_id", "in", periodic.programme_id.ids),
                ("partner_id", "in", periodic.partner_id.ids),
                ("period", "in", list(set(periodic.mapped("period")))),
                ("periodic", "=", True),
                ("state", "!=", "cancelled"),
            ],
            ["programme_id", "partner_id", "period"],
            ["__count"],
            having=[("__count", ">", 1)],
        )
        if groups:
            programme, partner, period, _count = groups[0]
            raise ValidationError(_(
                "%(partner)s already has a grant of %(programme)s for %(period)s: a "
                "beneficiary is paid once per period.",
                partner=partner.name,
                programme=programme.display_name,
                period=period,
            ))

    @api.constrains("campaign_id", "aid_kind")
    def _check_campaign_cash(self):
        for grant in self.filtered("campaign_id"):
            if grant.aid_kind != "cash":
                raise ValidationError(_(
                    "Only cash relief can be paid from a campaign's fund: in-kind gifts "
                    "are not booked as cash."
                ))

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                for fname in DERIVED_FIELDS & set(vals):
                    # computed from the standards, whatever the caller sends
                    del vals[fname]
        grants = super().create(vals_list)
        if any("attachment_ids" in vals for vals in vals_list):
            grants._bind_supporting_documents()
        if any(vals.get("payee_member_id") for vals in vals_list):
            grants._pay_household_member()
        return grants

    @api.model
    def _union_format_numbers(self, vals_list, numbers):
        # the programme's code before the number: "LIVI-000123"
        programmes = self.env["union.relief.programme"].sudo().browse(
            {vals.get("programme_id") for vals in vals_list} - {False, None}
        )
        codes = {programme.id: programme.code for programme in programmes}
        return [
            "%s-%s" % (codes.get(vals.get("programme_id")) or "RG", number)
            for vals, number in zip(vals_list, numbers, strict=True)
        ]

    @api.model
    def _union_number_existing(self):
        """Store the reference of the grants made when it was not stored yet (it
        showed the programme's code and the grant's id: "LIVI-000042"), so that
        they keep it, and move the sequence past the highest of them so that no
        reference is given twice. Run at each update of the module (data file)."""
        self.env.cr.execute("""
            UPDATE union_relief_grant grant_
               SET name = COALESCE(programme.code, 'RG') || '-'
                          || LPAD(grant_.id::text, GREATEST(6, LENGTH(grant_.id::text)), '0')
              FROM union_relief_programme programme
             WHERE programme.id = grant_.programme_id AND grant_.name IS NULL
         RETURNING grant_.id
        """)
        numbered = [grant_id for (grant_id,) in self.env.cr.fetchall()]
        if not numbered:
            return
        self.invalidate_model(["name"])
        sequence = self.env["ir.sequence"].sudo().search(
            [("code", "=", self._union_sequence_code)], limit=1
        )
        if sequence and sequence.number_next_actual <= max(numbered):
            sequence.number_next_actual = max(numbered) + 1

    def write(self, vals):
        # The batch run writes the amounts it computed as the system; anybody
        # else sets an amount by hand, with a reason.
        if DERIVED_FIELDS & set(vals) and not self.env.su:
            raise UserError(_(
                "The amount of a grant comes from its programme's standards: to pay "
                "another amount, set it by hand and give the reason."
            ))
        result = super().write(vals)
        if "attachment_ids" in vals:
            self._bind_supporting_documents()
        if vals.get("payee_member_id"):
            self._pay_household_member()
        return result

    def _pay_household_member(self):
        """The payee of a grant paid to a household member is the member's contact
        (made from the household record the first time)."""
        for grant in self.sudo().filtered("payee_member_id"):
            contact = grant.payee_member_id._get_payment_contact()
            if grant.payee_id != contact:
                grant.payee_id = contact

    def _bind_supporting_documents(self):
        """Bind the supporting documents to this grant's field, as Odoo binds the
        file of a binary field: ir.attachment then lets only the users who may read
        the field (officers) read or find them, whereas a document bound to the
        grant alone is readable by whoever reads the grant (accountants, auditors).
        Documents of other records stay theirs."""
        for grant in self.sudo():
            grant.attachment_ids.filtered(
                lambda document: not document.res_field
                and document.res_model in (False, grant._name)
                and document.res_id in (0, grant.id)
            ).write({"res_model": grant._name, "res_id": grant.id, "res_field": "attachment_ids"})

    # ------------------------------------------------------------------
    # Workflow table (see doc/workflows.md)
    # ------------------------------------------------------------------

    @api.model
    def _workflow_transitions(self):
        return {
            "submit": Transition(("draft",), "submitted", (OFFICER,)),
            "return_to_draft": Transition(
                ("submitted", "second_approval"), "draft", (OFFICER,), (ACTIVITY_APPROVE,)
            ),
            "approve": Transition(("submitted",), "approved", (CENTRE,), (ACTIVITY_APPROVE,)),
            "escalate": Transition(
                ("submitted",), "second_approval", (CENTRE,), (ACTIVITY_APPROVE,)
            ),
            "approve_second": Transition(
                ("second_approval",), "approved", (MANAGER,), (ACTIVITY_APPROVE,)
            ),
            "start_notice": Transition(("approved",), "notice", (CENTRE,)),
            "pay": Transition(("approved", "notice"), "paid", (ACCOUNTANT,)),
            "cancel": Transition(
                ("draft", "submitted", "second_approval"), "cancelled", (OFFICER, ACCOUNTANT),
                (ACTIVITY_APPROVE,),
            ),
            "cancel_booked": Transition(
                ("approved", "notice", "paid"), "cancelled", (MANAGER, ACCOUNTANT)
            ),
        }

    @api.model
    def _workflow_action_labels(self):
        return {
            "submit": _("submit"),
            "return_to_draft": _("return to draft"),
            "approve": _("approve"),
            "escalate": _("approve"),
            "approve_second": _("give the second approval of"),
            "start_notice": _("publish the public notice of"),
            "pay": _("pay"),
            "cancel": _("cancel"),
            "cancel_booked": _("cancel an approved or paid"),
        }

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_submit(self):
        self._workflow_check("submit")
        self._check_can_submit()
        self._do_submit()
        return True

    def action_approve(self):
        self._workflow_check_by_state("approve", ("second_approval",), "approve_second")
        self._check_can_approve()
        self._do_approve()
        return True

    def action_start_notice(self):
        self._workflow_check("start_notice")
        self._check_can_start_notice()
        self._do_start_notice()
        return True

    def action_pay(self):
        self._workflow_check("pay")
        self._check_can_pay()
        self._do_pay()
        return True

    def action_cancel(self):
        self._workflow_check_by_state("cancel", ("approved", "notice", "paid"), "cancel_booked")
        self._check_can_cancel()
        self._do_cancel()
        return True

    def action_return_to_draft(self):
        self._workflow_check("return_to_draft")
        self._workflow_apply("return_to_draft", {"first_approver_id": False})
        return True

    def action_view_move(self):
        self.ensure_one()
        return self.move_id._union_action_open()

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------

    def _check_can_submit(self):
        for grant in self:
            if grant.programme_id.state != "open":
                raise UserError(_("%s is not open for grants.", grant.programme_id.display_name))
            if grant.file_id and grant.file_id.state not in FILED_STATES:
                raise UserError(_(
                    "The hardship file %s is not filed: only filed households receive "
                    "this relief.",
                    grant.file_id.display_name,
                ))
            if grant.aid_kind == "service":
                continue
            if grant.amount_note and not grant.override_amount:
                raise UserError(_(
                    "%(record)s: %(message)s", record=grant.display_name, message=grant.amount_note
                ))
            with domain_errors(self.env, subject=grant.display_name):
                relief.check_amount(money(grant.amount))
            if grant.aid_kind == "in_kind" and not (grant.product_id or grant.goods_line_ids):
                raise UserError(_("Name the goods given by %s.", grant.display_name))
        self._check_household_caps()

    def _check_can_approve(self):
        for grant in self:
            if self.env.user in (grant.submitted_by_id | grant.create_uid):
                raise UserError(_(
                    "You requested %s: someone else must approve it.", grant.display_name
                ))
            if grant.state == "second_approval":
                if grant.first_approver_id == self.env.user:
                    raise UserError(_(
                        "You gave the first approval of %s: another person gives the second.",
                        grant.display_name,
                    ))

    def _check_can_start_notice(self):
        for grant in self:
            if not grant.programme_id.notice_required:
                raise UserError(_(
                    "%s needs no public notice.", grant.programme_id.display_name
                ))

    def _notice_pending(self, today):
        """Whether the grant must still go through, or finish, its public notice
        before it is paid."""
        self.ensure_one()
        return self.programme_id.notice_required and (
            self.state != "notice" or not self.notice_end_date or self.notice_end_date > today
        )

    def _check_can_pay(self):
        today = fields.Date.context_today(self)
        for grant in self:
            if grant._notice_pending(today):
                raise UserError(_(
                    "%s must go through its public notice before it is paid.",
                    grant.display_name,
                ))
            if grant.aid_kind == "cash" and not grant.programme_id.payment_journal_id:
                raise UserError(_(
                    "Set the payment journal of %s.", grant.programme_id.display_name
                ))
            if grant.payment_run_id:
                # read again after the row lock of the pay step: a grant is paid once
                raise UserError(_(
                    "%(grant)s is already in the payment run %(run)s: a grant is paid once.",
                    grant=grant.display_name,
                    run=grant.payment_run_id.name,
                ))
        cash = self.filtered(lambda g: g.aid_kind == "cash")
        for journal in cash.programme_id.payment_journal_id:
            self.env["union.relief.payment.run"]._check_payment_journal(journal)

    def _check_can_cancel(self):
        for grant in self:
            if not (grant.cancel_reason or "").strip():
                raise UserError(_("Give the reason for cancelling %s.", grant.display_name))
            run = grant.sudo().payment_run_id
            if grant.state != "paid" and run and (
                run.state in ("draft", "queued", "running") or (run.state == "failed" and run.move_id)
            ):
                raise UserError(_(
                    "%(grant)s is being paid by the payment run %(run)s: wait until the run "
                    "is done, then cancel the paid grant (its amount is then to be recovered).",
                    grant=grant.display_name,
                    run=run.name,
                ))

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------

    def _do_submit(self):
        self._workflow_apply("submit", {"submitted_by_id": self.env.uid})
        self._schedule_approval_activities(second=False)

    def _do_approve(self):
        first_level = self.filtered(lambda g: g.state == "submitted")
        escalated = first_level.filtered(lambda g: g._needs_second_approval())
        final = (first_level - escalated) | self.filtered(lambda g: g.state == "second_approval")
        if escalated:
            escalated._workflow_apply("escalate", {"first_approver_id": self.env.uid})
            escalated._schedule_approval_activities(second=True)
        if final:
            final._check_can_commit()
            # booked before the state is written: the entry fields and the
            # approval then reach the database in one UPDATE per grant
            final.filtered(
                lambda g: g.programme_id.post_on == "approval" and g._needs_entry()
            )._post_entries()
            today = fields.Date.context_today(self)
            (final & first_level)._workflow_apply("approve", {
                "first_approver_id": self.env.uid,
                "approved_date": today,
            })
            (final - first_level)._workflow_apply("approve_second", {
                "second_approver_id": self.env.uid,
                "approved_date": today,
            })

    def _do_start_notice(self):
        today = fields.Date.context_today(self)
        for company, grants in self.grouped("company_id").items():
            grants._workflow_apply("start_notice", company._union_notice_vals(today))

    def _do_pay(self):
        self.filtered(lambda g: g._needs_entry() and not g.move_id)._post_entries()
        cash = self.filtered(lambda g: g.aid_kind == "cash")
        # goods and services move no money: paid once booked
        (self - cash)._workflow_apply("pay", {"paid_date": fields.Date.context_today(self)})
        # cash grants are paid by their payment run, now or in the background
        cash._register_payments()

    def _do_cancel(self):
        # the checks passed: the entries are booked as the system, like approvals
        self.filtered(lambda g: g.move_id and not g.reversal_move_id).sudo()._reverse_entries()
        booked = self.filtered(lambda g: g.state in ("approved", "notice", "paid"))
        booked._workflow_apply("cancel_booked")
        (self - booked)._workflow_apply("cancel")

    def _is_case(self):
        """Whether the grant is a rights-protection case: a grant of an employment
        or legal aid programme."""
        self.ensure_one()
        return self.programme_id.programme_type in SERVICE_TYPES

    def _needs_second_approval(self):
        self.ensure_one()
        threshold = self.programme_id.second_approval_amount
        return bool(threshold) and self.currency_id.compare_amounts(self.amount, threshold) > 0

    def _needs_entry(self):
        self.ensure_one()
        return self.aid_kind in ("cash", "in_kind") and not self.move_id

    def _check_can_commit(self):
        """Before the final approval: accounting set up, caps and budget respected.

        Two approvals of different grants must not both take the last part of a
        budget. Odoo's transactions read a snapshot taken at their start, so a
        lock alone is not enough: the approval updates the programme rows, and a
        concurrent approval that read the older total fails on them with a
        serialization error; Odoo then runs the request again, which sees the new
        total and refuses the grant.
        """
        self._check_accounting()
        self._check_household_caps()
        programmes = self.programme_id
        self.env.cr.execute(
            "UPDATE union_relief_programme SET write_date = write_date WHERE id IN %s",
            [tuple(programmes.ids)],
        )
        programmes._check_budget(self)
        self._check_campaign_funds()

    def _check_campaign_funds(self):
        """The campaigns must be paying and their balance must cover the grants."""
        amounts = defaultdict(Decimal)
        for grant in self.filtered("campaign_id"):
            amounts[grant.campaign_id] += money(grant.amount)
        for campaign, amount in amounts.items():
            campaign = campaign.sudo()
            if campaign.state not in CAMPAIGN_PAYING_STATES:
                raise UserError(_(
                    "The campaign %s is not open or closed: it cannot pay relief.", campaign.name
                ))
            with domain_errors(self.env):
                donation_rules.check_campaign_covers(
                    campaign.name, amount, money(campaign.balance_amount)
                )

    def _check_household_caps(self):
        """Refuse grants that take a household past a standard's yearly cap."""
        capped = self.filtered(lambda g: g.standard_id.household_year_cap and g.partner_id)
        if not capped:
            return
        totals = capped._year_totals()
        pending = {}
        for grant in capped:
            key = (grant.programme_id.id, grant.partner_id.id)
            granted = totals.get(key, relief.ZERO) + pending.get(key, relief.ZERO)
            cap = money(grant.standard_id.household_year_cap)
            if granted + money(grant.amount) > cap:
                with domain_errors(self.env, subject=grant.display_name):
                    raise DomainError("household_cap_reached", cap=cap, granted=granted)
            pending[key] = pending.get(key, relief.ZERO) + money(grant.amount)

    def _check_accounting(self):
        for grant in self.filtered(lambda g: g.aid_kind in ("cash", "in_kind")):
            programme = grant.programme_id
            missing = []
            if not programme.journal_id:
                missing.append(_("Relief Journal"))
            if not grant._get_expense_account():
                missing.append(_("Expense Account"))
            if not programme.analytic_account_id:
                missing.append(_("Analytic Account"))
            if grant.aid_kind == "in_kind" and not programme.in_kind_account_id:
                missing.append(_("In-kind Goods Account"))
            if missing:
                raise UserError(_(
                    "%(programme)s cannot book grants: set its %(missing)s.",
                    programme=programme.display_name,
                    missing=", ".join(missing),
                ))
            if not grant._get_payee():
                raise UserError(_("%s has no payee.", grant.display_name))
        self._check_lock_dates()

    def _check_lock_dates(self):
        """Refuse, with the date to change, grants whose entry would fall in a
        locked accounting period (Odoo would refuse the entry less clearly)."""
        for (company, journal, date), grants in self.filtered(
            lambda g: g.aid_kind in ("cash", "in_kind")
        ).grouped(lambda g: (g.company_id, g.programme_id.journal_id, g._get_accounting_date())).items():
            violated = company.sudo()._get_violated_lock_dates(date, False, journal)
            if violated:
                raise UserError(_(
                    "%(grant)s would be booked on %(date)s, but the books of %(company)s are "
                    "locked up to %(lock)s. Change the grant's date or period to after the "
                    "lock date, or ask the accountant to reopen the period.",
                    grant=grants[0].display_name,
                    date=date,
                    company=company.name,
                    lock=violated[-1][0],
                ))

    # ------------------------------------------------------------------
    # Activities
    # ------------------------------------------------------------------

    def _schedule_approval_activities(self, second):
        """One activity per grant, or per batch run for grants of a batch."""
        in_batch = self.filtered("batch_id")
        for batch in in_batch.batch_id:
            batch._schedule_approval_activity(second)
        for grant in self - in_batch:
            grant.programme_id._schedule_approval_activity(
                grant,
                second,
                _("Second approval of %s", grant.display_name) if second else _("Approve %s", grant.display_name),
            )

    # ------------------------------------------------------------------
    # Amounts
    # ------------------------------------------------------------------

    def _standard_date(self):
        self.ensure_one()
        if self.programme_id.recurrence == "monthly" and self.period:
            try:
                return relief.period_start(self.period)
            except DomainError:
                return self.date or fields.Date.context_today(self)
        return self.date or fields.Date.context_today(self)

    def _year_totals(self):
        """{(programme id, partner id): amount of the other grants submitted or
        approved this fiscal year}; programmes are per fiscal year."""
        grants = self.filtered(lambda g: g.programme_id and g.partner_id)
        if not grants:
            return {}
        return self._year_totals_for(
            grants.programme_id,
            grants.partner_id,
            exclude_ids=[grant_id for grant_id in grants._origin.ids if grant_id],
        )

    @api.model
    def _year_totals_for(self, programmes, partners, exclude_ids=()):
        if not (programmes and partners):
            return {}
        domain = [
            ("programme_id", "in", programmes.ids),
            ("partner_id", "in", partners.ids),
            ("state", "not in", ("draft", "cancelled")),
        ]
        if exclude_ids:
            domain.append(("id", "not in", list(exclude_ids)))
        groups = self.env["union.relief.grant"].sudo()._read_group(
            domain, ["programme_id", "partner_id"], ["amount:sum"],
        )
        return {
            (programme.id, partner.id): money(amount)
            for programme, partner, amount in groups
        }

    # ------------------------------------------------------------------
    # Accounting: overridable pieces
    # ------------------------------------------------------------------

    def _get_expense_account(self):
        """Account the grant is expensed to (e.g. 502 维权支出)."""
        self.ensure_one()
        return self.programme_id.expense_account_id

    def _get_analytic_distribution(self):
        """Analytic distribution of the expense: the campaign's fund when the grant
        is charged to a campaign, else the programme's."""
        self.ensure_one()
        if self.campaign_id:
            return {str(self.campaign_id.analytic_account_id.id): 100}
        return {str(self.programme_id.analytic_account_id.id): 100}

    def _get_payee(self):
        """Who receives the money: the payee named on the grant, else the beneficiary."""
        self.ensure_one()
        return self.payee_id or self.partner_id

    @api.model
    def _action_view_grants(self, name, domain):
        """The list of some grants (of a batch run, of a payment run)."""
        return window_action(self._name, name, domain=domain, context={"create": False})

    def _get_payee_bank_account(self):
        """The bank account the transfer goes to, read as the system (whoever
        prepares the list is told of a gap, not shown the household's data): the
        payee's own, else the household's payment account, else the worker's."""
        self.ensure_one()
        grant = self.sudo()
        if grant.payee_id:
            return grant.payee_id.bank_ids[:1]
        return (
            grant.file_id.bank_account_id
            or grant.employee_id.bank_account_id
            or grant.partner_id.bank_ids[:1]
        )

    def _get_accounting_date(self):
        """Date of the grant's entry: its own date brought into its period, so that
        the relief of an earlier month is booked in that month."""
        self.ensure_one()
        requested = self.date or fields.Date.context_today(self)
        try:
            return relief.accounting_date(self.period, requested)
        except DomainError:
            return requested

    def _get_counterpart_account(self):
        """Account credited for the grant: the payee's payable for cash, the goods
        account for in-kind aid."""
        self.ensure_one()
        if self.aid_kind == "in_kind":
            return self.programme_id.in_kind_account_id
        partner = self._get_payee()
        if self.company_id != self.env.company:
            # a new environment per grant is costly in a batch run: only when needed
            partner = partner.with_company(self.company_id)
        return partner.property_account_payable_id

    def _get_move_label(self):
        self.ensure_one()
        return "%s %s %s" % (self.programme_id.name, self.period, self.name)

    def _prepare_counterpart_line_vals(self):
        """The grant's own line: a payable to the beneficiary (one per grant)."""
        self.ensure_one()
        return {
            "name": self._get_move_label(),
            "partner_id": self._get_payee().id,
            "account_id": self._get_counterpart_account().id,
            "balance": -self.currency_id.round(self.amount),
            "union_relief_grant_id": self.id,
            "analytic_distribution": False,
        }

    def _prepare_expense_line_vals(self, account, distribution):
        """One expense line for the grants sharing an account and a distribution."""
        first = self[0]
        return {
            "name": _("%(programme)s %(period)s: %(count)s grant(s)",
                      programme=first.programme_id.name, period=first.period, count=len(self)),
            "account_id": account.id,
            "balance": first.currency_id.round(sum(self.mapped("amount"))),
            "analytic_distribution": distribution,
        }

    def _prepare_move_line_vals(self):
        """All lines of the entry of these grants: one counterpart line per grant
        and one expense line per (account, analytic distribution)."""
        lines = [grant._prepare_counterpart_line_vals() for grant in self]
        for (account, distribution_key), grants in self._group_by_expense().items():
            lines.append(grants._prepare_expense_line_vals(account, json.loads(distribution_key)))
        return self.env["account.move.line"]._union_with_computed_vals(
            lines, self[:1].company_id.currency_id
        )

    def _prepare_move_vals(self):
        """One journal entry for grants of one programme (a whole batch run at once)."""
        first = self[0]
        batch = first.batch_id
        if batch or len(self) == 1:
            ref = batch.name or first.name
        else:
            ref = _("%(programme)s: %(count)s grant(s)", programme=first.programme_id.name,
                    count=len(self))
        return {
            "move_type": "entry",
            "journal_id": first.programme_id.journal_id.id,
            "date": first._get_accounting_date(),
            "ref": ref,
            "union_relief_programme_id": first.programme_id.id,
            "line_ids": [Command.create(vals) for vals in self._prepare_move_line_vals()],
        }

    def _group_by_expense(self):
        # ids first, records at the end: growing a recordset grant by grant is
        # quadratic in the size of a batch run
        group_ids = {}
        for grant in self:
            key = (
                grant._get_expense_account(),
                json.dumps(grant._get_analytic_distribution(), sort_keys=True),
            )
            group_ids.setdefault(key, []).append(grant.id)
        return {key: self.browse(ids) for key, ids in group_ids.items()}

    def _entry_groups(self):
        """Grants booked together: a batch run in one entry; other grants approved in
        one action, one entry per programme and accounting date."""
        return self.grouped(
            lambda g: ("batch", g.batch_id.id) if g.batch_id
            else ("programme", g.programme_id.id, g._get_accounting_date())
        )

    def _post_entries(self):
        if not self:
            return
        self._check_accounting()
        groups = list(self._entry_groups().values())
        moves = self.env["account.move"].sudo().with_context(
            skip_invoice_sync=True, tracking_disable=True
        ).create([grants._prepare_move_vals() for grants in groups])
        moves._union_post()
        for grants, move in zip(groups, moves):
            for (account, distribution_key), booked in grants._group_by_expense().items():
                booked._workflow_write({
                    "move_id": move.id,
                    "booked_expense_account_id": account.id,
                    "booked_analytic_distribution": json.loads(distribution_key),
                })
        self.campaign_id.sudo()._invalidate_statement()

    def _reverse_entries(self):
        """Book the opposite of the grants' entries (never edit a posted entry).

        One reversal entry per original entry, holding only the cancelled grants'
        share of it; an unpaid payable is reconciled with its reversal, a paid one
        stays open as the amount to recover from the beneficiary.
        """
        groups = self.grouped("move_id")
        parts = []
        for move, grants in groups.items():
            part = [
                (grant._counterpart_line(), None, {
                    "name": self.env._("Reversal of %s", grant._get_move_label()),
                    "union_relief_grant_id": grant.id,
                })
                for grant in grants
            ]
            for (account, distribution_key), booked in grants.grouped(
                lambda g: (g.booked_expense_account_id, json.dumps(g.booked_analytic_distribution, sort_keys=True))
            ).items():
                distribution = json.loads(distribution_key)
                # the grants' share of the expense line they were booked on
                expenses = move.line_ids.filtered(
                    lambda line: line.account_id == account and not line.union_relief_grant_id
                )
                expense = expenses.filtered(lambda line: line.analytic_distribution == distribution)
                part.append((
                    (expense or expenses)[:1],
                    booked[0].currency_id.round(sum(booked.mapped("amount"))),
                    {
                        "name": _("Reversal: %s grant(s) cancelled", len(booked)),
                        "analytic_distribution": distribution,
                    },
                ))
            parts.append(part)
        moves = self.env["account.move"].concat(*groups)
        reversals = moves._union_reverse(
            [self.env._("Reversal of: %s", move.name) for move in moves], parts
        )
        for grants, reversal in zip(groups.values(), reversals):
            grants._workflow_write({"reversal_move_id": reversal.id})
        for grant in self.filtered(lambda g: g.state == "paid"):
            grant.message_post(body=_(
                "The grant was paid before it was cancelled: %(amount)s is to be recovered "
                "from %(partner)s.",
                amount=grant.amount,
                partner=grant.partner_id.name,
            ))
        self.campaign_id.sudo()._invalidate_statement()

    def _get_public_use(self):
        """The grant as the campaign's public account shows it: masked
        beneficiary and programme."""
        self.ensure_one()
        beneficiary = self.employee_id.name or self.partner_id.name or ""
        return {
            "date": self.move_id.date,
            "description": _(
                "Relief to %(beneficiary)s (%(programme)s)",
                beneficiary=mask_name(beneficiary),
                programme=self.programme_id.name,
            ),
            "amount": self.amount,
            "incoming": False,
        }

    def _get_notice_lines(self):
        """What a public notice shows of each grant: masked name, unit, category, amount."""
        categories = dict(self._fields["category"]._description_selection(self.env))
        return [
            {
                "name": mask_name(grant.partner_id.name or ""),
                "unit": grant.organization_id.name or "",
                "category": categories.get(grant.category, ""),
                "amount": grant.amount,
                "currency": grant.currency_id,
            }
            for grant in self
        ]

    def _counterpart_line(self):
        self.ensure_one()
        return self.sudo().move_line_ids.filtered(lambda line: line.move_id == self.move_id)[:1]

    def _register_payments(self):
        """Pay the cash grants by payment runs, one per payment journal: one
        payment entry per run, each payable reconciled with its payment line
        (models/union_relief_payment_run.py)."""
        runs = self.env["union.relief.payment.run"]._create_for_grants(self)
        runs._start()
        return runs
