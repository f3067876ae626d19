from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..union_relief import bounds, relief
from ..union_relief.money import money
from ..utils.actions import related_action, window_action
from ..utils.bounds import BoundedInteger, check_bounds
from ..utils.groups import MANAGER
from ..utils.messages import domain_errors
from ..utils.records import count_related
from .union_workflow_mixin import Transition

PROGRAMME_TYPES = [
    ("living", "Living allowance"),
    ("medical", "Medical aid"),
    ("education", "Education aid"),
    ("festival", "Festival condolence"),
    ("emergency", "Emergency aid"),
    ("death", "Death condolence"),
    ("employment", "Employment aid"),
    ("legal", "Legal aid"),
]
AID_KINDS = [
    ("cash", "Cash"),
    ("in_kind", "In kind"),
    ("service", "Service (no money)"),
]
# Where a programme's money comes from (the annual report adds relief up by
# source); a grant charged to a campaign is paid out of donations.
FUNDING_SOURCES = [
    ("union", "Union funds"),
    ("higher", "Higher-level union"),
    ("government", "Government"),
]
# Employment and legal aid are mostly services: a case and its outcome, no money.
SERVICE_TYPES = ("employment", "legal")
# The activity asking the programme's approvers to approve a grant or a batch run.
ACTIVITY_APPROVE = "union_relief.mail_activity_type_grant_approval"
# Grants that count against the budget (doc/domain.md §4: approved + paid).
COMMITTED_STATES = ("approved", "notice", "paid")
EXPENSE_TYPES = ("expense", "expense_direct_cost", "expense_other")


