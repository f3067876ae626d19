from collections import Counter

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from ..models.union_relief_grant import FILED_STATES
from ..models.union_relief_messages import domain_error_message
from ..union_relief import relief
from ..union_relief.errors import DomainError

# The preview lists this many grants and exclusions by name; the counts cover them all.
PREVIEW_NAMES = 200
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


class UnionReliefBatchWizard(models.TransientModel):
    _name = "union.relief.batch.wizard"
    _description = "Relief Batch Run"

    # === Selection fields === #
    programme_id = fields.Many2one(
        comodel_name="union.relief.programme",
        required=True,
        domain="[('state', '=', 'open')]",
    )
    company_id = fields.Many2one(related="programme_id.company_id")
    currency_id = fields.Many2one(related="programme_id.currency_id")
    period = fields.Char(
        required=True,
        compute="_compute_period",
        store=True,
        readonly=False,
        precompute=True,
        help="Month (2026-11) for monthly programmes, year (2026) or month otherwise.",
    )
    organization_ids = fields.Many2many(
        comodel_name="union.organization",
        string="Organisations",
        # all the user's organisations: a run or a ledger misses none of their households
        default=lambda self: self.env.user._union_default_organizations(),
        help="Households of these organisations and their sub-organisations; empty: all "
        "the organisations you see.",
    )
    include_deep = fields.Boolean(string="Deep Hardship", default=True)
    include_relative = fields.Boolean(string="Relative Hardship", default=True)
    include_sudden = fields.Boolean(string="Sudden Hardship", default=True)
    include_under_review = fields.Boolean(
        string="Files Under Annual Review",
        default=True,
        help="Filed households whose annual review is open are still filed.",
    )

    # === Preview fields === #
    candidate_count = fields.Integer(string="Households Selected", compute="_compute_preview")
    planned_count = fields.Integer(string="Grants to Create", compute="_compute_preview")
    planned_total = fields.Monetary(string="Total", compute="_compute_preview")
    excluded_count = fields.Integer(string="Excluded", compute="_compute_preview")
    excluded_summary = fields.Text(string="Excluded and Why", compute="_compute_preview")
    planned_lines = fields.Html(
        string="Households Paid",
        compute="_compute_preview",
        help="The grants the run creates: household, worker, organisation and amount.",
    )
    missing_bank_account_count = fields.Integer(
        string="Payees without a Bank Account",
        compute="_compute_preview",
    )
    missing_bank_account_note = fields.Text(
        string="Payees without a Bank Account on their File",
        compute="_compute_preview",
        help="Households the run pays whose hardship file has no payment bank account: the "
        "bank transfer list leaves their bank and account blank.",
    )

    @api.depends("programme_id")
    def _compute_period(self):
        for wizard in self.filtered("programme_id"):
            wizard.period = relief.default_period(
                wizard.programme_id.recurrence,
                wizard.programme_id.fiscal_year,
                fields.Date.context_today(wizard),
            )

    @api.depends(
        "programme_id", "period", "organization_ids", "include_deep", "include_relative",
        "include_sudden", "include_under_review",
    )
    def _compute_preview(self):
        for wizard in self:
            wizard.candidate_count = wizard.planned_count = wizard.excluded_count = 0
            wizard.planned_total = 0.0
            wizard.excluded_summary = wizard.planned_lines = False
            wizard.missing_bank_account_count = 0
            wizard.missing_bank_account_note = False
            if not (wizard.programme_id and wizard.period):
                continue
            try:
                files, plan = wizard._plan()
            except UserError as error:
                wizard.excluded_summary = error.args[0]
                continue
            wizard.candidate_count = len(files)
            wizard.planned_count = len(plan.planned)
            wizard.planned_total = float(plan.total)
            wizard.excluded_count = len(plan.excluded)
            wizard.excluded_summary = wizard._excluded_text(files, plan) or False
            wizard.planned_lines = wizard._planned_lines_html(files, plan)
            unpaid = wizard._planned_without_bank_account(files, plan)
            wizard.missing_bank_account_count = len(unpaid)
            wizard.missing_bank_account_note = "\n".join(
                file.display_name for file in unpaid[:PREVIEW_NAMES]
            ) or False

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_create_grants(self):
        self.ensure_one()
        files, plan = self._plan(create_contacts=True)
        if not plan.planned:
            raise UserError(_(
                "The run creates no grant: every selected household is excluded or "
                "already has a grant for %s.", self.period,
            ))
        batch = self.env["union.relief.batch"].create(self._prepare_batch_vals(files, plan))
        self._create_grants(files, plan, batch)
        return {
            "type": "ir.actions.act_window",
            "res_model": "union.relief.batch",
            "view_mode": "form",
            "res_id": batch.id,
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _selected_categories(self):
        return [
            category
            for category, included in (
                ("deep", self.include_deep),
                ("relative", self.include_relative),
                ("sudden", self.include_sudden),
            )
            if included
        ]

    def _file_domain(self):
        states = FILED_STATES if self.include_under_review else ("filed",)
        domain = [
            ("state", "in", states),
            ("category", "in", self._selected_categories()),
            ("company_id", "=", self.programme_id.company_id.id),
        ]
        if self.organization_ids:
            domain.append(("organization_id", "child_of", self.organization_ids.ids))
        return domain

    def _plan(self, create_contacts=False):
        """The files selected and the core's plan for them."""
        programme = self.programme_id
        try:
            period = relief.check_period(self.period, programme.fiscal_year, programme.recurrence)
        except DomainError as error:
            raise UserError(domain_error_message(self.env, error)) from None
        files = self.env["union.hardship.file"].search(self._file_domain(), order="id")
        files_sudo = files.sudo()
        if create_contacts:
            files_sudo.employee_id.filtered(lambda e: not e.work_contact_id)._create_work_contacts()
        granted = self.env["union.relief.grant"].sudo()._read_group(
            [
                ("programme_id", "=", programme.id),
                ("period", "=", period),
                ("state", "!=", "cancelled"),
            ],
            ["partner_id"],
        )
        already = {partner.id for (partner,) in granted}
        year_totals = {
            partner_id: amount
            for (_programme_id, partner_id), amount in self.env["union.relief.grant"]
            ._year_totals_for(programme, files_sudo.employee_id.work_contact_id).items()
        }
        on_date = (
            relief.period_start(period)
            if programme.recurrence == "monthly"
            else fields.Date.context_today(self)
        )
        candidates = [
            relief.Candidate(
                key=file.id,
                payee=file.employee_id.work_contact_id.id or None,
                beneficiary=relief.Beneficiary(
                    filed=file.state in FILED_STATES,
                    category=file.category or None,
                    cause=file.main_cause_id.id or None,
                    subclass=file.subclass_id.id or None,
                    household_size=file.household_size or 1,
                ),
            )
            for file in files_sudo
        ]
        committed = programme._committed_by_programme().get(programme, 0.0)
        plan = relief.plan_batch(
            candidates,
            programme._core_standards(),
            on_date,
            already_granted=already,
            year_totals=year_totals,
            budget_remaining=relief.remaining_budget(
                relief.money(programme.budget), relief.money(committed)
            ),
        )
        return files, plan

    def _excluded_text(self, files, plan):
        names = {file.id: file.display_name for file in files}
        labels = self._exclusion_labels()
        counts = Counter(excluded.code for excluded in plan.excluded)
        lines = ["%s: %s" % (labels[code], count) for code, count in sorted(counts.items())]
        lines += [
            "%s — %s" % (names[excluded.key], self._exclusion_message(excluded))
            for excluded in plan.excluded[:PREVIEW_NAMES]
        ]
        return "\n".join(lines)

    def _planned_lines_html(self, files, plan):
        """The grants of the plan as a table: the preview shows who is paid, not
        only who is left out. The files are read as the system (the plan was made
        from them): the officer sees the worker, and of the bank account the bank
        and the last digits only."""
        if not plan.planned:
            return False
        files_by_id = {file.id: file for file in files.sudo()}
        currency = self.programme_id.currency_id
        head = Markup("").join(
            Markup('<th class="%s">%s</th>') % (css, label)
            for css, label in (
                ("", _("File Number")),
                ("", _("Worker")),
                ("", _("Union Organisation")),
                ("text-end", _("Household Size")),
                ("text-end", _("Amount")),
                ("", _("Payment Bank Account")),
            )
        )
        rows = []
        for planned in plan.planned[:PREVIEW_NAMES]:
            file = files_by_id[planned.key]
            account = file.bank_account_id
            rows.append(Markup(
                '<tr class="%s"><td>%s</td><td>%s</td><td>%s</td>'
                '<td class="text-end">%s</td><td class="text-end">%s</td><td>%s</td></tr>'
            ) % (
                "" if account else "table-warning",
                file.name,
                file.employee_id.name,
                file.organization_id.display_name,
                file.household_size or 1,
                format_amount(self.env, float(planned.amount), currency),
                self._account_label(account) if account else _("None"),
            ))
        if len(plan.planned) > PREVIEW_NAMES:
            rows.append(Markup('<tr><td colspan="6" class="text-muted">%s</td></tr>') % _(
                "… and %s more households.", len(plan.planned) - PREVIEW_NAMES
            ))
        return Markup(
            '<table class="table table-sm o_union_batch_preview"><thead><tr>%s</tr></thead>'
            "<tbody>%s</tbody></table>"
        ) % (head, Markup("").join(rows))

    @staticmethod
    def _account_label(account):
        """The bank and the last digits of the account: enough to check it, not to
        copy it."""
        digits = "".join(char for char in account.acc_number or "" if char.isalnum())
        return " ".join(filter(None, [account.bank_id.name, "…" + digits[-4:]]))

    def _planned_without_bank_account(self, files, plan):
        """The files of the plan's grants that have no payment bank account."""
        planned = {line.key for line in plan.planned}
        return files.sudo().filtered(lambda f: f.id in planned and not f.bank_account_id)

    def _exclusion_labels(self):
        return {
            "not_filed": _("Not filed"),
            "no_payee": _("No contact to pay"),
            "already_granted": _("Already granted for the period"),
            "no_standard": _("No standard applies"),
            "cost_below_deductible": _("Cost below the deductible"),
            "household_cap_reached": _("Yearly cap reached"),
            "over_budget": _("Over budget"),
        }

    def _exclusion_message(self, excluded):
        if excluded.code == "over_budget":
            return _(
                "Over budget: %(remaining)s left, %(amount)s needed.",
                remaining=excluded.params["remaining"],
                amount=excluded.params["amount"],
            )
        return domain_error_message(self.env, DomainError(excluded.code, **excluded.params))

    def _prepare_batch_vals(self, files, plan):
        return {
            "programme_id": self.programme_id.id,
            "period": relief.check_period(
                self.period, self.programme_id.fiscal_year, self.programme_id.recurrence
            ),
            "organization_ids": [fields.Command.set(self.organization_ids.ids)],
            "household_organization_ids": [
                fields.Command.set(files.sudo().organization_id.ids)
            ],
            "excluded_note": self._excluded_text(files, plan) or False,
        }

    def _create_grants(self, files, plan, batch):
        """Create the planned grants with the amounts the plan computed.

        The plan applied the programme's standards to every household with the
        same core as the grant's own compute; passing its amounts spares Odoo a
        draft record and a second computation per grant. Only the superuser may
        pass them (see the grant's ``create``), so the grants are created as
        superuser once the user's own rights to create them are checked.
        """
        Grant = self.env["union.relief.grant"]
        Grant.check_access("create")
        self._check_companies(files)
        grants = Grant.sudo().with_context(**QUIET, union_relief_companies_checked=True).create(
            self._prepare_grant_vals_list(files, plan, batch)
        )
        grants.sudo(False).check_access("create")
        return grants

    def _check_companies(self, files):
        """The households, their workers and organisations belong to the
        programme's company: the grants' company check, done once for the run."""
        files = files.sudo()
        company = self.programme_id.company_id
        foreign = (
            files.company_id | files.employee_id.company_id | files.organization_id.company_id
        ) - company
        if foreign:
            raise UserError(_(
                "%(programme)s belongs to %(company)s: households of %(others)s cannot "
                "receive its relief.",
                programme=self.programme_id.display_name,
                company=company.name,
                others=", ".join(foreign.mapped("name")),
            ))

    def _prepare_grant_vals_list(self, files, plan, batch):
        files_by_id = {file.id: file for file in files.sudo()}
        periodic = self.programme_id.recurrence == "monthly"
        return [
            {
                "programme_id": self.programme_id.id,
                "batch_id": batch.id,
                "period": batch.period,
                "beneficiary_type": "file",
                "file_id": planned.key,
                "employee_id": files_by_id[planned.key].employee_id.id,
                "partner_id": planned.payee,
                "organization_id": files_by_id[planned.key].organization_id.id,
                "aid_kind": "cash",
                "periodic": periodic,
                "standard_id": planned.standard_id,
                "computed_amount": float(planned.amount),
                "amount_note": False,
                "amount": float(planned.amount),
            }
            for planned in plan.planned
        ]
