from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from ..union_relief import bounds, eligibility, numbering, relief
from ..union_relief.errors import DomainError
from ..union_relief.masking import mask_name
from ..union_relief.money import money
from ..union_relief.resident_id import mask_resident_id, validate_resident_id
from ..utils.actions import related_action, wizard_action
from ..utils.bounds import BoundedInteger, check_bounds
from ..utils.groups import CENTRE, OFFICER
from ..utils.messages import domain_errors, domain_message
from ..utils.records import compute_count
from .union_workflow_mixin import Transition

# Sensitive personal information (PIPL art. 28): readable by the union's
# officers only; the record rules restrict them to their organisations.
SENSITIVE = OFFICER
# The payment account is needed by the officers and by the accountants.
PAYMENT = "union_relief.group_union_officer,union_relief.group_union_accountant"
# The casework around a file (helpers, objections, reviews) is for the officers and
# the auditors; the accountants pay and need none of it.
CASEWORK = "union_relief.group_union_officer,union_relief.group_union_auditor"

CATEGORIES = [
    ("deep", "Deep hardship"),
    ("relative", "Relative hardship"),
    ("sudden", "Sudden hardship"),
]
OPEN_STATES = ("draft", "submitted", "visited", "checked", "notice", "filed", "review")
CLOSED_STATES = ("exited", "withdrawn", "cancelled")
# A file under its annual review is still a filed household.
FILED_STATES = ("filed", "review")
# An application until the relief centre checked it: its officer may still
# return it to draft, withdraw or cancel it; after that it is the centre's.
APPLICATION_STATES = ("draft", "submitted", "visited")

ACTIVITY_VISIT = "union_relief.mail_activity_type_file_visit"
ACTIVITY_CHECK = "union_relief.mail_activity_type_file_check"
ACTIVITY_NOTICE = "union_relief.mail_activity_type_file_notice"
ACTIVITY_FILING = "union_relief.mail_activity_type_file_filing"
ACTIVITY_FOLLOW_UP = "union_relief.mail_activity_type_file_follow_up"
STEP_ACTIVITIES = (ACTIVITY_VISIT, ACTIVITY_CHECK, ACTIVITY_NOTICE, ACTIVITY_FILING)
CLOSING_ACTIVITIES = STEP_ACTIVITIES + (ACTIVITY_FOLLOW_UP,)
# end state: (transition of an application, transition of a checked or filed file)
CLOSING_TRANSITIONS = {
    "exited": ("exit", "exit"),
    "withdrawn": ("withdraw_application", "withdraw"),
    "cancelled": ("cancel_application", "cancel"),
}

# Fields only the workflow writes (besides the state; see the workflow mixin).
WORKFLOW_FIELDS = frozenset({
    "name",
    "submitted_by_id",
    "checked_by_id",
    "checked_date",
    "notice_start_date",
    "notice_end_date",
    "filed_date",
    "approved_by_id",
    "last_review_date",
    "next_review_date",
    "close_date",
    "close_reason",
})
# The household and the figures that decide its category: what the officer
# submits is what the home visit, the relief centre and the public notice see.
# Once filed, the category changes only through the annual review. Household
# members and exclusion checks guard their own figures (``check_household_*``).
HOUSEHOLD_FIELDS = frozenset({
    "organization_id", "company_id", "employee_id", "worker_type", "identification_number",
    "household_size", "annual_income", "no_income", "medical_costs", "disability_costs",
    "schooling_costs", "job_costs", "hardship_costs", "sudden_event", "main_cause_id",
    "secondary_cause_ids", "migrant_worker", "months_worked", "region", "assessment_year",
    "category", "category_override_reason", "subclass_id",
})

# What the assessment reads: the figures of the stored per-capita income and
# suggested category, and of the reasons (not stored: read in the user's language).
ASSESSMENT_DEPENDS = (
    "annual_income",
    "no_income",
    "unavoidable_costs",
    "household_size",
    "hardship_costs",
    "sudden_event",
    "migrant_worker",
    "months_worked",
    "subsistence_line_id.amount",
    "exclusion_check_ids.applies",
)