class UnionReliefProgramme(models.Model):
    _name = "union.relief.programme"
    _description = "Relief Programme"
    _inherit = ["mail.thread", "mail.activity.mixin", "union.workflow.mixin"]
    _order = "fiscal_year desc, sequence, id"
    _check_company_auto = True

    # grants already point at the programme's year, fund and organisation
    _workflow_frozen_fields = frozenset({
        "organization_id", "company_id", "fiscal_year", "recurrence", "analytic_account_id",
    })

    # === Identity fields === #
    name = fields.Char(
        required=True,
        tracking=True,
    )
    code = fields.Char(
        tracking=True,
        help="Short code printed on vouchers, e.g. SHJZ for the living allowance.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    programme_type = fields.Selection(
        selection=PROGRAMME_TYPES,
        string="Type",
        required=True,
        default="living",
        tracking=True,
    )
    funding_source = fields.Selection(
        selection=FUNDING_SOURCES,
        required=True,
        default="union",
        tracking=True,
        help="Where the programme's money comes from: the union's own funds, a "
        "subsidy of the higher-level union or of the government. Grants charged to "
        "a donation campaign are counted as donations whatever the programme says.",
    )
    organization_id = fields.Many2one(
        comodel_name="union.organization",
        string="Union Organisation",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
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
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("open", "Open"),
            ("closed", "Closed"),
        ],
        required=True,
        default="draft",
        copy=False,
        tracking=True,
    )
    description = fields.Html()

    # === Rules fields === #
    fiscal_year = BoundedInteger(
        required=True,
        aggregator=None,
        default=lambda self: fields.Date.context_today(self).year,
        tracking=True,
    )
    recurrence = fields.Selection(
        tracking=True,
        selection=[
            ("one_off", "One-off"),
            ("monthly", "Monthly"),
        ],
        compute="_compute_recurrence",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        help="A monthly programme pays each beneficiary at most once per month.",
    )
    default_aid_kind = fields.Selection(
        tracking=True,
        selection=AID_KINDS,
        string="Default Form of Aid",
        compute="_compute_default_aid_kind",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    notice_required = fields.Boolean(
        tracking=True,
        string="Public Notice Required",
        help="Approved grants are shown in a public notice (公示) before they are paid.",
    )
    open_to_all = fields.Boolean(
        tracking=True,
        string="Open to All Workers",
        help="Grants may go to any employee or contact (e.g. festival visits to "
        "retirees), not only to filed households.",
    )
    standard_ids = fields.One2many(
        comodel_name="union.relief.standard",
        inverse_name="programme_id",
        string="Relief Standards",
        copy=True,
    )

    # === Approval fields === #
    approver_id = fields.Many2one(
        tracking=True,
        comodel_name="res.users",
        default=lambda self: self.env.user,
        help="Relief centre officer who receives the approval activities.",
    )
    second_approval_amount = fields.Monetary(
        tracking=True,
        string="Second Approval Above",
        default=2000.0,
        help="Grants above this amount need a second approval by a relief manager; "
        "zero means never.",
    )
    second_approver_id = fields.Many2one(
        tracking=True,
        comodel_name="res.users",
        help="Relief manager who receives the second-approval activities.",
    )

    # === Accounting fields === #
    budget = fields.Monetary(
        tracking=True,
    )
    post_on = fields.Selection(
        tracking=True,
        selection=[
            ("approval", "On approval"),
            ("payment", "On payment"),
        ],
        string="Book the Expense",
        required=True,
        default="approval",
        help="When the journal entry of a grant is posted.",
    )
    journal_id = fields.Many2one(
        comodel_name="account.journal",
        string="Relief Journal",
        check_company=True,
        domain="[('type', '=', 'general')]",
        tracking=True,
    )
    expense_account_id = fields.Many2one(
        comodel_name="account.account",
        check_company=True,
        domain="[('account_type', 'in', ('expense', 'expense_direct_cost', 'expense_other'))]",
        tracking=True,
    )
    in_kind_account_id = fields.Many2one(
        tracking=True,
        comodel_name="account.account",
        string="In-kind Goods Account",
        check_company=True,
        help="Account of the goods the union bought and hands out (quilts, rice): "
        "credited when an in-kind grant is booked.",
    )
    analytic_account_id = fields.Many2one(
        tracking=True,
        comodel_name="account.analytic.account",
        check_company=True,
        copy=False,
        domain=lambda self: [("plan_id", "=", self.env.ref("union_relief.analytic_plan_union_funds").id)],
        help="The programme's fund in the 'Union funds' analytic plan; created with "
        "the programme when left empty.",
    )
    payment_journal_id = fields.Many2one(
        tracking=True,
        comodel_name="account.journal",
        check_company=True,
        domain="[('type', 'in', ('bank', 'cash'))]",
    )

    # === Fund statement fields === #
    grant_ids = fields.One2many(
        comodel_name="union.relief.grant",
        inverse_name="programme_id",
        string="Grants",
    )
    grant_count = fields.Integer(compute="_compute_grant_figures")
    granted_amount = fields.Monetary(
        string="Approved and Paid Grants",
        compute="_compute_grant_figures",
        help="Grants approved, in public notice or paid: what the budget rule counts.",
    )
    available_amount = fields.Monetary(
        string="Still Available",
        compute="_compute_grant_figures",
        help="Budget minus approved and paid grants.",
    )
    committed_amount = fields.Monetary(
        string="Committed",
        compute="_compute_fund_statement",
        help="Relief expenses in posted journal entries, reversals deducted.",
    )
    paid_amount = fields.Monetary(
        string="Paid",
        compute="_compute_fund_statement",
        help="Part of the committed amount whose payable is settled.",
    )
    remaining_amount = fields.Monetary(
        string="Remaining",
        compute="_compute_fund_statement",
        help="Budget minus committed, from posted entries.",
    )

    _sql_constraints = [
        ("budget_positive", "CHECK(budget >= 0)", "The budget of a programme cannot be negative."),
        (
            "second_approval_amount_positive",
            "CHECK(second_approval_amount >= 0)",
            "The second-approval amount cannot be negative.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("programme_type")
    def _compute_recurrence(self):
        for programme in self:
            programme.recurrence = "monthly" if programme.programme_type == "living" else "one_off"

    @api.depends("programme_type")
    def _compute_default_aid_kind(self):
        for programme in self:
            programme.default_aid_kind = (
                "service" if programme.programme_type in SERVICE_TYPES else "cash"
            )

    def _compute_grant_figures(self):
        counts = count_related(self, "union.relief.grant", "programme_id")
        granted = self._committed_by_programme()
        for programme in self:
            programme.grant_count = counts[programme]
            programme.granted_amount = granted.get(programme, 0.0)
            programme.available_amount = programme.budget - programme.granted_amount

    def _compute_fund_statement(self):
        figures = self._fund_statement()
        for programme in self:
            committed, paid = figures.get(programme.id, (0.0, 0.0))
            programme.committed_amount = committed
            programme.paid_amount = paid
            programme.remaining_amount = programme.budget - committed

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("fiscal_year")
    def _check_fiscal_year(self):
        for programme in self:
            if not 2000 <= programme.fiscal_year <= 2100:
                raise ValidationError(_(
                    "The fiscal year %s is not a plausible year.", programme.fiscal_year
                ))

    @api.constrains("name", "fiscal_year", "budget", "second_approval_amount")
    def _check_plausible_figures(self):
        today = fields.Date.context_today(self)
        for programme in self:
            check_bounds(programme, "name", bounds.check_text)
            check_bounds(programme, "fiscal_year", bounds.check_year, today)
            check_bounds(programme, "budget", bounds.check_amount)
            check_bounds(programme, "second_approval_amount", bounds.check_amount)

    @api.constrains("analytic_account_id")
    def _check_analytic_plan(self):
        plan = self.env.ref("union_relief.analytic_plan_union_funds")
        for programme in self.filtered("analytic_account_id"):
            if programme.analytic_account_id.root_plan_id != plan:
                raise ValidationError(_(
                    "The analytic account of %s must belong to the 'Union funds' plan.",
                    programme.display_name,
                ))

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        programmes = super().create(vals_list)
        programmes.filtered(lambda p: not p.analytic_account_id)._create_analytic_accounts()
        programmes.journal_id._union_relief_secure()
        return programmes

    def write(self, vals):
        result = super().write(vals)
        if vals.get("journal_id"):
            self.journal_id._union_relief_secure()
        return result

    # ------------------------------------------------------------------
    # Workflow table (see doc/workflows.md)
    # ------------------------------------------------------------------

    @api.model
    def _workflow_transitions(self):
        return {
            "open": Transition(("draft",), "open", (MANAGER,)),
            "close": Transition(("open",), "closed", (MANAGER,)),
            "reopen": Transition(("closed",), "open", (MANAGER,)),
        }

    @api.model
    def _workflow_action_labels(self):
        return {"open": _("open"), "close": _("close"), "reopen": _("reopen")}

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_grants(self):
        if self.grant_ids:
            raise UserError(_("A programme with grants cannot be deleted: archive it instead."))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_open(self):
        self._workflow_check("open")
        self._check_can_open()
        self._workflow_apply("open")
        return True

    def action_close(self):
        self._workflow_check("close")
        self._workflow_apply("close")
        return True

    def action_reopen(self):
        self._workflow_check("reopen")
        self._workflow_apply("reopen")
        return True

    def action_view_grants(self):
        self.ensure_one()
        return related_action(self, "union.relief.grant", "programme_id", _("Grants of %s", self.display_name))

    def action_view_fund_statement(self):
        """The posted journal items behind the fund statement."""
        self.ensure_one()
        return window_action(
            "account.move.line",
            _("Fund Statement of %s", self.display_name),
            view_mode="list",
            domain=[
                ("move_id.union_relief_programme_id", "=", self.id),
                ("parent_state", "=", "posted"),
            ],
            context={"search_default_group_by_account": 1, "create": False},
        )

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _check_can_open(self):
        for programme in self:
            if programme.default_aid_kind == "service":
                continue
            missing = [
                label
                for field_name, label in (
                    ("journal_id", _("Relief Journal")),
                    ("expense_account_id", _("Expense Account")),
                    ("analytic_account_id", _("Analytic Account")),
                )
                if not programme[field_name]
            ]
            if missing:
                raise UserError(_(
                    "Set the accounting of %(programme)s before opening it: %(missing)s.",
                    programme=programme.display_name,
                    missing=", ".join(missing),
                ))
            if not programme.standard_ids:
                raise UserError(_("Add at least one relief standard to %s.", programme.display_name))

    def _create_analytic_accounts(self):
        self.env["account.analytic.account"]._union_create_funds(
            self, [{"name": programme.name, "code": programme.code} for programme in self]
        )

    def _committed_by_programme(self, exclude_grants=None):
        """{programme: amount of its approved, noticed and paid grants}, those paid out
        of a campaign's fund aside: that money is the campaign's, not the budget's."""
        domain = [
            ("programme_id", "in", self.ids),
            ("state", "in", COMMITTED_STATES),
            ("campaign_id", "=", False),
        ]
        if exclude_grants:
            domain.append(("id", "not in", exclude_grants.ids))
        return dict(self.env["union.relief.grant"].sudo()._read_group(
            domain, ["programme_id"], ["amount:sum"],
        ))

    def _fund_statement(self):
        """{programme id: (committed, paid)} from the posted entries of its grants.

        Committed is what the grants' payables (or goods accounts) were credited,
        reversals deducted; paid is the part of those payables already settled.
        """
        if not self.ids:
            return {}
        lines = self.env["account.move.line"].sudo()._read_group(
            [
                ("move_id.union_relief_programme_id", "in", self.ids),
                ("parent_state", "=", "posted"),
                ("union_relief_grant_id", "!=", False),
                ("union_relief_grant_id.campaign_id", "=", False),
            ],
            ["move_id"],
            ["balance:sum", "amount_residual:sum"],
        )
        figures = {}
        for move, balance, residual in lines:
            committed, paid = figures.get(move.union_relief_programme_id.id, (0.0, 0.0))
            figures[move.union_relief_programme_id.id] = (
                committed - balance,
                paid + residual - balance,
            )
        return figures

    def _check_budget(self, grants):
        """Refuse grants whose approval would take a programme over its budget."""
        # a grant paid from a campaign is checked against the campaign's fund only
        grants = grants.filtered(lambda g: not g.campaign_id)
        committed = self._committed_by_programme(exclude_grants=grants)
        for programme, programme_grants in grants.grouped("programme_id").items():
            with domain_errors(self.env, subject=programme.display_name):
                relief.check_budget(
                    money(programme.budget),
                    money(committed.get(programme, 0.0)),
                    money(sum(programme_grants.mapped("amount"))),
                )

    def _core_standards(self):
        """The programme's standards as core ``Standard`` values."""
        self.ensure_one()
        return [standard._to_core() for standard in self.standard_ids]

    def _schedule_approval_activity(self, record, second, summary):
        """Ask the programme's approver (``second``: its second approver), or the
        current user when it names none, to approve ``record`` (a grant or a
        batch run of the programme)."""
        self.ensure_one()
        user = (self.second_approver_id if second else self.approver_id) or self.env.user
        record.activity_schedule(ACTIVITY_APPROVE, summary=summary, user_id=user.id)
