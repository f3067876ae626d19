from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..union_relief import bounds, collective
from ..utils.actions import form_action, related_action, wizard_action
from ..utils.bounds import BoundedInteger, check_bounds
from ..utils.deadlines import compute_overdue, overdue_domain
from ..utils.groups import OFFICER
from ..utils.messages import domain_errors, domain_message
from ..utils.records import compute_count
from .union_workflow_mixin import Transition

CONTRACT_STATES = [
    ("draft", "Draft"),
    ("negotiating", "Negotiating"),
    ("approved", "Approved by Congress"),
    ("signed", "Signed"),
    ("filed", "Filed with Authority"),
    ("in_force", "In Force"),
    ("expired", "Expired"),
    ("terminated", "Terminated"),
    ("renewed", "Renewed"),
]
# States in which a contract has been in force at some time (KPIs, staff).
PUBLISHED_STATES = ("in_force", "expired", "renewed")
# Fields only the workflow writes (besides the state; see the mixin).
WORKFLOW_FIELDS = frozenset({
    "reference",
    "date_in_force",
    "date_published",
    "date_terminated",
    "termination_reason",
    "predecessor_id",
    "renewal_reminder_sent",
})
# Fields the officer enters before a step, frozen once the contract took it:
# {field: states in which it may still be written}.
NEGOTIATED = ("draft", "negotiating")
SIGNABLE = (*NEGOTIATED, "approved")
FILABLE = (*SIGNABLE, "signed")
IN_REVIEW = (*FILABLE, "filed")
STEP_FIELDS = {
    **dict.fromkeys((
        "name", "contract_type_id", "scope", "employer_partner_ids", "date_start", "date_end",
        "congress_date", "congress_total", "congress_present", "congress_in_favour",
    ), NEGOTIATED),
    "date_signed": SIGNABLE,
    "labour_authority_id": FILABLE,
    "date_filed": FILABLE,
    **dict.fromkeys(("date_received", "objection_date", "objection_note"), IN_REVIEW),
}
ACTIVITY_FILING = "union_relief.mail_activity_type_contract_filing"
ACTIVITY_RENEWAL = "union_relief.mail_activity_type_contract_renewal"
ACTIVITY_VACANCY = "union_relief.mail_activity_type_contract_vacancy"