class UnionHardshipFile(models.Model):
    _name = "union.hardship.file"
    _description = "Hardship File"
    _inherit = ["mail.thread", "mail.activity.mixin", "union.workflow.mixin"]
    _order = "filed_date desc, id desc"
    _check_company_auto = True
    # found by number and by the worker's name; the resident ID number is added in
    # _search_display_name for those who may read it
    _rec_names_search = ["name", "employee_id.name"]

    _workflow_system_fields = WORKFLOW_FIELDS
    _workflow_frozen_fields = HOUSEHOLD_FIELDS
    # files are kept at least 10 years: archived or closed with a reason, never deleted
    _workflow_deletable_states = ()
    _workflow_category_fields = ("category", "subclass_id")

    def _default_exclusion_checks(self):
        exclusions = self.env["union.hardship.exclusion"].search([])
        return [fields.Command.create({"exclusion_id": exclusion.id}) for exclusion in exclusions]

    # === Identity fields === #
    name = fields.Char(
        string="File Number",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: _("New"),
        tracking=True,
    )
    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        string="Worker",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    worker_type = fields.Selection(
        selection=[
            ("employee", "Employee"),
            ("retired", "Retired worker"),
            ("deceased_family", "Family of a deceased worker"),
        ],
        required=True,
        default="employee",
        tracking=True,
    )
    applicant_name = fields.Char(
        help="For the family of a deceased worker: the family member who applies.",
        groups=SENSITIVE,
    )
    organization_id = fields.Many2one(
        comodel_name="union.organization",
        string="Union Organisation",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    # stored to group the statistics by the organisation above (a branch's files
    # under their grassroots union)
    parent_organization_id = fields.Many2one(
        comodel_name="union.organization",
        string="Parent Organisation",
        related="organization_id.parent_id",
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
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("visited", "Home Visit Done"),
            ("checked", "Checked by Relief Centre"),
            ("notice", "Public Notice"),
            ("filed", "Filed"),
            ("review", "Under Review"),
            ("exited", "Exited Hardship"),
            ("withdrawn", "Withdrawn"),
            ("cancelled", "File Cancelled"),
        ],
        required=True,
        default="draft",
        copy=False,
        index=True,
        tracking=True,
        group_expand="_group_expand_states",
    )
    active = fields.Boolean(default=True)

    # === Personal fields (sensitive) === #
    identification_number = fields.Char(
        string="Resident ID Number",
        groups=SENSITIVE,
        copy=False,
    )
    identification_masked = fields.Char(
        string="Resident ID (masked)",
        compute="_compute_identification_masked",
        groups=SENSITIVE,
    )
    health_status = fields.Selection(
        selection=[
            ("healthy", "Healthy"),
            ("chronic", "Chronic illness"),
            ("serious", "Serious illness"),
            ("injured", "Injured"),
        ],
        groups=SENSITIVE,
    )
    disability = fields.Selection(
        selection=[
            ("none", "None"),
            ("grade_1", "Grade 1"),
            ("grade_2", "Grade 2"),
            ("grade_3", "Grade 3"),
            ("grade_4", "Grade 4"),
        ],
        default="none",
        groups=SENSITIVE,
    )
    work_status = fields.Selection(
        selection=[
            ("working", "Working"),
            ("sick_leave", "On sick leave"),
            ("laid_off", "Laid off"),
            ("retired", "Retired"),
            ("deceased", "Deceased"),
        ],
        default="working",
        groups=SENSITIVE,
    )
    housing = fields.Selection(
        selection=[
            ("owned", "Own home"),
            ("rented", "Rented"),
            ("public", "Public rental housing"),
            ("relatives", "Lives with relatives"),
            ("none", "No stable housing"),
        ],
        groups=SENSITIVE,
    )
    marital_status = fields.Selection(
        selection=[
            ("single", "Single"),
            ("married", "Married"),
            ("divorced", "Divorced"),
            ("widowed", "Widowed"),
        ],
        groups=SENSITIVE,
    )
    single_parent = fields.Boolean(groups=SENSITIVE)
    migrant_worker = fields.Boolean(
        groups=SENSITIVE,
        tracking=True,
        help="Migrant workers need at least one year of work in the enterprise.",
    )
    months_worked = BoundedInteger(
        groups=SENSITIVE,
        tracking=True,
    )
    bank_account_id = fields.Many2one(
        comodel_name="res.partner.bank",
        string="Payment Bank Account",
        groups=PAYMENT,
        tracking=True,
        help="Relief payments are transferred to this account.",
    )

    # === Six knowns (六知道) === #
    home_address = fields.Char(groups=SENSITIVE)
    phone = fields.Char(groups=SENSITIVE)
    spouse_name = fields.Char(groups=SENSITIVE)
    children_schooling = fields.Text(
        string="Children's Schooling",
        groups=SENSITIVE,
    )
    major_family_events = fields.Text(groups=SENSITIVE)

    # === Household fields === #
    member_ids = fields.One2many(
        comodel_name="union.hardship.member",
        inverse_name="file_id",
        string="Household Members",
        groups=SENSITIVE,
    )
    household_size = BoundedInteger(
        compute="_compute_household_size",
        store=True,
        readonly=False,
        groups=SENSITIVE,
        tracking=True,
        help="People living in the household, the worker included.",
    )
    main_cause_id = fields.Many2one(
        comodel_name="union.hardship.cause",
        groups=SENSITIVE,
        tracking=True,
    )
    secondary_cause_ids = fields.Many2many(
        comodel_name="union.hardship.cause",
        relation="union_hardship_file_secondary_cause_rel",
        string="Secondary Causes",
        groups=SENSITIVE,
        tracking=True,
    )

    # === Income fields (sensitive) === #
    annual_income = fields.Monetary(
        string="Annual Household Income",
        groups=SENSITIVE,
        tracking=True,
        help="Disposable income of the whole household over the last 12 months.",
    )
    no_income = fields.Boolean(
        string="No Household Income",
        groups=SENSITIVE,
        tracking=True,
        help="The household had no income at all over the last 12 months. Without an "
        "income or this box, 0 is a blank and no category is suggested.",
    )
    medical_costs = fields.Monetary(
        groups=SENSITIVE,
        tracking=True,
    )
    disability_costs = fields.Monetary(
        groups=SENSITIVE,
        tracking=True,
    )
    schooling_costs = fields.Monetary(
        groups=SENSITIVE,
        tracking=True,
    )
    job_costs = fields.Monetary(
        string="Necessary Job Costs",
        groups=SENSITIVE,
        tracking=True,
    )
    unavoidable_costs = fields.Monetary(
        compute="_compute_unavoidable_costs",
        store=True,
        groups=SENSITIVE,
        help="Medical, disability, schooling and necessary job costs of the year (刚性支出).",
    )
    sudden_event = fields.Boolean(
        compute="_compute_sudden_event",
        store=True,
        readonly=False,
        groups=SENSITIVE,
        tracking=True,
        help="An accident, injury or major illness happened to the household.",
    )
    hardship_costs = fields.Monetary(
        string="Costs of the Event",
        groups=SENSITIVE,
        tracking=True,
        help="The year's costs caused by the accident, injury or illness, after "
        "compensation, insurance and social aid.",
    )
    exclusion_check_ids = fields.One2many(
        comodel_name="union.hardship.exclusion.check",
        inverse_name="file_id",
        string="Exclusion Checklist",
        default=_default_exclusion_checks,
        groups=SENSITIVE,
    )

    # === Assessment fields === #
    region = fields.Char(
        required=True,
        tracking=True,
        default=lambda self: self.env.company.city,
        help="City or county whose minimum living standard applies.",
    )
    assessment_year = BoundedInteger(
        required=True,
        aggregator=None,
        tracking=True,
        default=lambda self: fields.Date.context_today(self).year,
    )
    subsistence_line_id = fields.Many2one(
        comodel_name="union.subsistence.line",
        string="Minimum Living Standard",
        compute="_compute_subsistence_line_id",
        store=True,
    )
    subsistence_amount = fields.Monetary(
        related="subsistence_line_id.amount",
        string="Monthly 低保 per Person",
    )
    per_capita_income = fields.Monetary(
        string="Per-capita Monthly Income",
        compute="_compute_assessment",
        store=True,
        groups=SENSITIVE,
    )
    suggested_category = fields.Selection(
        selection=CATEGORIES + [("not_eligible", "Not eligible")],
        compute="_compute_assessment",
        store=True,
        groups=SENSITIVE,
    )
    assessment_reasons = fields.Text(
        compute="_compute_assessment_reasons",
        groups=SENSITIVE,
    )
    category = fields.Selection(
        selection=CATEGORIES,
        compute="_compute_category",
        store=True,
        readonly=False,
        tracking=True,
        index=True,
        help="Pre-filled with the category the rules suggest, which it follows in draft "
        "until a reason for another category is given.",
    )
    category_override_reason = fields.Text(
        string="Reason for Another Category",
        groups=SENSITIVE,
        tracking=True,
    )
    subclass_id = fields.Many2one(
        comodel_name="union.hardship.subclass",
        string="Sub-class",
        tracking=True,
    )

    # === Checklists of the next step === #
    submit_missing = fields.Html(
        string="Missing to Submit",
        compute="_compute_missing",
        groups=SENSITIVE,
        help="Everything the file still needs before it can be submitted.",
    )
    visit_missing = fields.Html(
        string="Missing to Confirm the Home Visit",
        compute="_compute_missing",
        groups=SENSITIVE,
        help="Everything the home visit still needs before it can be confirmed.",
    )

    # === Helpers and visits === #
    helper_ids = fields.One2many(
        comodel_name="union.hardship.helper",
        inverse_name="file_id",
        string="Assigned Helpers",
        groups=CASEWORK,
    )
    visit_ids = fields.One2many(
        comodel_name="union.hardship.visit",
        inverse_name="file_id",
        string="Home Visits",
        groups=SENSITIVE,
    )
    visit_count = fields.Integer(
        compute="_compute_visit_count",
        groups=SENSITIVE,
    )
    application_signed = fields.Boolean(
        tracking=True,
        help="The worker signed the application during the home visit.",
    )
    income_check_authorised = fields.Boolean(
        tracking=True,
        help="The worker signed the authorisation to check the household's income.",
    )

    # === Public notice fields === #
    notice_start_date = fields.Date(
        copy=False,
        readonly=True,
        tracking=True,
    )
    notice_end_date = fields.Date(
        copy=False,
        readonly=True,
        tracking=True,
    )
    objection_ids = fields.One2many(
        comodel_name="union.hardship.objection",
        inverse_name="file_id",
        string="Objections",
        groups=CASEWORK,
    )

    # === Filing and review fields === #
    filed_date = fields.Date(
        copy=False,
        readonly=True,
        tracking=True,
    )
    last_review_date = fields.Date(
        copy=False,
        readonly=True,
        tracking=True,
    )
    next_review_date = fields.Date(
        copy=False,
        readonly=True,
        index=True,
        tracking=True,
    )
    review_ids = fields.One2many(
        comodel_name="union.hardship.review",
        inverse_name="file_id",
        string="Reviews",
        groups=CASEWORK,
    )
    review_due = fields.Boolean(
        compute="_compute_review_due",
        search="_search_review_due",
    )
    submitted_by_id = fields.Many2one(
        comodel_name="res.users",
        copy=False,
        readonly=True,
        tracking=True,
    )
    checked_by_id = fields.Many2one(
        comodel_name="res.users",
        copy=False,
        readonly=True,
        tracking=True,
    )
    checked_date = fields.Date(
        copy=False,
        readonly=True,
        tracking=True,
    )
    approved_by_id = fields.Many2one(
        comodel_name="res.users",
        string="Filed By",
        copy=False,
        readonly=True,
        tracking=True,
    )
    close_date = fields.Date(
        string="Closing Date",
        copy=False,
        readonly=True,
        tracking=True,
    )
    close_reason = fields.Text(
        string="Closing Reason",
        copy=False,
        readonly=True,
        tracking=True,
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("identification_number")
    def _compute_identification_masked(self):
        for record in self:
            record.identification_masked = (
                mask_resident_id(record.identification_number)
                if record.identification_number
                else False
            )

    @api.depends("member_ids.in_household")
    def _compute_household_size(self):
        for record in self:
            record.household_size = 1 + len(record.member_ids.filtered("in_household"))

    @api.depends("medical_costs", "disability_costs", "schooling_costs", "job_costs")
    def _compute_unavoidable_costs(self):
        for record in self:
            record.unavoidable_costs = (
                record.medical_costs
                + record.disability_costs
                + record.schooling_costs
                + record.job_costs
            )

    @api.depends("main_cause_id.sudden")
    def _compute_sudden_event(self):
        for record in self:
            record.sudden_event = record.main_cause_id.sudden

    @api.depends("region", "assessment_year", "company_id")
    def _compute_subsistence_line_id(self):
        for company, records in self.grouped("company_id").items():
            keys = {(record.region, record.assessment_year) for record in records}
            lines = self.env["union.subsistence.line"]._find_lines(keys, company)
            for record in records:
                record.subsistence_line_id = lines.get((record.region, record.assessment_year))

    @api.depends(*ASSESSMENT_DEPENDS)
    def _compute_assessment(self):
        for record in self:
            assessment = record._assess_or_explain()
            if isinstance(assessment, str):
                record.per_capita_income = 0.0
                record.suggested_category = False
            else:
                record.per_capita_income = float(assessment.per_capita_monthly_income)
                record.suggested_category = assessment.category.value

    @api.depends(*ASSESSMENT_DEPENDS)
    def _compute_assessment_reasons(self):
        for record in self:
            assessment = record._assess_or_explain()
            if isinstance(assessment, str):
                record.assessment_reasons = assessment
            else:
                record.assessment_reasons = "\n".join(
                    domain_message(self.env, reason, **record._reason_labels(reason))
                    for reason in assessment.reasons
                )

    def _assess_or_explain(self):
        """The assessment of the file, or the translated sentence saying what is
        missing for one: the minimum living standard, the income, or figures that
        make sense."""
        self.ensure_one()
        if not self.subsistence_line_id:
            return _(
                "No minimum living standard for %(region)s in %(year)s: add one under "
                "Configuration > Minimum Living Standards, or correct the region.",
                region=self.region or "?",
                year=self.assessment_year,
            )
        finances = self._household_finances()
        if not eligibility.is_assessable(finances, no_income_declared=self.no_income):
            return _(
                "Enter the annual household income, or tick 'No Household Income' if the "
                "household has none: the category is suggested from it."
            )
        try:
            return self._assess(finances)
        except DomainError as error:
            return domain_message(self.env, error)

    def _reason_labels(self, reason):
        """What the user reads instead of the codes in an assessment ``reason``:
        the name of the checklist item that excludes the household."""
        if reason.code != "excluded":
            return {}
        code = reason.params.get("exclusion")
        exclusion = self.env["union.hardship.exclusion"].search([("code", "=", code)], limit=1)
        return {"exclusion": exclusion.name or code}

    def _household_finances(self):
        self.ensure_one()
        return eligibility.HouseholdFinances(
            annual_income=money(self.annual_income),
            unavoidable_costs=money(self.unavoidable_costs),
            household_size=self.household_size,
            hardship_costs=money(self.hardship_costs),
            sudden_event=self.sudden_event,
        )

    def _assess(self, finances):
        """Run the eligibility rules of the pure core on this file's ``finances``
        (the file has a minimum living standard).

        :return: an ``eligibility.Assessment``
        :raise DomainError: when the household data are impossible
        """
        self.ensure_one()
        return eligibility.assess(
            finances,
            money(self.subsistence_line_id.amount),
            exclusions=self.exclusion_check_ids.filtered("applies").exclusion_id.mapped("code"),
            migrant_worker=self.migrant_worker,
            months_worked=self.months_worked if self.migrant_worker else None,
        )

    # a category chosen with a reason stays; without one it is the rules' category
    @api.depends("suggested_category")
    def _compute_category(self):
        categories = dict(CATEGORIES)
        for record in self:
            suggestion = record.suggested_category
            if (
                record.state == "draft"
                and suggestion in categories
                and not (record.category_override_reason or "").strip()
            ):
                record.category = suggestion

    @api.depends(
        "state",
        "identification_number",
        "assessment_year",
        "main_cause_id",
        "category",
        "category_override_reason",
        "suggested_category",
        "assessment_reasons",
        "visit_ids",
        "application_signed",
        "income_check_authorised",
    )
    def _compute_missing(self):
        for record in self:
            record.submit_missing = (
                _checklist_html(record._submit_problems()) if record.state == "draft" else False
            )
            record.visit_missing = (
                _checklist_html(record._visit_problems()) if record.state == "submitted" else False
            )

    def _compute_visit_count(self):
        compute_count(self, "visit_count", "union.hardship.visit", "file_id")

    @api.depends("next_review_date", "state")
    def _compute_review_due(self):
        today = fields.Date.context_today(self)
        for record in self:
            record.review_due = bool(
                record.state == "filed"
                and record.next_review_date
                and record.next_review_date <= today
            )

    def _search_review_due(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search on 'review due' with = or != and a boolean."))
        today = fields.Date.context_today(self)
        due = [("state", "=", "filed"), ("next_review_date", "<=", today)]
        if (operator == "=") == value:
            return due
        return ["!", "&", *due]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("identification_number")
    def _check_identification_number(self):
        numbers = [n for n in self.sudo().mapped("identification_number") if n]
        if not numbers:
            return
        duplicates = self.sudo().with_context(active_test=False).search([
            ("identification_number", "in", numbers),
            ("state", "not in", CLOSED_STATES),
            ("id", "not in", self.ids),
        ], limit=1)
        if not duplicates:
            return
        number = mask_resident_id(duplicates.identification_number)
        if not duplicates.sudo(False).has_access("read"):
            # the file is another organisation's business: neither its number nor
            # its organisation is told (doc/domain.md §8), only whom to ask
            raise ValidationError(_(
                "The resident ID number %(number)s already has an open hardship file in "
                "another organisation: one household, one file. Ask the relief centre "
                "about it.",
                number=number,
            ))
        raise ValidationError(_(
            "The resident ID number %(number)s already has an open hardship file "
            "(%(file)s): one household, one file.",
            number=number,
            file=duplicates.name,
        ))

    # Files are never reopened, so only a new worker on a file can make a second open one.
    @api.constrains("employee_id")
    def _check_one_open_file_per_employee(self):
        open_files = self.filtered(lambda f: f.state in OPEN_STATES)
        if not open_files:
            return
        duplicates = self.sudo().with_context(active_test=False)._read_group(
            [
                ("employee_id", "in", open_files.employee_id.ids),
                ("state", "in", OPEN_STATES),
            ],
            ["employee_id"],
            ["__count"],
        )
        for employee, count in duplicates:
            if count > 1:
                raise ValidationError(_(
                    "%(worker)s already has an open hardship file. Close it (exit, withdraw "
                    "or cancel) before opening another one.",
                    worker=employee.name,
                ))

    @api.constrains(
        "annual_income", "no_income", "medical_costs", "disability_costs", "schooling_costs",
        "job_costs", "hardship_costs", "household_size", "months_worked",
    )
    def _check_household_figures(self):
        for record in self.sudo():
            amounts = {
                _("annual household income"): record.annual_income,
                _("medical costs"): record.medical_costs,
                _("disability costs"): record.disability_costs,
                _("schooling costs"): record.schooling_costs,
                _("necessary job costs"): record.job_costs,
                _("costs of the event"): record.hardship_costs,
            }
            for label, amount in amounts.items():
                if record.currency_id.compare_amounts(amount, 0) < 0:
                    raise ValidationError(_(
                        "The %(label)s of %(file)s cannot be negative: enter 0 or a positive "
                        "amount.",
                        label=label,
                        file=record.display_name,
                    ))
            if record.household_size < 1:
                raise ValidationError(_(
                    "The household of %(file)s has at least one person (the worker); "
                    "correct the household size.",
                    file=record.display_name,
                ))
            if record.months_worked < 0:
                raise ValidationError(_("The months worked cannot be negative."))
            if record.no_income and record.currency_id.compare_amounts(record.annual_income, 0) > 0:
                raise ValidationError(_(
                    "%(file)s has an annual household income: untick 'No Household Income' "
                    "or clear the income.",
                    file=record.display_name,
                ))

    @api.constrains(
        "annual_income", "medical_costs", "disability_costs", "schooling_costs",
        "job_costs", "hardship_costs", "household_size", "months_worked",
        "assessment_year", "region", "close_date",
    )
    def _check_plausible_figures(self):
        today = fields.Date.context_today(self)
        for record in self.sudo():
            for fname in (
                "annual_income", "medical_costs", "disability_costs", "schooling_costs",
                "job_costs", "hardship_costs",
            ):
                check_bounds(record, fname, bounds.check_amount)
            check_bounds(record, "household_size", bounds.check_count, *bounds.HOUSEHOLD_SIZE)
            check_bounds(record, "months_worked", bounds.check_count, *bounds.MONTHS)
            check_bounds(record, "assessment_year", bounds.check_year, today)
            check_bounds(record, "region", bounds.check_text, bounds.REGION_MAX_LENGTH)
            check_bounds(record, "close_date", bounds.check_date_not_future, today)

    @api.constrains("category", "subclass_id")
    def _check_subclass_category(self):
        for record in self:
            subclass = record.subclass_id
            if subclass.category and record.category and subclass.category != record.category:
                raise ValidationError(_(
                    "The sub-class %(subclass)s belongs to another hardship category.",
                    subclass=subclass.name,
                ))

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------

    # translated: the name of an unfiled file depends on the reader's language
    @api.depends("name", "employee_id", "filed_date")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for record in self:
            worker = record.employee_id.name or ""
            # the file number is given when the file is filed: before, ``name`` holds
            # the creation placeholder ("New"), which reads like a number
            if record.filed_date:
                record.display_name = " ".join(filter(None, [record.name, worker]))
            elif worker:
                record.display_name = _("%(worker)s (not filed)", worker=worker)
            else:
                record.display_name = _("(not filed)")

    def _group_expand_states(self, states, domain):
        """Kanban columns in workflow order: every open step, even empty, and a
        closed state once some file is in it."""
        return [
            state for state, _label in self._fields["state"].selection
            if state in OPEN_STATES or state in states
        ]

    @api.model
    def _search_display_name(self, operator, value):
        domain = super()._search_display_name(operator, value)
        number = value.strip().upper() if isinstance(value, str) else ""
        if (
            number
            and operator in ("ilike", "=ilike", "=", "like")
            and self.env.user.has_group(SENSITIVE)
        ):
            # the record rules keep the search to the files the officer may read
            domain = expression.OR([domain, [("identification_number", "=", number)]])
        return domain

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            normalize_identification(self.env, vals)
        return super().create(vals_list)

    def write(self, vals):
        normalize_identification(self.env, vals)
        recategorised = self._recategorised_by(vals)
        states = {record.id: record.state for record in recategorised}
        result = super().write(vals)
        self.env["union.workflow.history"]._record(recategorised, "recategorise", states, states)
        return result

    def _recategorised_by(self, vals):
        """The files past draft whose category or sub-class ``vals`` change outside
        a workflow step (the annual review's step keeps the new category on its own
        line): the history gets a "recategorise" line for them, whoever writes."""
        fnames = {"category", "subclass_id"} & set(vals)
        if not fnames or self._workflow_state_field in vals:
            return self.browse()
        return self.filtered(lambda record: record.state != "draft" and any(
            record._workflow_changes(fname, vals[fname]) for fname in fnames
        ))

    @api.onchange("employee_id")
    def _onchange_employee_id(self):
        employee = self.employee_id.sudo()
        if employee.union_organization_id and not self.organization_id:
            self.organization_id = employee.union_organization_id
        if employee.company_id:
            self.company_id = employee.company_id

    # ------------------------------------------------------------------
    # Workflow table (see doc/workflows.md)
    # ------------------------------------------------------------------

    @api.model
    def _workflow_transitions(self):
        checked = ("checked", "notice", "filed", "review")
        return {
            "submit": Transition(("draft",), "submitted", (OFFICER,)),
            "visit_done": Transition(("submitted",), "visited", (OFFICER,), (ACTIVITY_VISIT,)),
            "centre_check": Transition(("visited",), "checked", (CENTRE,), (ACTIVITY_CHECK,)),
            "start_notice": Transition(("checked",), "notice", (CENTRE,), (ACTIVITY_NOTICE,)),
            "file": Transition(("notice",), "filed", (CENTRE,), (ACTIVITY_FILING,)),
            "return_to_draft": Transition(
                ("submitted", "visited"), "draft", (OFFICER,), STEP_ACTIVITIES
            ),
            "return_checked_to_draft": Transition(
                ("checked", "notice"), "draft", (CENTRE,), STEP_ACTIVITIES
            ),
            "start_review": Transition(("filed",), "review", (CENTRE,)),
            "end_review": Transition(("review",), "filed", (CENTRE,)),
            "withdraw_application": Transition(
                APPLICATION_STATES, "withdrawn", (OFFICER,), CLOSING_ACTIVITIES
            ),
            "cancel_application": Transition(
                APPLICATION_STATES, "cancelled", (OFFICER,), CLOSING_ACTIVITIES
            ),
            "withdraw": Transition(checked, "withdrawn", (CENTRE,), CLOSING_ACTIVITIES),
            "cancel": Transition(checked, "cancelled", (CENTRE,), CLOSING_ACTIVITIES),
            "exit": Transition(("filed", "review"), "exited", (CENTRE,), CLOSING_ACTIVITIES),
        }

    @api.model
    def _workflow_action_labels(self):
        return {
            "submit": _("submit"),
            "visit_done": _("confirm the home visit of"),
            "centre_check": _("check"),
            "start_notice": _("start the public notice of"),
            "file": _("file"),
            "return_to_draft": _("return to draft"),
            "return_checked_to_draft": _("return to draft"),
            "start_review": _("start the annual review of"),
            "end_review": _("end the annual review of"),
            "withdraw_application": _("withdraw"),
            "cancel_application": _("cancel"),
            "withdraw": _("withdraw"),
            "cancel": _("cancel"),
            "exit": _("record the exit from hardship of"),
        }

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_submit(self):
        self._workflow_check("submit")
        self._check_can_submit()
        self._do_submit()
        return True

    def action_visit_done(self):
        self._workflow_check("visit_done")
        self._check_can_confirm_visit()
        self._do_visit_done()
        return True

    def action_centre_check(self):
        self._workflow_check("centre_check")
        self._do_centre_check()
        return True

    def action_start_notice(self):
        self._workflow_check("start_notice")
        self._do_start_notice()
        return True

    def action_file(self):
        self._workflow_check("file")
        self._check_can_file()
        self._do_file()
        return True

    def action_return_to_draft(self):
        self._workflow_check_by_state("return_to_draft", ("checked", "notice"), "return_checked_to_draft")
        self._do_return_to_draft()
        return True

    def action_close(self):
        """Open the wizard that exits, withdraws or cancels the files."""
        return wizard_action(
            "union.hardship.close.wizard",
            _("Close Hardship File"),
            context={"default_file_ids": self.ids},
        )

    def action_view_visits(self):
        self.ensure_one()
        return related_action(self, "union.hardship.visit", "file_id", _("Home Visits"))

    # ------------------------------------------------------------------
    # Steps asked by the annual review and the closing wizard
    # ------------------------------------------------------------------

    def _start_review(self):
        """Put filed households under their annual review; called when their
        reviews are opened."""
        self._workflow_check("start_review")
        self._workflow_apply("start_review")

    def _end_review(self, review_date=False, category=False, subclass=None, reason=False):
        """End the annual review of the files; called by the review applied or
        cancelled.

        :param review_date: the date of the review that was done; the next one
            is due an interval later. Without it (review cancelled) the dates stay.
        :param category: the household's new category, decided by the review,
            with its ``subclass`` (or none) and the ``reason``
        """
        self._workflow_check("end_review")
        vals = {}
        if category:
            vals.update(
                category=category,
                subclass_id=subclass.id if subclass else False,
                category_override_reason=reason,
            )
        for record in self:
            record_vals = dict(vals)
            if review_date:
                record_vals.update(
                    last_review_date=review_date,
                    next_review_date=record.company_id._union_next_review_date(review_date),
                )
            record._workflow_apply("end_review", record_vals)

    def _close(self, end_state, reason, close_date):
        """Close the files with a reason: exit from hardship, withdrawal or cancellation."""
        if end_state not in CLOSING_TRANSITIONS:
            raise UserError(_("Unknown way of closing a file: %s", end_state))
        transitions = self._closing_transitions(end_state)
        for name, files in transitions.items():
            files._workflow_check(name)
        self._check_can_close(reason, close_date)
        self._do_close(transitions, reason, close_date)

    def _closing_transitions(self, end_state):
        """{transition name: files} that close these files in ``end_state``."""
        application, checked = CLOSING_TRANSITIONS[end_state]
        transitions = {}
        for record in self:
            name = application if record.state in APPLICATION_STATES else checked
            transitions[name] = transitions.get(name, self.browse()) | record
        return transitions

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------

    def _check_can_submit(self):
        self.sudo()._raise_problems("submit", lambda record: record._submit_problems())

    def _check_can_confirm_visit(self):
        self._raise_problems("visit_done", lambda record: record._visit_problems())

    def _raise_problems(self, step, problems_of):
        """Refuse step ``step`` with one error listing every problem of every file,
        instead of one dialog per missing item."""
        blocks = []
        for record in self:
            problems = problems_of(record)
            if problems:
                header = _(
                    "Before you %(action)s %(file)s:",
                    action=self._workflow_action_label(step),
                    file=record.display_name,
                )
                blocks.append("\n".join([header] + ["• %s" % problem for problem in problems]))
        if blocks:
            raise UserError("\n\n".join(blocks))

    def _submit_problems(self):
        """What the file still needs before it is submitted, all at once: the
        form shows them as a checklist and the submission refuses with all of them."""
        self.ensure_one()
        problems = []
        if not self.identification_number:
            problems.append(_("Enter the worker's resident ID number (Worker tab)."))
        if self.assessment_year > fields.Date.context_today(self).year:
            problems.append(_("The assessment year %s is in the future.", self.assessment_year))
        assessment = self._assess_or_explain()
        if isinstance(assessment, str):
            problems.append(assessment)
        if not self.main_cause_id:
            problems.append(_("Choose the main cause of hardship (Income and Assessment tab)."))
        # without an assessment the missing figures above are the problem, not the choice
        problems += self._category_problems(assessed=not isinstance(assessment, str))
        return problems

    def _category_problems(self, assessed=True):
        """What the choice of the category lacks: the category, or the reason for
        another category than the rules suggest."""
        self.ensure_one()
        if not self.category:
            return [_("Choose the hardship category.")]
        if (
            not assessed
            or self.suggested_category == self.category
            or (self.category_override_reason or "").strip()
        ):
            return []
        labels = dict(self._fields["suggested_category"]._description_selection(self.env))
        return [_(
            "The rules suggest '%s': to choose another category, explain why in "
            "'Reason for Another Category'.",
            labels.get(self.suggested_category, _("nothing")),
        )]

    def _visit_problems(self):
        """What the home visit still needs before it is confirmed, all at once."""
        self.ensure_one()
        problems = []
        if not self.sudo().visit_ids:
            problems.append(_(
                "Record the home visit: its date, visitors and findings (Home Visits button)."
            ))
        if not self.application_signed:
            problems.append(_(
                "Tick 'Application Signed' once the worker has signed the application "
                "(Helpers and Visits tab)."
            ))
        if not self.income_check_authorised:
            problems.append(_(
                "Tick 'Income Check Authorised' once the worker has signed the authorisation "
                "to check the household's income (Helpers and Visits tab)."
            ))
        return problems

    def _check_can_file(self):
        today = fields.Date.context_today(self)
        for record in self:
            if record.notice_end_date and record.notice_end_date > today:
                raise UserError(_(
                    "The public notice of %(file)s runs until %(date)s; file it after that.",
                    file=record.display_name,
                    date=record.notice_end_date,
                ))
            # an objection upheld during an earlier notice sent the file back to draft
            pending = record.objection_ids.filtered(
                lambda o, start=record.notice_start_date: o.state == "open"
                or (o.state == "upheld" and (not start or o.date >= start))
            )
            if pending:
                raise UserError(_(
                    "%(file)s has %(count)s objection(s) that are open or upheld. Dismiss them "
                    "with a resolution, or return the file to draft.",
                    file=record.display_name,
                    count=len(pending),
                ))
        self.sudo()._raise_problems("file", lambda record: record._category_problems())

    def _check_can_close(self, reason, close_date):
        if not (reason or "").strip():
            raise UserError(_("Give the reason for closing the file."))
        if close_date > fields.Date.context_today(self):
            raise UserError(_("The closing date cannot be in the future."))

    def _check_household_editable(self):
        """Household members and exclusion checks decide the category like the
        file's own figures: they change only while the file is a draft."""
        for record in self:
            if record.state not in self._workflow_editable_states:
                raise UserError(_(
                    "%(file)s is %(state)s: the household figures that decide its category "
                    "can no longer be changed. Return it to draft, or record the change in its "
                    "annual review once it is filed.",
                    file=record.display_name,
                    state=record._workflow_state_label(),
                ))

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------

    def _do_submit(self):
        self._workflow_apply("submit", {"submitted_by_id": self.env.uid})
        for record in self:
            record._schedule_next_step(
                ACTIVITY_VISIT,
                _("Visit the household of %s", record.employee_id.name),
                record.organization_id.chair_id,
            )

    def _do_visit_done(self):
        self._workflow_apply("visit_done")
        for record in self:
            record._schedule_next_step(
                ACTIVITY_CHECK,
                _("Check the hardship file %s", record.display_name),
                record._relief_station().chair_id,
            )

    def _do_centre_check(self):
        self._workflow_apply("centre_check", {
            "checked_by_id": self.env.uid,
            "checked_date": fields.Date.context_today(self),
        })
        for record in self:
            record._schedule_next_step(
                ACTIVITY_NOTICE,
                _("Publish the public notice of %s", record.display_name),
                self.env.user,
            )

    def _do_start_notice(self):
        today = fields.Date.context_today(self)
        for company, records in self.grouped("company_id").items():
            records._workflow_apply("start_notice", company._union_notice_vals(today))
        for record in self:
            record._schedule_next_step(
                ACTIVITY_FILING,
                _("File %s when the public notice ends", record.display_name),
                self.env.user,
                date_deadline=record.notice_end_date,
            )

    def _do_file(self):
        today = fields.Date.context_today(self)
        for record in self:
            record._workflow_apply("file", {
                "name": record._next_file_number(today),
                "filed_date": today,
                "approved_by_id": self.env.uid,
                "last_review_date": today,
                "next_review_date": record.company_id._union_next_review_date(today),
            })

    def _do_return_to_draft(self):
        vals = {
            "checked_by_id": False,
            "checked_date": False,
            "notice_start_date": False,
            "notice_end_date": False,
        }
        checked = self.filtered(lambda f: f.state in ("checked", "notice"))
        (self - checked)._workflow_apply("return_to_draft", vals)
        checked._workflow_apply("return_checked_to_draft", vals)

    def _do_close(self, transitions, reason, close_date):
        self.review_ids.filtered(lambda r: r.state == "open")._cancel_for_closed_file()
        vals = {"close_reason": reason, "close_date": close_date, "next_review_date": False}
        for name, files in transitions.items():
            files._workflow_apply(name, vals)

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _relief_beneficiary(self, school_level=None, cost=0.0):
        """The household as the relief standards see it, the core's ``Beneficiary``:
        what a grant's amount and a batch run's plan are computed from.

        Read as superuser: the standards look at data the approver need not see.
        Without a file (an empty recordset) the beneficiary is a worker or person
        of no filed household.

        :param school_level: the school level of the grant (education aid)
        :param cost: the grant's out-of-pocket cost (aid as a rate of the cost)
        """
        file = self.sudo()
        if not file:
            return relief.Beneficiary(
                filed=False, school_level=school_level or None, household_size=1, cost=money(cost)
            )
        file.ensure_one()
        return relief.Beneficiary(
            filed=file.state in FILED_STATES,
            category=file.category or None,
            cause=file.main_cause_id.id or None,
            subclass=file.subclass_id.id or None,
            school_level=school_level or None,
            household_size=file.household_size or 1,
            cost=money(cost),
        )

    def _next_file_number(self, on_date):
        self.ensure_one()
        organization = self.organization_id.sudo()
        sequence = organization._get_file_sequence()
        [number] = sequence._union_reserve(1, sequence_date=on_date)
        with domain_errors(self.env):
            return numbering.format_file_number(
                organization.code or str(organization.id), on_date.year, int(number)
            )

    def _relief_station(self):
        """Nearest relief-station organisation above (or at) the file's organisation."""
        self.ensure_one()
        return self.organization_id._relief_station()

    def _get_public_notices(self):
        """The public notices (公示) of these files in notice: one per issuing relief
        station and notice period, each household shown by masked name, unit and
        category only (doc/domain.md §8).

        :return: a list of dicts with the ``company``, the ``issuer`` (name of the
            relief station), the notice ``start`` and ``end`` (and its ``days``),
            the complaint ``phone``, the ``date`` of the notice and its ``lines``
        """
        categories = dict(self._fields["category"]._description_selection(self.env))
        notices = {}
        for record in self.sudo().sorted(lambda f: (f.organization_id.complete_name or "", f.id)):
            key = (
                record.company_id, record._relief_station(),
                record.notice_start_date, record.notice_end_date,
            )
            notices.setdefault(key, []).append({
                "name": mask_name(record.employee_id.name or ""),
                "unit": record.organization_id.name or "",
                "category": categories.get(record.category, ""),
            })
        return [
            {
                "company": company,
                "issuer": station.name,
                "start": start,
                "end": end,
                "days": company.union_notice_days,
                "phone": company.union_complaint_phone or "",
                "date": start,
                "lines": lines,
            }
            for (company, station, start, end), lines in notices.items()
        ]

    def _schedule_next_step(self, activity_type, summary, user, date_deadline=None):
        self.ensure_one()
        self.activity_schedule(
            activity_type,
            date_deadline=date_deadline or fields.Date.context_today(self),
            summary=summary,
            user_id=(user or self.env.user).id,
        )


def _checklist_html(problems):
    """The problems as an HTML list for the form, or False when there is none."""
    if not problems:
        return False
    items = Markup().join(Markup("<li>%s</li>") % problem for problem in problems)
    return Markup('<ul class="mb-0">%s</ul>') % items


def normalize_identification(env, vals):
    """Validate the resident ID number in ``vals`` and store it normalized.

    A number sent as an integer or a list is refused like any other invalid
    number, and so is a birth date in the future.
    """
    if vals.get("identification_number"):
        with domain_errors(env, ValidationError):
            vals["identification_number"] = validate_resident_id(
                vals["identification_number"], fields.Date.context_today(env.user)
            )


def check_household_write(records, vals, fnames):
    """Refuse a user's change of ``fnames`` (the figures of household members or
    exclusion checks) on files that are no longer drafts."""
    if records.env.su:
        return
    changed = [
        fname for fname in fnames & set(vals)
        if any(
            records._fields[fname].convert_to_cache(record[fname], record)
            != records._fields[fname].convert_to_cache(vals[fname], record)
            for record in records
        )
    ]
    if not changed:
        return
    files = records.file_id
    if vals.get("file_id"):
        files |= files.browse(vals["file_id"])
    files._check_household_editable()


def check_household_create(model, vals_list):
    """Refuse a user's new household member or exclusion check on files that are
    no longer drafts."""
    if model.env.su:
        return
    file_ids = {vals.get("file_id") for vals in vals_list} - {False, None}
    model.env["union.hardship.file"].browse(file_ids)._check_household_editable()
