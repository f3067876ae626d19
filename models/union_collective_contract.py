from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..union_relief import collective

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


class UnionCollectiveContract(models.Model):
    _name = "union.collective.contract"
    _description = "Collective Contract"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

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
        help="Employers bound by a sector or regional contract.",
    )
    workers_covered = fields.Integer(
        tracking=True,
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
    )
    congress_total = fields.Integer(
        string="Congress Representatives",
        copy=False,
        help="All representatives of the workers' congress.",
    )
    congress_present = fields.Integer(
        string="Present",
        copy=False,
    )
    congress_in_favour = fields.Integer(
        string="In Favour",
        copy=False,
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
    )
    predecessor_id = fields.Many2one(
        comodel_name="union.collective.contract",
        string="Renews",
        copy=False,
        readonly=True,
        index=True,
        check_company=True,
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
                contract.congress_vote_message = contract._contract_error_message(error)
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
        today = fields.Date.context_today(self)
        for contract in self:
            contract.filing_overdue = collective.is_overdue(
                contract.filing_due_date, contract.date_filed, today
            )

    def _search_filing_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Filter on overdue filings with = or != and a yes/no value."))
        overdue = [
            ("filing_due_date", "<", fields.Date.context_today(self)),
            ("date_filed", "=", False),
        ]
        if (operator == "=") == value:
            return overdue
        return ["!", "&", *overdue]

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
        for contract in self:
            counts, _chiefs = contract._representative_tally()
            contract.union_representative_count = counts[collective.Side.UNION]
            contract.employer_representative_count = counts[collective.Side.EMPLOYER]

    def _compute_session_count(self):
        counts = dict(
            self.env["union.negotiation.session"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
            )
        )
        for contract in self:
            contract.session_count = counts.get(contract, 0)

    def _compute_performance_count(self):
        counts = dict(
            self.env["union.contract.performance"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
            )
        )
        for contract in self:
            contract.performance_count = counts.get(contract, 0)

    # ------------------------------------------------------------------
    # Constraints and onchanges
    # ------------------------------------------------------------------

    @api.constrains("date_start", "date_end")
    def _check_term(self):
        for contract in self.filtered(lambda c: c.date_start or c.date_end):
            contract._raise_if_contract_error(
                collective.check_term, contract.date_start, contract.date_end
            )

    @api.constrains("date_signed", "date_filed", "date_received")
    def _check_filing_dates(self):
        for contract in self.filtered("date_filed"):
            if not contract.date_signed:
                raise ValidationError(_("Enter the signing date before the filing date."))
            contract._raise_if_contract_error(
                collective.check_filing,
                contract.date_signed,
                contract.date_filed,
                contract.date_received,
            )

    @api.constrains("workers_covered")
    def _check_workers_covered(self):
        if any(contract.workers_covered < 0 for contract in self):
            raise ValidationError(_("The number of workers covered cannot be negative."))

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
    # ORM overrides
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("reference", _("New")) == _("New"):
                vals["reference"] = self.env["ir.sequence"].next_by_code(
                    "union.collective.contract"
                ) or _("New")
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft(self):
        if any(contract.state != "draft" for contract in self):
            raise UserError(
                _("Only draft collective contracts can be deleted; terminate the others.")
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_start_negotiation(self):
        self._check_can_start_negotiation()
        self.state = "negotiating"

    def action_approve_by_congress(self):
        self._check_can_approve()
        self.state = "approved"

    def action_sign(self):
        self._check_state("approved")
        self._check_representatives()
        self._do_sign()

    def action_file(self):
        self._check_can_file()
        self._do_file()

    def action_record_objection(self):
        self._check_state("filed")
        for contract in self:
            if not contract.objection_date or not contract.objection_note:
                raise UserError(
                    _("Enter the date and the content of the labour authority's objection.")
                )
        for contract in self:
            contract.message_post(
                body=_(
                    "The labour authority objected on %(date)s: %(objection)s",
                    date=fields.Date.to_string(contract.objection_date),
                    objection=contract.objection_note,
                )
            )
        # the objection ends this filing: negotiate again, then sign and file anew
        self.write({
            "state": "negotiating",
            "date_signed": False,
            "date_filed": False,
            "date_received": False,
            "objection_date": False,
            "objection_note": False,
        })

    def action_enter_into_force(self):
        """Enter into force now, e.g. when the authority confirms before the
        end of its review window."""
        self._check_state("filed")
        for contract in self:
            if not contract.date_received:
                raise UserError(
                    _("Enter the day the labour authority received the contract.")
                )
        self._do_enter_into_force(fields.Date.context_today(self))

    def action_publish(self):
        self._check_state("in_force")
        for contract in self:
            contract.date_published = contract.date_published or fields.Date.context_today(self)

    def action_renew(self):
        self.ensure_one()
        self._check_state("in_force", "expired")
        if self.successor_id:
            raise UserError(_("This contract is already being renewed by %s.", self.successor_id.display_name))
        successor = self.copy(self._prepare_renewal_vals())
        self.activity_feedback(["union_relief.mail_activity_type_contract_renewal"])
        return successor._get_form_action()

    def action_terminate(self):
        self._check_state("in_force", "signed", "filed")
        return {
            "type": "ir.actions.act_window",
            "name": _("Terminate Collective Contract"),
            "res_model": "union.collective.contract.terminate",
            "view_mode": "form",
            "target": "new",
            "context": {"default_contract_ids": self.ids},
        }

    def action_reset_to_draft(self):
        self._check_state("negotiating")
        self.state = "draft"

    def action_view_sessions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Negotiation Sessions"),
            "res_model": "union.negotiation.session",
            "view_mode": "list,form",
            "domain": [("contract_id", "=", self.id)],
            "context": {"default_contract_id": self.id},
        }

    def action_view_performance(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Performance Checks"),
            "res_model": "union.contract.performance",
            "view_mode": "list,form",
            "domain": [("contract_id", "=", self.id)],
            "context": {"default_contract_id": self.id},
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _get_form_action(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
        }

    def _check_state(self, *states):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for contract in self:
            if contract.state not in states:
                raise UserError(
                    _(
                        "%(contract)s is %(state)s; this step needs a contract that is %(expected)s.",
                        contract=contract.display_name,
                        state=labels[contract.state],
                        expected=_(" or ").join(labels[state] for state in states),
                    )
                )

    def _check_can_start_negotiation(self):
        self._check_state("draft")
        for contract in self:
            contract._raise_if_contract_error(
                collective.check_term, contract.date_start, contract.date_end
            )
        self._check_representatives()

    def _check_can_approve(self):
        self._check_state("negotiating")
        for contract in self:
            if not contract.congress_date:
                raise UserError(_("Enter the date of the workers' congress."))
            contract._raise_if_contract_error(
                collective.check_congress_approval,
                contract.congress_total,
                contract.congress_present,
                contract.congress_in_favour,
            )

    def _check_can_file(self):
        self._check_state("signed")
        for contract in self:
            if not contract.labour_authority_id:
                raise UserError(_("Enter the labour authority the contract was filed with."))

    def _check_representatives(self):
        for contract in self:
            counts, chiefs = contract._representative_tally()
            contract._raise_if_contract_error(collective.check_representatives, counts, chiefs)

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
                contract.activity_feedback(["union_relief.mail_activity_type_contract_vacancy"])

    def _do_sign(self):
        today = fields.Date.context_today(self)
        for contract in self:
            contract.write({"state": "signed", "date_signed": contract.date_signed or today})
            contract.activity_schedule(
                "union_relief.mail_activity_type_contract_filing",
                date_deadline=contract.filing_due_date,
                summary=_("File the signed contract with the labour authority"),
                user_id=(contract.user_id or self.env.user).id,
            )

    def _do_file(self):
        today = fields.Date.context_today(self)
        for contract in self:
            contract.write({"state": "filed", "date_filed": contract.date_filed or today})
        self.activity_feedback(["union_relief.mail_activity_type_contract_filing"])

    def _do_enter_into_force(self, date_in_force):
        self.write({"state": "in_force", "date_in_force": date_in_force})
        predecessors = self.predecessor_id.filtered(
            lambda c: c.state in ("in_force", "expired")
        )
        predecessors.state = "renewed"

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

    def _raise_if_contract_error(self, rule, *args):
        try:
            return rule(*args)
        except collective.ContractError as error:
            raise ValidationError(self._contract_error_message(error)) from error

    def _contract_error_message(self, error):
        """The translated message of a :class:`collective.ContractError`."""
        params = dict(error.params)
        if "side" in params:
            params["side"] = {"union": _("union"), "employer": _("employer")}[params["side"]]
        if "state" in params:
            params["state"] = dict(self._fields["state"]._description_selection(self.env)).get(
                params["state"], params["state"]
            )
        for key, value in params.items():
            if hasattr(value, "isoformat"):
                params[key] = fields.Date.to_string(value)
        template = self._contract_error_templates().get(error.code)
        return template % params if template else str(error)

    def _contract_error_templates(self):
        """Translated templates of the codes of :data:`collective.MESSAGES`."""
        return {
            "term_dates_missing": _("Enter both the start date and the expiry date of the term."),
            "term_end_before_start": _(
                "The expiry date %(date_end)s must be after the start date %(date_start)s."
            ),
            "term_too_short": _(
                "The term of a collective contract is at least %(min_years)s year: from "
                "%(date_start)s it cannot expire before %(earliest)s."
            ),
            "term_too_long": _(
                "The term of a collective contract is at most %(max_years)s years: from "
                "%(date_start)s it must expire by %(latest)s."
            ),
            "representatives_too_few": _(
                "Each side needs at least %(minimum)s representatives; the %(side)s side has "
                "%(count)s."
            ),
            "representatives_too_many": _(
                "Each side may have at most %(maximum)s representatives; the %(side)s side has "
                "%(count)s."
            ),
            "representatives_unequal": _(
                "Both sides need the same number of representatives: the union side has "
                "%(union_count)s and the employer side %(employer_count)s."
            ),
            "chief_count": _(
                "The %(side)s side needs exactly one chief representative; it has %(count)s."
            ),
            "vote_total": _(
                "The workers' congress must have at least one representative (got %(total)s)."
            ),
            "vote_present_exceeds_total": _(
                "%(present)s representatives present is more than the %(total)s "
                "representatives of the congress."
            ),
            "vote_in_favour_exceeds_present": _(
                "%(in_favour)s votes in favour is more than the %(present)s representatives "
                "present."
            ),
            "vote_negative": _("The vote counts cannot be negative."),
            "vote_no_quorum": _(
                "Only %(present)s of %(total)s representatives were present; the workers' "
                "congress needs at least two thirds (%(required)s) to vote."
            ),
            "vote_no_majority": _(
                "Only %(in_favour)s of %(total)s representatives voted in favour; approval "
                "needs more than half of all representatives (%(required)s)."
            ),
            "filing_before_signing": _(
                "The filing date %(date_filed)s is before the signing date %(date_signed)s."
            ),
            "receipt_before_filing": _(
                "The labour authority cannot receive the contract (%(date_received)s) before "
                "it was filed (%(date_filed)s)."
            ),
            "performance_not_in_force": _(
                "A performance check needs a contract in force; this contract is %(state)s."
            ),
            "negative_count": _("The count %(name)s cannot be negative (got %(value)s)."),
            "count_exceeds_total": _(
                "%(part)s %(part_name)s cannot be more than %(total)s %(total_name)s."
            ),
        }

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
        self.search([("state", "=", "in_force"), ("date_end", "<", today)]).state = "expired"

    @api.model
    def _remind_renewals(self, today):
        contracts = self.search([
            ("state", "=", "in_force"),
            ("renewal_start_date", "<=", today),
            ("renewal_reminder_sent", "=", False),
            ("successor_ids", "=", False),
        ])
        for contract in contracts:
            contract.activity_schedule(
                "union_relief.mail_activity_type_contract_renewal",
                date_deadline=contract.date_end,
                summary=_("Start negotiating the renewal of this collective contract"),
                user_id=(contract.user_id or self.env.user).id,
            )
        contracts.renewal_reminder_sent = True