class UnionCollectiveContract(models.Model):
    _name = "union.collective.contract"
    _description = "Collective Contract"
    _inherit = ["mail.thread", "mail.activity.mixin", "union.workflow.mixin", "union.numbered.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    _union_number_field = "reference"
    _union_sequence_code = "union.collective.contract"

    _workflow_system_fields = WORKFLOW_FIELDS
    _workflow_field_editable_states = STEP_FIELDS

    @api.model
    def _default_contract_type_id(self):
        return self.env.ref(
            "union_relief.union_collective_contract_type_comprehensive",
            raise_if_not_found=False,
        )

    # === Identity fields === #
    name = fields.Char(
        string="Title",
        required=True,
        tracking=True,
    )
    reference = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: _("New"),
    )
    contract_type_id = fields.Many2one(
        comodel_name="union.collective.contract.type",
        string="Type",
        required=True,
        default=_default_contract_type_id,
        tracking=True,
    )
    is_wage_agreement = fields.Boolean(
        related="contract_type_id.is_wage_agreement",
    )
    state = fields.Selection(
        selection=CONTRACT_STATES,
        string="Status",
        required=True,
        default="draft",
        copy=False,
        index=True,
        tracking=True,
    )
    organization_id = fields.Many2one(
        comodel_name="union.organization",
        string="Union Organisation",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        help="Union officer who follows the contract; deadline activities are "
        "assigned to them.",
    )

    # === Parties fields === #
    scope = fields.Selection(
        selection=[
            ("enterprise", "Enterprise"),
            ("sector", "Sector"),
            ("regional", "Regional"),
        ],
        required=True,
        default="enterprise",
        tracking=True,
        help="An enterprise contract binds the company; a sector or regional "
        "contract binds several employers.",
    )
    employer_partner_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Employers",
        tracking=True,
        help="Employers bound by a sector or regional contract.",
    )
    workers_covered = BoundedInteger(
        tracking=True,
        # the contracts of one organisation cover the same workforce
        aggregator=None,
    )

    # === Term fields === #
    date_start = fields.Date(
        string="Start Date",
        tracking=True,
    )
    date_end = fields.Date(
        string="Expiry Date",
        tracking=True,
    )
    renewal_start_date = fields.Date(
        string="Renewal From",
        compute="_compute_renewal_start_date",
        store=True,
        help="Three months before expiry the union is asked to start the renewal.",
    )
    renewal_reminder_sent = fields.Boolean(
        copy=False,
    )

    # === Congress fields === #
    congress_date = fields.Date(
        copy=False,
        tracking=True,
    )
    congress_total = BoundedInteger(
        string="Congress Representatives",
        copy=False,
        tracking=True,
        help="All representatives of the workers' congress.",
    )
    congress_present = BoundedInteger(
        string="Present",
        copy=False,
        tracking=True,
    )
    congress_in_favour = BoundedInteger(
        string="In Favour",
        copy=False,
        tracking=True,
    )
    congress_vote_approved = fields.Boolean(
        string="Vote Passes",
        compute="_compute_congress_vote",
    )
    congress_vote_message = fields.Char(
        string="Vote Result",
        compute="_compute_congress_vote",
    )

    # === Signing and filing fields === #
    date_signed = fields.Date(
        string="Signing Date",
        copy=False,
        tracking=True,
    )
    filing_due_date = fields.Date(
        string="Filing Due",
        compute="_compute_filing_due_date",
        store=True,
    )
    filing_overdue = fields.Boolean(
        compute="_compute_filing_overdue",
        search="_search_filing_overdue",
    )
    labour_authority_id = fields.Many2one(
        comodel_name="res.partner",
        copy=False,
        tracking=True,
    )
    date_filed = fields.Date(
        string="Date Filed with Authority",
        copy=False,
        tracking=True,
        help="Day the signed contract was sent to the labour authority.",
    )
    date_received = fields.Date(
        string="Received by Authority",
        copy=False,
        tracking=True,
    )
    review_end_date = fields.Date(
        string="Review Ends",
        compute="_compute_review_dates",
        store=True,
        help="The labour authority may object within 15 days of receipt.",
    )
    in_force_date = fields.Date(
        string="In Force On",
        compute="_compute_review_dates",
        store=True,
        help="Without an objection the contract takes effect on the 16th day after "
        "receipt.",
    )
    objection_date = fields.Date(
        copy=False,
        tracking=True,
    )
    objection_note = fields.Text(
        string="Objection",
        copy=False,
        tracking=True,
    )

    # === In force fields === #
    date_in_force = fields.Date(
        string="In Force Since",
        copy=False,
        readonly=True,
        tracking=True,
    )
    date_published = fields.Date(
        string="Published to Staff",
        copy=False,
        readonly=True,
        tracking=True,
    )
    publication_note = fields.Char(
        string="Published How",
        copy=False,
        help="e.g. notice board, intranet, staff handbook.",
    )
    date_terminated = fields.Date(
        string="Termination Date",
        copy=False,
        readonly=True,
        tracking=True,
    )
    termination_reason = fields.Text(
        copy=False,
        readonly=True,
        tracking=True,
    )
    predecessor_id = fields.Many2one(
        comodel_name="union.collective.contract",
        string="Renews",
        copy=False,
        readonly=True,
        index=True,
        check_company=True,
        tracking=True,
    )
    successor_ids = fields.One2many(
        comodel_name="union.collective.contract",
        inverse_name="predecessor_id",
        string="Renewals",
    )
    successor_id = fields.Many2one(
        comodel_name="union.collective.contract",
        string="Renewed By",
        compute="_compute_successor_id",
    )

    # === Content fields === #
    representative_ids = fields.One2many(
        comodel_name="union.contract.representative",
        inverse_name="contract_id",
        string="Representatives",
        copy=True,
    )
    union_representative_count = fields.Integer(
        compute="_compute_representative_counts",
    )
    employer_representative_count = fields.Integer(
        compute="_compute_representative_counts",
    )
    version_ids = fields.One2many(
        comodel_name="union.collective.contract.version",
        inverse_name="contract_id",
        string="Versions",
    )
    session_ids = fields.One2many(
        comodel_name="union.negotiation.session",
        inverse_name="contract_id",
        string="Negotiation Sessions",
    )
    session_count = fields.Integer(
        compute="_compute_session_count",
    )
    clause_ids = fields.One2many(
        comodel_name="union.contract.clause",
        inverse_name="contract_id",
        string="Clauses",
        copy=True,
    )
    performance_ids = fields.One2many(
        comodel_name="union.contract.performance",
        inverse_name="contract_id",
        string="Performance Checks",
    )
    performance_count = fields.Integer(
        compute="_compute_performance_count",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("date_end")
    def _compute_renewal_start_date(self):
        for contract in self:
            contract.renewal_start_date = (
                collective.renewal_window_start(contract.date_end) if contract.date_end else False
            )

    @api.depends("congress_total", "congress_present", "congress_in_favour")
    def _compute_congress_vote(self):
        for contract in self:
            if not contract.congress_total:
                contract.congress_vote_approved = False
                contract.congress_vote_message = False
                continue
            try:
                vote = collective.check_congress_approval(
                    contract.congress_total,
                    contract.congress_present,
                    contract.congress_in_favour,
                )
            except collective.ContractError as error:
                contract.congress_vote_approved = False
                contract.congress_vote_message = domain_message(
                    self.env, error, **contract._contract_error_labels(error.params)
                )
            else:
                contract.congress_vote_approved = True
                contract.congress_vote_message = _(
                    "Passed: %(present)s of %(total)s present (at least %(required_present)s "
                    "needed), %(in_favour)s in favour (at least %(required_in_favour)s needed).",
                    present=vote.present,
                    total=vote.total,
                    required_present=vote.required_present,
                    in_favour=vote.in_favour,
                    required_in_favour=vote.required_in_favour,
                )

    @api.depends("date_signed")
    def _compute_filing_due_date(self):
        for contract in self:
            contract.filing_due_date = (
                collective.filing_due_date(contract.date_signed) if contract.date_signed else False
            )

    @api.depends("filing_due_date", "date_filed")
    def _compute_filing_overdue(self):
        compute_overdue(self, "filing_overdue", "filing_due_date", "date_filed")

    def _search_filing_overdue(self, operator, value):
        return overdue_domain(self, "filing_due_date", "date_filed", operator, value)

    @api.depends("date_received")
    def _compute_review_dates(self):
        for contract in self:
            received = contract.date_received
            contract.review_end_date = collective.review_end_date(received) if received else False
            contract.in_force_date = collective.in_force_date(received) if received else False

    @api.depends("successor_ids")
    def _compute_successor_id(self):
        for contract in self:
            contract.successor_id = contract.successor_ids[:1]

    @api.depends("representative_ids.side", "representative_ids.date_left")
    def _compute_representative_counts(self):
        # A contract published to staff names its representatives, yet the record
        # rules hide them from the members and from the officers of other
        # organisations, who would read 0 / 0: whoever may read a saved contract
        # gets its counts as the superuser finds them. Unsaved lines (a form being
        # edited) are counted from the form.
        saved = self.filtered("id")
        saved.check_access("read")
        counts = dict.fromkeys(
            [(contract.id, side) for contract in saved for side in collective.Side], 0
        )
        for contract, side, count in self.env["union.contract.representative"].sudo()._read_group(
            [("contract_id", "in", saved.ids), ("date_left", "=", False)],
            ["contract_id", "side"],
            ["__count"],
        ):
            counts[contract.id, side] = count
        for contract in saved:
            contract.union_representative_count = counts[contract.id, collective.Side.UNION]
            contract.employer_representative_count = counts[contract.id, collective.Side.EMPLOYER]
        for contract in self - saved:
            tally, _chiefs = contract._representative_tally()
            contract.union_representative_count = tally[collective.Side.UNION]
            contract.employer_representative_count = tally[collective.Side.EMPLOYER]

    def _compute_session_count(self):
        compute_count(self, "session_count", "union.negotiation.session", "contract_id")

    def _compute_performance_count(self):
        compute_count(self, "performance_count", "union.contract.performance", "contract_id")

    # ------------------------------------------------------------------
    # Constraints and onchanges
    # ------------------------------------------------------------------

    @api.constrains("date_start", "date_end")
    def _check_term(self):
        for contract in self.filtered(lambda c: c.date_start or c.date_end):
            with domain_errors(self.env, ValidationError, labels=contract._contract_error_labels):
                collective.check_term(contract.date_start, contract.date_end)

    @api.constrains("date_signed", "date_filed", "date_received")
    def _check_filing_dates(self):
        for contract in self.filtered("date_filed"):
            if not contract.date_signed:
                raise ValidationError(_("Enter the signing date before the filing date."))
            with domain_errors(self.env, ValidationError, labels=contract._contract_error_labels):
                collective.check_filing(
                    contract.date_signed, contract.date_filed, contract.date_received
                )

    @api.constrains("workers_covered")
    def _check_workers_covered(self):
        if any(contract.workers_covered < 0 for contract in self):
            raise ValidationError(_("The number of workers covered cannot be negative."))

    @api.constrains(
        "workers_covered", "congress_total", "congress_present", "congress_in_favour",
        "date_start", "congress_date", "date_signed", "date_filed", "date_received",
        "objection_date", "date_published",
    )
    def _check_plausible_figures(self):
        today = fields.Date.context_today(self)
        # a renewal starts when its predecessor, signed by next year at the latest, expires
        latest_start = collective.add_years(
            bounds.end_of_next_year(today), collective.MAX_TERM_YEARS
        )
        for contract in self:
            check_bounds(contract, "workers_covered", bounds.check_count, *bounds.WORKERS)
            for fname in ("congress_total", "congress_present", "congress_in_favour"):
                check_bounds(contract, fname, bounds.check_count, *bounds.VOTES)
            check_bounds(contract, "date_start", bounds.check_date, latest_start)
            for fname in (
                "congress_date", "date_signed", "date_filed", "date_received", "objection_date",
                "date_published",
            ):
                check_bounds(contract, fname, bounds.check_date_not_future, today)

    # The thresholds (quorum, majority) are checked when the congress approves;
    # counts that contradict each other are refused as soon as they are entered.
    @api.constrains("congress_total", "congress_present", "congress_in_favour")
    def _check_congress_counts(self):
        for contract in self:
            counts = (
                contract.congress_total, contract.congress_present, contract.congress_in_favour
            )
            if any(counts):
                with domain_errors(
                    self.env, ValidationError, labels=contract._contract_error_labels
                ):
                    collective.congress_vote(*counts)

    @api.constrains("scope", "employer_partner_ids")
    def _check_employers(self):
        for contract in self:
            if contract.scope != "enterprise" and not contract.employer_partner_ids:
                raise ValidationError(
                    _("A sector or regional contract needs at least one employer.")
                )

    @api.onchange("date_start")
    def _onchange_date_start(self):
        if self.date_start and not self.date_end:
            self.date_end = collective.default_expiry(self.date_start)

    # ------------------------------------------------------------------
    # Workflow table (see doc/workflows.md)
    # ------------------------------------------------------------------

    @api.model
    def _workflow_transitions(self):
        return {
            "start_negotiation": Transition(("draft",), "negotiating", (OFFICER,)),
            "reset_to_draft": Transition(("negotiating",), "draft", (OFFICER,)),
            "approve_by_congress": Transition(("negotiating",), "approved", (OFFICER,)),
            "sign": Transition(("approved",), "signed", (OFFICER,), (ACTIVITY_VACANCY,)),
            "file": Transition(("signed",), "filed", (OFFICER,), (ACTIVITY_FILING,)),
            # the objection ends this filing: negotiate again, then sign and file anew
            "record_objection": Transition(("filed",), "negotiating", (OFFICER,)),
            # also taken by the daily cron on the 16th day after the receipt
            "enter_into_force": Transition(("filed",), "in_force", (OFFICER,)),
            "publish": Transition(("in_force",), "in_force", (OFFICER,)),
            "renew": Transition(("in_force",), "in_force", (OFFICER,), (ACTIVITY_RENEWAL,)),
            "renew_expired": Transition(("expired",), "expired", (OFFICER,), (ACTIVITY_RENEWAL,)),
            "terminate": Transition(
                ("signed", "filed", "in_force"), "terminated", (OFFICER,),
                (ACTIVITY_FILING, ACTIVITY_RENEWAL, ACTIVITY_VACANCY),
            ),
            # taken by the system only: the daily cron, and the entry into force
            # of the renewal
            "expire": Transition(("in_force",), "expired"),
            "mark_renewed": Transition(("in_force", "expired"), "renewed", (), (ACTIVITY_RENEWAL,)),
        }

    @api.model
    def _workflow_action_labels(self):
        return {
            "start_negotiation": _("start the negotiation of"),
            "reset_to_draft": _("return to draft"),
            "approve_by_congress": _("record the congress approval of"),
            "sign": _("sign"),
            "file": _("record the filing of"),
            "record_objection": _("record an objection to"),
            "enter_into_force": _("bring into force"),
            "publish": _("record the publication of"),
            "renew": _("renew"),
            "renew_expired": _("renew"),
            "terminate": _("terminate"),
        }

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_start_negotiation(self):
        self._workflow_check("start_negotiation")
        self._check_can_start_negotiation()
        self._workflow_apply("start_negotiation")
        return True

    def action_reset_to_draft(self):
        self._workflow_check("reset_to_draft")
        self._workflow_apply("reset_to_draft")
        return True

    def action_approve_by_congress(self):
        self._workflow_check("approve_by_congress")
        self._check_can_approve()
        self._workflow_apply("approve_by_congress")
        return True

    def action_sign(self):
        self._workflow_check("sign")
        self._check_representatives()
        self._do_sign()
        return True

    def action_file(self):
        self._workflow_check("file")
        self._check_can_file()
        self._do_file()
        return True

    def action_record_objection(self):
        self._workflow_check("record_objection")
        self._check_can_record_objection()
        self._do_record_objection()
        return True

    def action_enter_into_force(self):
        """Enter into force now, e.g. when the authority confirms before the
        end of its review window."""
        self._workflow_check("enter_into_force")
        self._check_can_enter_into_force()
        self._do_enter_into_force(fields.Date.context_today(self))
        return True

    def action_publish(self):
        self._workflow_check("publish")
        self.filtered(lambda c: not c.date_published)._workflow_apply(
            "publish", {"date_published": fields.Date.context_today(self)}
        )
        return True

    def action_renew(self):
        self.ensure_one()
        self._workflow_check(self._renewal_step())
        self._check_can_renew()
        return form_action(self._do_renew())

    def action_terminate(self):
        # only who may terminate gets the wizard
        self._workflow_check("terminate")
        return wizard_action(
            "union.collective.contract.terminate.wizard",
            _("Terminate Collective Contract"),
            context={"default_contract_ids": self.ids},
        )

    def terminate(self, date_terminated, reason):
        """Terminate the contracts on ``date_terminated`` for ``reason`` (the
        termination wizard's step)."""
        date_terminated = fields.Date.to_date(date_terminated)
        self._workflow_check("terminate")
        self._check_can_terminate(date_terminated, reason)
        self._workflow_apply("terminate", {
            "date_terminated": date_terminated,
            "termination_reason": reason,
        })
        return True

    def action_view_sessions(self):
        self.ensure_one()
        return related_action(self, "union.negotiation.session", "contract_id", _("Negotiation Sessions"))

    def action_view_performance(self):
        self.ensure_one()
        return related_action(self, "union.contract.performance", "contract_id", _("Performance Checks"))

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _check_can_start_negotiation(self):
        for contract in self:
            with domain_errors(self.env, ValidationError, labels=contract._contract_error_labels):
                collective.check_term(contract.date_start, contract.date_end)
        self._check_representatives()

    def _check_can_approve(self):
        for contract in self:
            if not contract.congress_date:
                raise UserError(_("Enter the date of the workers' congress."))
            with domain_errors(self.env, ValidationError, labels=contract._contract_error_labels):
                collective.check_congress_approval(
                    contract.congress_total, contract.congress_present, contract.congress_in_favour
                )

    def _check_can_file(self):
        for contract in self:
            if not contract.labour_authority_id:
                raise UserError(_("Enter the labour authority the contract was filed with."))

    def _check_can_record_objection(self):
        for contract in self:
            if not contract.objection_date or not contract.objection_note:
                raise UserError(
                    _("Enter the date and the content of the labour authority's objection.")
                )

    def _check_can_enter_into_force(self):
        for contract in self:
            if not contract.date_received:
                raise UserError(
                    _("Enter the day the labour authority received the contract.")
                )

    def _check_can_renew(self):
        if self.successor_id:
            raise UserError(
                _("This contract is already being renewed by %s.", self.successor_id.display_name)
            )

    def _check_can_terminate(self, date_terminated, reason):
        if not (reason or "").strip():
            raise UserError(_("Give the reason for terminating the contract."))
        for contract in self:
            if contract.date_signed and date_terminated < contract.date_signed:
                raise UserError(_("%s cannot end before it was signed.", contract.display_name))

    def _check_representatives(self):
        for contract in self:
            counts, chiefs = contract._representative_tally()
            with domain_errors(self.env, ValidationError, labels=contract._contract_error_labels):
                collective.check_representatives(counts, chiefs)

    def _representative_tally(self):
        self.ensure_one()
        counts = dict.fromkeys(collective.Side, 0)
        chiefs = dict.fromkeys(collective.Side, 0)
        for representative in self.representative_ids.filtered(lambda r: not r.date_left):
            side = collective.Side(representative.side)
            counts[side] += 1
            chiefs[side] += representative.is_chief
        return counts, chiefs

    def _close_filled_vacancies(self):
        for contract in self:
            counts, chiefs = contract._representative_tally()
            sides = collective.Side
            if counts[sides.UNION] == counts[sides.EMPLOYER] and set(chiefs.values()) == {1}:
                contract.activity_feedback([ACTIVITY_VACANCY])

    def _do_sign(self):
        self._apply_dated_step("sign", "date_signed")
        for contract in self:
            contract._schedule_deadline(
                ACTIVITY_FILING,
                contract.filing_due_date,
                _("File the signed contract with the labour authority"),
            )

    def _do_file(self):
        self._apply_dated_step("file", "date_filed")

    def _apply_dated_step(self, name, date_field):
        """Take step ``name``, dating ``date_field`` today where the officer left
        it empty."""
        undated = self.filtered(lambda c: not c[date_field])
        undated._workflow_apply(name, {date_field: fields.Date.context_today(self)})
        (self - undated)._workflow_apply(name)

    def _schedule_deadline(self, activity_type, deadline, summary, record=None):
        """Schedule a deadline of the contract's procedure on ``record`` (the
        contract itself by default), for the contract's responsible officer, or
        for who took the step when it has none."""
        self.ensure_one()
        return (record or self).activity_schedule(
            activity_type,
            date_deadline=deadline,
            summary=summary,
            user_id=(self.user_id or self.env.user).id,
        )

    def _do_record_objection(self):
        for contract in self:
            contract.message_post(
                body=_(
                    "The labour authority objected on %(date)s: %(objection)s",
                    date=fields.Date.to_string(contract.objection_date),
                    objection=contract.objection_note,
                )
            )
        self._workflow_apply("record_objection", {
            "date_signed": False,
            "date_filed": False,
            "date_received": False,
            "objection_date": False,
            "objection_note": False,
        })

    def _do_enter_into_force(self, date_in_force):
        self._workflow_apply("enter_into_force", {"date_in_force": date_in_force})
        # the renewal in force ends its predecessor, whoever brought it into force
        self.predecessor_id.filtered(
            lambda c: c.state in ("in_force", "expired")
        ).sudo()._workflow_apply("mark_renewed")

    def _do_renew(self):
        # the successor's link to this contract is a workflow field: the system creates it
        successor = self.sudo().copy(self._prepare_renewal_vals()).sudo(False)
        self._workflow_apply(self._renewal_step())
        return successor

    def _renewal_step(self):
        self.ensure_one()
        return "renew_expired" if self.state == "expired" else "renew"

    def _prepare_renewal_vals(self):
        self.ensure_one()
        vals = {
            "predecessor_id": self.id,
            "name": _("%s (renewal)", self.name),
            "representative_ids": [
                Command.create(representative._prepare_copy_vals())
                for representative in self.representative_ids.filtered(lambda r: not r.date_left)
            ],
        }
        if self.date_end:
            vals["date_start"] = fields.Date.add(self.date_end, days=1)
            vals["date_end"] = collective.default_expiry(vals["date_start"])
        return vals

    def _contract_error_labels(self, params):
        """What the user reads instead of the codes in the params of a broken
        contract rule: the side and the state of the contract."""
        labels = {}
        if "side" in params:
            labels["side"] = {"union": _("union"), "employer": _("employer")}[params["side"]]
        if "state" in params:
            states = dict(self._fields["state"]._description_selection(self.env))
            labels["state"] = states.get(params["state"], params["state"])
        return labels

    # ------------------------------------------------------------------
    # Scheduled actions
    # ------------------------------------------------------------------

    @api.model
    def _cron_process_deadlines(self):
        """Daily: contracts enter into force after the review window, expire,
        and the union is asked to start renewals."""
        today = fields.Date.context_today(self)
        self._enter_into_force_after_review(today)
        self._expire_contracts(today)
        self._remind_renewals(today)

    @api.model
    def _enter_into_force_after_review(self, today):
        contracts = self.search([
            ("state", "=", "filed"),
            ("in_force_date", "<=", today),
            ("objection_date", "=", False),
        ])
        for in_force_date, batch in contracts.grouped("in_force_date").items():
            batch._do_enter_into_force(in_force_date)

    @api.model
    def _expire_contracts(self, today):
        self.search([("state", "=", "in_force"), ("date_end", "<", today)])._workflow_apply("expire")

    @api.model
    def _remind_renewals(self, today):
        contracts = self.search([
            ("state", "=", "in_force"),
            ("renewal_start_date", "<=", today),
            ("renewal_reminder_sent", "=", False),
            ("successor_ids", "=", False),
        ])
        for contract in contracts:
            contract._schedule_deadline(
                ACTIVITY_RENEWAL,
                contract.date_end,
                _("Start negotiating the renewal of this collective contract"),
            )
        contracts.renewal_reminder_sent = True
