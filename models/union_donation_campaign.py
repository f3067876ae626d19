from collections import defaultdict
from decimal import Decimal

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..union_relief import bounds
from ..union_relief import donation as donation_rules
from ..union_relief.money import money
from ..utils.actions import related_action, window_action
from ..utils.bounds import check_bounds
from ..utils.groups import MANAGER, OFFICER
from ..utils.messages import domain_errors
from .union_workflow_mixin import Transition

STATEMENT_FIELDS = [
    "raised_amount",
    "matched_amount",
    "spent_amount",
    "transferred_amount",
    "balance_amount",
    "progress",
    "donation_count",
    "in_kind_value",
]
INCOME_TYPES = ("income", "income_other")
EXPENSE_TYPES = ("expense", "expense_depreciation", "expense_direct_cost")
PUBLIC_STATES = ("open", "closed", "settled")


class UnionDonationCampaign(models.Model):
    _name = "union.donation.campaign"
    _description = "Donation Campaign"
    _inherit = ["mail.thread", "mail.activity.mixin", "union.workflow.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    _workflow_system_fields = frozenset({"analytic_account_id"})
    # donations are booked in the journal and on the income account once open
    _workflow_frozen_fields = frozenset({
        "organization_id", "company_id", "journal_id", "entry_journal_id", "income_account_id",
    })

    def _default_journal(self):
        # officers have no accounting rights but may start campaigns and transfers
        return self.env["account.journal"].sudo().search([
            *self.env["account.journal"]._check_company_domain(self.env.company),
            ("type", "=", "bank"),
        ], limit=1)

    def _default_organization(self):
        # officers run the campaigns of their own organisations (see the record rules)
        return self.env.user._union_default_organization()

    def _default_income_account(self):
        return self.env["account.account"]._union_default_account(
            "union_relief.account_union_donation_income"
        )

    # === Identity fields === #
    name = fields.Char(
        required=True,
        tracking=True,
    )
    purpose = fields.Selection(
        selection=[
            ("worker", "One worker in crisis"),
            ("disaster", "Disaster relief"),
            ("general", "General relief fund"),
        ],
        required=True,
        default="worker",
        tracking=True,
    )
    description = fields.Html(
        help="Why the union collects: shown on the public account.",
    )
    organization_id = fields.Many2one(
        comodel_name="union.organization",
        string="Union Organisation",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self._default_organization(),
        domain="[('is_users_organization', '=', True)]",
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
            ("settled", "Settled"),
        ],
        required=True,
        default="draft",
        copy=False,
        index=True,
        tracking=True,
    )
    send_thank_you = fields.Boolean(
        string="Thank-you Mail",
        default=True,
        help="Mail a thank-you note with the receipt to donors who have an e-mail "
        "address when their donation is validated.",
    )

    # === Beneficiary fields === #
    hardship_file_ids = fields.Many2many(
        comodel_name="union.hardship.file",
        string="Hardship Files",
        check_company=True,
    )
    beneficiary_employee_ids = fields.Many2many(
        comodel_name="hr.employee",
        relation="union_donation_campaign_employee_rel",
        string="Beneficiary Employees",
        check_company=True,
    )

    # === Date and target fields === #
    target_amount = fields.Monetary(
        currency_field="currency_id",
        tracking=True,
    )
    date_start = fields.Date(
        string="Start Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    date_end = fields.Date(
        string="End Date",
        tracking=True,
    )

    # === Accounting fields === #
    analytic_account_id = fields.Many2one(
        comodel_name="account.analytic.account",
        string="Restricted Fund",
        readonly=True,
        copy=False,
        tracking=True,
        help="The campaign's own analytic account in the Union funds plan: every "
        "entry of the campaign carries it.",
    )
    journal_id = fields.Many2one(
        comodel_name="account.journal",
        string="Receipt Journal",
        required=True,
        default=_default_journal,
        domain="[('type', 'in', ('bank', 'cash'))]",
        tracking=True,
        check_company=True,
        help="The bank or cash journal the money arrives in: donations are booked "
        "against its outstanding receipts account, to be matched with the statement.",
    )
    entry_journal_id = fields.Many2one(
        comodel_name="account.journal",
        string="Donation Journal",
        domain="[('type', '=', 'general')]",
        tracking=True,
        check_company=True,
        help="The hash-locked journal the donation entries are posted in (the union's "
        "donations journal when left empty).",
    )
    income_account_id = fields.Many2one(
        comodel_name="account.account",
        string="Donation Income Account",
        required=True,
        default=_default_income_account,
        domain="[('account_type', 'in', ('income', 'income_other'))]",
        tracking=True,
        check_company=True,
    )
    leftover_campaign_id = fields.Many2one(
        comodel_name="union.donation.campaign",
        string="Leftover Goes To",
        tracking=True,
        check_company=True,
        domain="[('id', '!=', id), ('state', '=', 'open')]",
        help="When the campaign is closed, what is left is transferred to this "
        "campaign, usually the general relief fund.",
    )

    # === Donation fields === #
    donation_ids = fields.One2many(
        comodel_name="union.donation",
        inverse_name="campaign_id",
        string="Donations",
    )
    grant_ids = fields.One2many(
        comodel_name="union.relief.grant",
        inverse_name="campaign_id",
        string="Relief Grants",
    )
    transfer_ids = fields.One2many(
        comodel_name="union.donation.transfer",
        inverse_name="campaign_id",
        string="Fund Transfers",
    )
    donation_count = fields.Integer(
        compute="_compute_donation_figures",
    )
    in_kind_value = fields.Monetary(
        string="In-kind Gifts",
        currency_field="currency_id",
        compute="_compute_donation_figures",
        help="Value of the gifts in kind; they are not booked as cash.",
    )

    # === Statement fields (posted entries only) === #
    raised_amount = fields.Monetary(
        string="Raised",
        currency_field="currency_id",
        compute="_compute_statement",
    )
    matched_amount = fields.Monetary(
        string="Matched",
        currency_field="currency_id",
        compute="_compute_statement",
        help="Money the union added from its funds, or transferred in from other campaigns.",
    )
    spent_amount = fields.Monetary(
        string="Spent",
        currency_field="currency_id",
        compute="_compute_statement",
    )
    transferred_amount = fields.Monetary(
        string="Transferred",
        currency_field="currency_id",
        compute="_compute_statement",
        help="Leftover moved to another fund.",
    )
    balance_amount = fields.Monetary(
        string="Balance",
        currency_field="currency_id",
        compute="_compute_statement",
    )
    progress = fields.Float(
        compute="_compute_statement",
        help="Raised and matched, as a percentage of the target.",
    )

    _sql_constraints = [
        (
            "target_amount_positive",
            "CHECK(target_amount >= 0)",
            "The target of a campaign cannot be negative.",
        ),
        (
            "dates_order",
            "CHECK(date_end IS NULL OR date_end >= date_start)",
            "A campaign cannot end before it starts.",
        ),
    ]

    def _compute_donation_figures(self):
        groups = self.env["union.donation"]._read_group(
            [("campaign_id", "in", self.ids), ("state", "=", "validated")],
            ["campaign_id", "method"],
            ["__count", "amount:sum"],
        )
        counts = defaultdict(int)
        in_kind = defaultdict(float)
        for campaign, method, count, amount in groups:
            counts[campaign] += count
            if method == "in_kind":
                in_kind[campaign] += amount
        for campaign in self:
            campaign.donation_count = counts[campaign]
            campaign.in_kind_value = in_kind[campaign]

    def _compute_statement(self):
        statements = self._get_statements()
        for campaign in self:
            statement = statements[campaign]
            campaign.raised_amount = float(statement.raised)
            campaign.matched_amount = float(statement.matched)
            campaign.spent_amount = float(statement.spent)
            campaign.transferred_amount = float(statement.transferred)
            campaign.balance_amount = float(statement.balance)
            campaign.progress = donation_rules.progress(
                statement.raised + statement.matched, money(campaign.target_amount)
            )

    def _get_statements(self):
        """The statement of each campaign from the analytic items of posted
        entries (analytic items exist only while their entry is posted).

        Income accounts give what was raised, expense accounts what was spent;
        fund transfers (any other account) count as matched when they bring
        money in and as transferred when they take it out.
        """
        plan = self.env.ref("union_relief.analytic_plan_union_funds")
        column = plan._column_name()
        by_analytic = {c.analytic_account_id: c for c in self if c.analytic_account_id}
        figures = defaultdict(lambda: defaultdict(Decimal))
        AnalyticLine = self.env["account.analytic.line"].sudo()
        for sign_domain in (("amount", ">", 0), ("amount", "<", 0)):
            groups = AnalyticLine._read_group(
                [(column, "in", [a.id for a in by_analytic]), sign_domain],
                [column, "general_account_id"],
                ["amount:sum"],
            )
            for analytic, account, amount in groups:
                campaign = by_analytic.get(analytic)
                if not campaign or not account:
                    continue
                amount = money(amount)
                if account.account_type in INCOME_TYPES:
                    figures[campaign]["raised"] += amount
                elif account.account_type in EXPENSE_TYPES:
                    figures[campaign]["spent"] -= amount
                elif amount > 0:
                    figures[campaign]["matched"] += amount
                else:
                    figures[campaign]["transferred"] -= amount
        return {
            campaign: donation_rules.campaign_statement(
                figures[campaign]["raised"],
                figures[campaign]["matched"],
                figures[campaign]["spent"],
                figures[campaign]["transferred"],
            )
            for campaign in self
        }

    @api.constrains("name", "target_amount", "date_start")
    def _check_plausible_figures(self):
        latest = bounds.end_of_next_year(fields.Date.context_today(self))
        for campaign in self:
            check_bounds(campaign, "name", bounds.check_text)
            check_bounds(campaign, "target_amount", bounds.check_amount)
            check_bounds(campaign, "date_start", bounds.check_date, latest)

    @api.model_create_multi
    def create(self, vals_list):
        Journal = self.env["account.journal"]
        for vals in vals_list:
            if not vals.get("entry_journal_id"):
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["entry_journal_id"] = Journal._union_donation_journal(company).id
        campaigns = super().create(vals_list)
        campaigns._create_analytic_accounts()
        campaigns.entry_journal_id._union_relief_secure()
        return campaigns

    def write(self, vals):
        res = super().write(vals)
        if vals.get("entry_journal_id"):
            self.entry_journal_id._union_relief_secure()
        if "name" in vals:
            for campaign in self.filtered("analytic_account_id"):
                campaign.analytic_account_id.sudo().name = campaign._get_analytic_account_name()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if self.filtered("donation_ids"):
            raise UserError(_("Only draft campaigns without donations can be deleted."))

    # === Workflow table (see doc/workflows.md) === #

    @api.model
    def _workflow_transitions(self):
        return {
            "open": Transition(("draft",), "open", (OFFICER,)),
            "close": Transition(("open",), "closed", (OFFICER,)),
            "settle": Transition(("closed",), "settled", (MANAGER,)),
        }

    @api.model
    def _workflow_action_labels(self):
        return {
            "open": _("open"),
            "close": _("close"),
            "settle": _("settle"),
        }

    # === Actions === #

    def action_open(self):
        self._workflow_check("open")
        self._do_open()
        return True

    def action_close(self):
        self._workflow_check("close")
        self._check_can_close()
        self._do_close()
        return True

    def action_settle(self):
        self._workflow_check("settle")
        self._check_can_settle()
        self._do_settle()
        return True

    def action_view_donations(self):
        self.ensure_one()
        return related_action(self, "union.donation", "campaign_id", _("Donations to %s", self.name))

    def action_view_entries(self):
        self.ensure_one()
        return window_action(
            "account.move.line",
            _("Journal Items of %s", self.name),
            view_mode="list",
            domain=[
                ("distribution_analytic_account_ids", "in", self.analytic_account_id.ids),
                ("parent_state", "=", "posted"),
            ],
        )

    def action_new_matching(self):
        self.ensure_one()
        return window_action(
            "union.donation.transfer",
            _("Union Matching"),
            view_mode="form",
            context={"default_campaign_id": self.id, "default_transfer_type": "matching"},
        )

    def action_open_public_account(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": "/my/union/campaigns/%s" % self.id,
            "target": "new",
        }

    # === Business methods === #

    def _do_open(self):
        self._workflow_apply("open")

    def _check_can_close(self):
        for campaign in self:
            drafts = campaign.donation_ids.filtered(lambda d: d.state == "draft")
            if drafts:
                raise UserError(_(
                    "The campaign %(campaign)s still has %(count)s draft donations: "
                    "validate or cancel them first.",
                    campaign=campaign.name,
                    count=len(drafts),
                ))
            if campaign.currency_id.compare_amounts(campaign.balance_amount, 0) > 0 and (
                not campaign.leftover_campaign_id
            ):
                raise UserError(_(
                    "The campaign %(campaign)s has %(balance)s left: choose the campaign "
                    "the leftover goes to, usually the general relief fund.",
                    campaign=campaign.name,
                    balance=campaign.balance_amount,
                ))

    def _do_close(self):
        self._workflow_apply("close")
        with_leftover = self.filtered(
            lambda c: c.currency_id.compare_amounts(c.balance_amount, 0) > 0
        )
        if with_leftover:
            self.env["union.donation.transfer"].create(
                [campaign._prepare_closing_transfer_vals() for campaign in with_leftover]
            )

    def _prepare_closing_transfer_vals(self):
        self.ensure_one()
        return {
            "transfer_type": "closing",
            "campaign_id": self.id,
            "target_campaign_id": self.leftover_campaign_id.id,
            "amount": self.balance_amount,
        }

    def _check_can_settle(self):
        for campaign in self:
            if campaign.transfer_ids.filtered(lambda t: t.state == "draft"):
                raise UserError(_(
                    "The campaign %s has fund transfers waiting for approval.", campaign.name
                ))
            if not campaign.currency_id.is_zero(campaign.balance_amount):
                raise UserError(_(
                    "The campaign %(campaign)s still has a balance of %(balance)s: spend or "
                    "transfer it before settling.",
                    campaign=campaign.name,
                    balance=campaign.balance_amount,
                ))

    def _do_settle(self):
        self._workflow_apply("settle")

    def _invalidate_statement(self):
        """Forget the figures read earlier in the transaction: an entry was
        posted or reversed."""
        self.invalidate_recordset(STATEMENT_FIELDS)

    def _check_accepts_donations(self):
        """Raise the translated error of the first campaign that is not open."""
        for campaign in self:
            with domain_errors(self.env, ValidationError):
                donation_rules.check_campaign_accepts(campaign.name, campaign.state)

    def _get_analytic_account_name(self):
        self.ensure_one()
        return _("Campaign: %s", self.name)

    def _prepare_analytic_account_vals(self):
        self.ensure_one()
        return {"name": self._get_analytic_account_name()}

    def _create_analytic_accounts(self):
        # the fund is the system's: nobody picks another one
        campaigns = self.filtered(lambda c: not c.analytic_account_id)
        self.env["account.analytic.account"]._union_create_funds(
            campaigns, [campaign._prepare_analytic_account_vals() for campaign in campaigns]
        )

    def _get_public_account(self):
        """What the public account shows: the statement, the donors as they chose
        to appear and how the money was used. Reads as superuser: callers check
        that the user may see the campaign."""
        self.ensure_one()
        campaign = self.sudo()
        statement = campaign._get_statements()[campaign]
        anonymous = _("Anonymous donor")
        donations = campaign.donation_ids.filtered(lambda d: d.state == "validated").sorted(
            lambda d: (d.date, d.id)
        )
        donors = [
            {
                "name": donation.public_name or anonymous,
                "date": donation.date,
                "amount": donation.amount,
                "in_kind": donation.method == "in_kind",
                "gift": donation.method == "in_kind" and donation.product_id.display_name or "",
            }
            for donation in donations
        ]
        return {
            "campaign": campaign,
            "statement": {
                "raised": float(statement.raised),
                "matched": float(statement.matched),
                "spent": float(statement.spent),
                "transferred": float(statement.transferred),
                "balance": float(statement.balance),
            },
            "donors": donors,
            "donor_count": len(donations),
            "uses": campaign._get_public_uses(),
        }

    def _get_public_uses(self):
        """How the money was used, one line per relief grant and posted
        transfer: date, description, amount in or out."""
        self.ensure_one()
        uses = [
            grant._get_public_use()
            for grant in self.grant_ids.filtered(
                lambda g: g.move_id.state == "posted" and not g.reversal_move_id
            )
        ]
        received = self.env["union.donation.transfer"].search([
            ("target_campaign_id", "=", self.id), ("state", "=", "posted"),
        ])
        transfers = self.transfer_ids.filtered(lambda t: t.state == "posted") | received
        uses += [transfer._get_public_use(self) for transfer in transfers]
        return sorted(uses, key=lambda use: use["date"])
