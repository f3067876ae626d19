import base64
from collections import Counter

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from ..models.union_hardship_file import FILED_STATES
from ..union_relief import bounds, relief
from ..union_relief.bounds import has_control_characters
from ..union_relief.donation import cell_text, parse_amount
from ..union_relief.errors import DomainError
from ..union_relief.money import money
from ..utils.actions import form_action
from ..utils.groups import MANAGER
from ..utils.messages import domain_errors, domain_message
from ..utils.records import QUIET
from ..utils.statistics import refresh_planner_statistics
from ..utils.xlsx import header_rows, read_table, safe_filename, table_workbook

# The preview lists this many grants and exclusions by name; the counts cover them all.
PREVIEW_NAMES = 200
# Column titles of an imported list (doc/domain.md §4), in English and Chinese:
# the worker's badge ID or name, and an optional amount.
IMPORT_HEADERS = {
    "worker": (
        "worker", "employee", "badge id", "badge", "name",
        "职工", "员工", "工号", "工牌号", "员工编号", "姓名",
    ),
    "amount": ("amount", "金额", "补助金额", "慰问金额"),
}
# What a change of these fields makes stale: the preview is cleared, not recomputed.
SELECTION_FIELDS = (
    "programme_id", "period", "organization_ids", "beneficiary_source", "aid_kind",
    "goods_line_ids.product_id", "goods_line_ids.quantity", "goods_line_ids.unit_value",
    "include_deep", "include_relative", "include_sudden", "include_under_review",
    "department_ids", "retired_filter", "file_filter", "data_file",
)


class Recipients:
    """Who a run considers, read as the system: filed households (keys
    ``("file", id)``) and then workers without a filed file (keys
    ``("employee", id)``), so that a budget runs out for the households last;
    with the amounts an imported list sets, by key, and the lines it got wrong."""

    def __init__(self, files, employees, amounts=None, errors=()):
        self.files = files.sudo()
        self.employees = employees.sudo()
        self.amounts = amounts or {}
        self.errors = list(errors)
        self.records = {("file", file.id): file for file in self.files}
        self.records.update({("employee", employee.id): employee for employee in self.employees})

    def __len__(self):
        return len(self.records)

    def worker(self, key):
        record = self.records[key]
        return record.employee_id if key[0] == "file" else record

    def file(self, key):
        return self.records[key] if key[0] == "file" else self.files.browse()

    def organization(self, key, programme):
        """The grant's organisation, as the grant computes it."""
        record = self.records[key]
        if key[0] == "file":
            return record.organization_id
        return record.union_organization_id or programme.organization_id

    def workers(self):
        return self.files.employee_id | self.employees

    def name(self, key):
        record = self.records[key]
        return record.display_name if key[0] == "file" else record.name


class UnionReliefBatchWizard(models.TransientModel):
    _name = "union.relief.batch.wizard"
    _inherit = "union.xlsx.export.mixin"
    _description = "Relief Batch Run"

    # === Selection fields === #
    programme_id = fields.Many2one(
        comodel_name="union.relief.programme",
        required=True,
        domain="[('state', '=', 'open')]",
    )
    company_id = fields.Many2one(related="programme_id.company_id")
    currency_id = fields.Many2one(related="programme_id.currency_id")
    open_to_all = fields.Boolean(related="programme_id.open_to_all")
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
        help="Households and workers of these organisations and their sub-organisations; "
        "empty: all the organisations you see.",
    )
    beneficiary_source = fields.Selection(
        selection=[
            ("files", "Filed households"),
            ("employees", "Workers"),
            ("import", "Imported list"),
        ],
        string="Beneficiaries",
        required=True,
        default="files",
        help="Filed households: the hardship files of the categories chosen. Workers: the "
        "workers of the organisations and departments chosen, retired or not. Imported "
        "list: the workers of an XLSX list. A worker whose household is filed receives the "
        "grant as that household; the others need a programme open to all workers.",
    )
    aid_kind = fields.Selection(
        selection=[
            ("cash", "Cash"),
            ("in_kind", "In kind"),
        ],
        string="Form of Aid",
        compute="_compute_aid_kind",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        help="Cash: the standards give each amount, paid to each beneficiary. In kind: "
        "every beneficiary receives the goods listed, booked against the programme's "
        "in-kind goods account.",
    )
    goods_line_ids = fields.One2many(
        comodel_name="union.relief.batch.wizard.goods",
        inverse_name="wizard_id",
        string="Goods per Recipient",
        help="The goods every beneficiary receives (1 quilt and 1 bag of rice); each grant "
        "gets these lines and is worth their total.",
    )

    # === Filed households === #
    include_deep = fields.Boolean(string="Deep Hardship", default=True)
    include_relative = fields.Boolean(string="Relative Hardship", default=True)
    include_sudden = fields.Boolean(string="Sudden Hardship", default=True)
    include_under_review = fields.Boolean(
        string="Files Under Annual Review",
        default=True,
        help="Filed households whose annual review is open are still filed.",
    )

    # === Workers === #
    department_ids = fields.Many2many(
        comodel_name="hr.department",
        string="Departments",
        help="Workers of these departments and their sub-departments; empty: every department.",
    )
    retired_filter = fields.Selection(
        selection=[
            ("all", "Retired or not"),
            ("retired", "Retired workers only"),
            ("working", "Workers not retired"),
        ],
        string="Retired Workers",
        required=True,
        default="all",
    )
    file_filter = fields.Selection(
        selection=[
            ("all", "With or without a filed household"),
            ("with", "With a filed household"),
            ("without", "Without a filed household"),
        ],
        string="Hardship Files",
        required=True,
        default="all",
        help="A worker whose household is filed receives the grant as that household "
        "(once per period and the yearly caps count for the household).",
    )

    # === Imported list === #
    data_file = fields.Binary(
        string="List of Recipients",
        attachment=False,
        help="An XLSX sheet with a header row and one line per worker: a Worker column "
        "(工号 or 姓名: the badge ID, or the name when it is unique) and an optional Amount "
        "column (金额) that replaces the standard's amount, with the reason \"Imported "
        "list\". Every wrong line is listed and nothing is created until all are right.",
    )
    filename = fields.Char()

    # === Preview fields: filled by the Preview button, cleared by any change === #
    previewed = fields.Boolean(compute="_compute_preview", store=True, readonly=False)
    candidate_count = fields.Integer(
        string="Beneficiaries Selected", compute="_compute_preview", store=True, readonly=False,
    )
    planned_count = fields.Integer(
        string="Grants to Create", compute="_compute_preview", store=True, readonly=False,
    )
    planned_total = fields.Monetary(
        string="Total", compute="_compute_preview", store=True, readonly=False,
    )
    excluded_count = fields.Integer(
        string="Excluded", compute="_compute_preview", store=True, readonly=False,
    )
    excluded_summary = fields.Text(
        string="Excluded and Why", compute="_compute_preview", store=True, readonly=False,
    )
    planned_lines = fields.Html(
        string="Beneficiaries Paid",
        compute="_compute_preview",
        store=True,
        readonly=False,
        help="The grants the run creates: household, worker, organisation and amount.",
    )
    missing_bank_account_count = fields.Integer(
        string="Payees without a Bank Account",
        compute="_compute_preview",
        store=True,
        readonly=False,
    )
    missing_bank_account_note = fields.Text(
        string="Payees without a Bank Account on their File",
        compute="_compute_preview",
        store=True,
        readonly=False,
        help="Beneficiaries the run pays whose hardship file has no payment bank account "
        "(or who have no file): the bank transfer list leaves their bank and account blank.",
    )
    import_errors = fields.Text(
        string="Lines to Correct",
        compute="_compute_preview",
        store=True,
        readonly=False,
        help="The lines of the imported list that are wrong: nothing is created until "
        "they are corrected.",
    )

    @api.depends("programme_id")
    def _compute_period(self):
        for wizard in self.filtered("programme_id"):
            wizard.period = relief.default_period(
                wizard.programme_id.recurrence,
                wizard.programme_id.fiscal_year,
                fields.Date.context_today(wizard),
            )

    @api.depends("programme_id")
    def _compute_aid_kind(self):
        for wizard in self:
            wizard.aid_kind = "in_kind" if wizard.programme_id.default_aid_kind == "in_kind" else "cash"

    @api.depends(*SELECTION_FIELDS)
    def _compute_preview(self):
        # Cheap on purpose: a change of the selection only clears the preview; the
        # plan (thousands of households) is made when the user asks for it.
        for wizard in self:
            wizard.update(wizard._empty_preview())

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_preview(self):
        self.ensure_one()
        self.write(self._preview_values())
        return self._reopen()

    def action_create_grants(self):
        self.ensure_one()
        # the plan is made again: the data may have changed since the preview
        recipients, plan = self._plan(create_contacts=True)
        if recipients.errors:
            raise UserError(_(
                "Nothing was created; correct these lines of the list and preview it again:\n%s",
                "\n".join(recipients.errors),
            ))
        if not plan.planned:
            raise UserError(_(
                "The run creates no grant: every selected beneficiary is excluded or "
                "already has a grant for %s.", self.period,
            ))
        batch = self.env["union.relief.batch"].create(self._prepare_batch_vals(recipients, plan))
        self._create_grants(recipients, plan, batch)
        return form_action(batch)

    def action_download_template(self):
        self.ensure_one()
        return self._action_download_xlsx()

    # ------------------------------------------------------------------
    # Preview
    # ------------------------------------------------------------------

    def _empty_preview(self):
        return {
            "previewed": False,
            "candidate_count": 0,
            "planned_count": 0,
            "planned_total": 0.0,
            "excluded_count": 0,
            "excluded_summary": False,
            "planned_lines": False,
            "missing_bank_account_count": 0,
            "missing_bank_account_note": False,
            "import_errors": False,
        }

    def _preview_values(self):
        """The preview of the run as it would be created now."""
        recipients, plan = self._plan()
        unpaid = self._planned_without_bank_account(recipients, plan)
        return {
            "previewed": True,
            "candidate_count": len(recipients),
            "planned_count": len(plan.planned),
            "planned_total": float(plan.total),
            "excluded_count": len(plan.excluded),
            "excluded_summary": self._excluded_text(recipients, plan) or False,
            "planned_lines": self._planned_lines_html(recipients, plan),
            "missing_bank_account_count": len(unpaid),
            "missing_bank_account_note": "\n".join(
                recipients.name(key) for key in unpaid[:PREVIEW_NAMES]
            ) or False,
            "import_errors": "\n".join(recipients.errors) or False,
        }

    def _reopen(self):
        return form_action(self, _("New Batch Run"), target="new")

    def _excluded_text(self, recipients, plan):
        labels = self._exclusion_labels()
        counts = Counter(excluded.code for excluded in plan.excluded)
        lines = ["%s: %s" % (labels[code], count) for code, count in sorted(counts.items())]
        lines += [
            "%s — %s" % (recipients.name(excluded.key), self._exclusion_message(excluded))
            for excluded in plan.excluded[:PREVIEW_NAMES]
        ]
        return "\n".join(lines)

    def _planned_lines_html(self, recipients, plan):
        """The grants of the plan as a table: the preview shows who is paid, not
        only who is left out. The files are read as the system (the plan was made
        from them): the officer sees the worker, and of the bank account the bank
        and the last digits only."""
        if not plan.planned:
            return False
        currency = self.programme_id.currency_id
        cash = self.aid_kind == "cash"
        columns = [
            ("", _("File Number")),
            ("", _("Worker")),
            ("", _("Union Organisation")),
            ("text-end", _("Household Size")),
            ("text-end", _("Amount")),
        ]
        if cash:
            columns.append(("", _("Payment Bank Account")))
        head = Markup("").join(
            Markup('<th class="%s">%s</th>') % (css, label) for css, label in columns
        )
        rows = []
        for planned in plan.planned[:PREVIEW_NAMES]:
            file = recipients.file(planned.key)
            cells = [
                Markup("<td>%s</td>") % (file.name or _("No file")),
                Markup("<td>%s</td>") % recipients.worker(planned.key).name,
                Markup("<td>%s</td>") % recipients.organization(
                    planned.key, self.programme_id
                ).display_name,
                Markup('<td class="text-end">%s</td>') % (file.household_size or 1),
                Markup('<td class="text-end">%s</td>') % format_amount(
                    self.env, float(planned.amount), currency
                ),
            ]
            account = file.bank_account_id
            if cash:
                cells.append(Markup("<td>%s</td>") % (
                    self._account_label(account) if account else _("None")
                ))
            rows.append(Markup('<tr class="%s">%s</tr>') % (
                "table-warning" if cash and not account else "", Markup("").join(cells),
            ))
        if len(plan.planned) > PREVIEW_NAMES:
            rows.append(Markup('<tr><td colspan="%s" class="text-muted">%s</td></tr>') % (
                len(columns),
                _("… and %s more beneficiaries.", len(plan.planned) - PREVIEW_NAMES),
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

    def _planned_without_bank_account(self, recipients, plan):
        """The keys of the plan's cash grants whose beneficiary has no payment bank
        account on a hardship file (the bank transfer list reads it there)."""
        if self.aid_kind != "cash":
            return []
        return [
            line.key for line in plan.planned
            if not recipients.file(line.key).bank_account_id
        ]

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
        return domain_message(self.env, excluded)

    # ------------------------------------------------------------------
    # Who the run considers
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

    def _employee_scope_domain(self):
        """The workers the user may run relief for: those of the programme's
        company in the organisations chosen, within the user's own organisations
        unless the user is a relief manager (who sees the whole company, as the
        record rules of the grants say). Workers are searched as the system: the
        scope is this domain."""
        domain = [("company_id", "=", self.programme_id.company_id.id)]
        if self.organization_ids:
            domain.append(("union_organization_id", "child_of", self.organization_ids.ids))
        if not self.env.user.has_group(MANAGER):
            domain.append(
                ("union_organization_id", "child_of", self.env.user.union_organization_ids.ids)
            )
        return domain

    def _employee_domain(self):
        domain = self._employee_scope_domain()
        if self.department_ids:
            domain.append(("department_id", "child_of", self.department_ids.ids))
        if self.retired_filter != "all":
            domain.append(("union_retired", "=", self.retired_filter == "retired"))
        return domain

    def _filed_files_of(self, employees):
        """{employee: filed hardship file} among the files the user reads: the
        household the worker's grant goes to."""
        if not employees:
            return {}
        files = self.env["union.hardship.file"].search([
            ("employee_id", "in", employees.ids),
            ("state", "in", FILED_STATES),
            ("company_id", "=", self.programme_id.company_id.id),
        ], order="id desc")
        # one household, one open file; the oldest wins if the data says otherwise
        return {file.employee_id: file for file in files.sudo()}

    def _recipients(self):
        if self.beneficiary_source == "employees":
            return self._employee_recipients()
        if self.beneficiary_source == "import":
            return self._imported_recipients()
        files = self.env["union.hardship.file"].search(self._file_domain(), order="id")
        return Recipients(files, self.env["hr.employee"])

    def _employee_recipients(self):
        employees = self.env["hr.employee"].sudo().search(self._employee_domain(), order="id")
        file_by_employee = self._filed_files_of(employees)
        if self.file_filter == "with":
            employees = employees.filtered(lambda e: e in file_by_employee)
        files = self.env["union.hardship.file"].browse(
            [file_by_employee[e].id for e in employees if e in file_by_employee]
        )
        if self.file_filter == "without":
            files = files.browse()
        return Recipients(files, employees.filtered(lambda e: e not in file_by_employee))

    def _imported_recipients(self):
        lines, errors = self._read_import()
        employees = self.env["hr.employee"].sudo().browse([employee.id for employee, _amount in lines])
        file_by_employee = self._filed_files_of(employees)
        files = self.env["union.hardship.file"].browse(
            [file_by_employee[e].id for e in employees if e in file_by_employee]
        )
        amounts = {}
        for employee, amount in lines:
            if amount is not None:
                file = file_by_employee.get(employee)
                amounts[("file", file.id) if file else ("employee", employee.id)] = amount
        return Recipients(
            files, employees.filtered(lambda e: e not in file_by_employee), amounts, errors
        )

    def _read_import(self):
        """The lines of the imported list as [(worker, amount or None)] and the
        translated errors of the wrong ones ("Line 4: ..."), all of them."""
        cells, errors = self._import_cells()
        texts = list({text for _number, text, _amount in cells if text})
        employees = self.env["hr.employee"].sudo().search(
            self._employee_scope_domain() + ["|", ("barcode", "in", texts), ("name", "in", texts)]
        ) if texts else self.env["hr.employee"]
        by_badge = {employee.barcode: employee for employee in employees if employee.barcode}
        by_name = {}
        for employee in employees:
            by_name.setdefault(employee.name, []).append(employee)
        lines, seen = [], {}
        for number, text, amount_cell in cells:
            employee, messages = self._match_worker(text, by_badge, by_name)
            if employee in seen:
                messages.append(_(
                    "%(worker)s is already on line %(line)s.", worker=employee.name, line=seen[employee],
                ))
            amount, message = self._import_amount(amount_cell)
            if message:
                messages.append(message)
            if messages:
                errors.extend(self._line_error(number, message) for message in messages)
            else:
                seen[employee] = number
                lines.append((employee, amount))
        if not lines and not errors:
            errors.append(_("The list names no worker."))
        return lines, errors

    def _import_cells(self):
        """[(line number, worker text, amount cell)] of the filled lines of the
        imported list, and the errors of the lines not even read."""
        if not self.data_file:
            raise UserError(_("Choose the XLSX file of the list of recipients first."))
        try:
            # a bad base64 payload is a ValueError too
            table = read_table(base64.b64decode(self.data_file), self.filename)
        except ValueError as error:
            raise UserError(_("The file cannot be read as XLSX (%s).", error)) from None
        found = header_rows(table, IMPORT_HEADERS, ("worker",))
        if found is None:
            raise UserError(_(
                "The list needs a header row with a Worker column (工号 or 姓名) and, if "
                "the amounts differ from the standard, an Amount column (金额)."
            ))
        rows, first_line = found
        cells, errors = [], []
        for number, row in enumerate(rows, start=first_line):
            if all(not cell_text(value) for value in row.values()):
                continue
            if any(isinstance(value, str) and has_control_characters(value) for value in row.values()):
                # nothing of such a line is shown back, nor looked up
                errors.append(self._line_error(
                    number, domain_message(self.env, DomainError("import_control_characters"))
                ))
                continue
            cells.append((number, " ".join(cell_text(row.get("worker")).split()), row.get("amount")))
        return cells, errors

    @api.model
    def _match_worker(self, text, by_badge, by_name):
        """(worker or None, [error messages]) of a Worker cell: a badge ID, or a
        name only one worker of the organisations has."""
        if not text:
            return None, [_("The worker is missing: write the badge ID or the name.")]
        if text in by_badge:
            return by_badge[text], []
        namesakes = by_name.get(text, [])
        if len(namesakes) == 1:
            return namesakes[0], []
        if namesakes:
            return None, [_(
                "%(count)s workers are named \"%(name)s\": write the badge ID instead.",
                count=len(namesakes), name=text,
            )]
        return None, [_(
            "No worker of the organisations you run relief for has the badge ID or the name "
            "\"%s\".", text,
        )]

    def _import_amount(self, cell):
        """(amount or None, error message or None) of an Amount cell."""
        if not cell_text(cell):
            return None, None
        if self.aid_kind == "in_kind":
            return None, _(
                "An in-kind run gives every beneficiary the goods listed: leave the amount blank."
            )
        amount = parse_amount(cell)
        if amount is None:
            return None, _("\"%s\" is not an amount.", cell_text(cell))
        try:
            bounds.check_amount(amount, _("Amount"))
            return relief.check_amount(amount), None
        except DomainError as error:
            return None, domain_message(self.env, error)

    def _line_error(self, number, message):
        return _("Line %(line)s: %(message)s", line=number, message=message)

    def _get_xlsx_export(self):
        """The template of an imported list: the columns the import reads."""
        self.ensure_one()
        return (
            safe_filename([_("List of Recipients"), self.programme_id.name, self.period]),
            table_workbook(_("List of Recipients"), [_("Worker"), _("Amount")], [], {1: "money"}),
        )

    # ------------------------------------------------------------------
    # The plan
    # ------------------------------------------------------------------

    def _goods_amount(self):
        """What the goods every beneficiary receives are worth."""
        if not self.goods_line_ids:
            raise UserError(_("List the goods every beneficiary of the in-kind run receives."))
        for line in self.goods_line_ids:
            if line.quantity <= 0:
                raise UserError(_(
                    "The quantity of %s per beneficiary must be greater than zero.",
                    line.product_id.display_name,
                ))
            if line.unit_value <= 0:
                raise UserError(_(
                    "Give the unit value of %s: the grants are booked at what the goods cost.",
                    line.product_id.display_name,
                ))
        return money(sum(self.goods_line_ids.mapped("amount")))

    def _check_programme(self, recipients):
        programme = self.programme_id
        if recipients.employees and not programme.open_to_all:
            raise UserError(_(
                "%(programme)s is for filed households only, and %(count)s of the selected "
                "workers have no filed household (%(names)s…). Choose workers with a filed "
                "household, or ask the relief manager to open the programme to all workers.",
                programme=programme.display_name,
                count=len(recipients.employees),
                names=", ".join(recipients.employees[:5].mapped("name")),
            ))
        if self.aid_kind == "in_kind" and not programme.in_kind_account_id:
            raise UserError(_(
                "%s cannot book goods: set its In-kind Goods Account.", programme.display_name
            ))

    def _plan(self, create_contacts=False):
        """The beneficiaries selected and the core's plan for them."""
        programme = self.programme_id
        with domain_errors(self.env):
            period = relief.check_period(self.period, programme.fiscal_year, programme.recurrence)
        recipients = self._recipients()
        self._check_programme(recipients)
        goods_amount = self._goods_amount() if self.aid_kind == "in_kind" else None
        workers = recipients.workers()
        if create_contacts:
            workers.filtered(lambda e: not e.work_contact_id)._create_work_contacts()
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
            ._year_totals_for(programme, workers.work_contact_id).items()
        }
        on_date = (
            relief.period_start(period)
            if programme.recurrence == "monthly"
            else fields.Date.context_today(self)
        )
        candidates = [
            relief.Candidate(
                key=key,
                payee=recipients.worker(key).work_contact_id.id or None,
                beneficiary=recipients.file(key)._relief_beneficiary(),
                amount=goods_amount if goods_amount is not None else recipients.amounts.get(key),
            )
            for key in recipients.records
        ]
        committed = programme._committed_by_programme().get(programme, 0.0)
        plan = relief.plan_batch(
            candidates,
            # goods are worth what they cost: no standard prices them
            programme._core_standards() if self.aid_kind == "cash" else (),
            on_date,
            already_granted=already,
            year_totals=year_totals,
            budget_remaining=relief.remaining_budget(
                money(programme.budget), money(committed)
            ),
            # workers without a filed household were refused above unless the
            # programme is open to all
            filed_only=False,
        )
        return recipients, plan

    # ------------------------------------------------------------------
    # Creation
    # ------------------------------------------------------------------

    def _prepare_batch_vals(self, recipients, plan):
        programme = self.programme_id
        organizations = self.env["union.organization"].browse(
            {recipients.organization(key, programme).id for key in recipients.records}
        )
        return {
            "programme_id": programme.id,
            "period": relief.check_period(self.period, programme.fiscal_year, programme.recurrence),
            "organization_ids": [fields.Command.set(self.organization_ids.ids)],
            "household_organization_ids": [fields.Command.set(organizations.ids)],
            "excluded_note": self._excluded_text(recipients, plan) or False,
        }

    def _create_grants(self, recipients, plan, batch):
        """Create the planned grants with the amounts the plan computed.

        The plan applied the programme's standards to every beneficiary with the
        same core as the grant's own compute; passing its amounts spares Odoo a
        draft record and a second computation per grant. Only the superuser may
        pass them (see the grant's ``create``), so the grants are created as
        superuser once the user's own rights to create them are checked.
        """
        Grant = self.env["union.relief.grant"]
        Grant.check_access("create")
        self._check_companies(recipients)
        grants = Grant.sudo().with_context(**QUIET, union_relief_companies_checked=True).create(
            self._prepare_grant_vals_list(recipients, plan, batch)
        )
        grants.sudo(False).check_access("create")
        # the approval books an entry line per grant, whose foreign-key check
        # reads union_relief_grant: plan it on the table as it now is
        refresh_planner_statistics(self.env.cr, ["union_relief_grant"], len(grants))
        return grants

    def _check_companies(self, recipients):
        """The beneficiaries, their workers and organisations, and the goods
        belong to the programme's company: the company check of the grants and of
        their goods, done once for the run."""
        company = self.programme_id.company_id
        workers = recipients.workers()
        foreign = (
            recipients.files.company_id | workers.company_id
            | recipients.files.organization_id.company_id
            | workers.union_organization_id.company_id
            | self.goods_line_ids.product_id.company_id
        ) - company
        if foreign:
            raise UserError(_(
                "%(programme)s belongs to %(company)s: the beneficiaries and goods of "
                "%(others)s cannot be part of its relief.",
                programme=self.programme_id.display_name,
                company=company.name,
                others=", ".join(foreign.mapped("name")),
            ))

    def _prepare_grant_vals_list(self, recipients, plan, batch):
        programme = self.programme_id
        periodic = programme.recurrence == "monthly"
        goods = (
            self.goods_line_ids._prepare_grant_goods_vals() if self.aid_kind == "in_kind" else []
        )
        vals_list = []
        for planned in plan.planned:
            kind = planned.key[0]
            vals = {
                "programme_id": programme.id,
                "batch_id": batch.id,
                "period": batch.period,
                "beneficiary_type": kind,
                "file_id": recipients.file(planned.key).id,
                "employee_id": recipients.worker(planned.key).id,
                "partner_id": planned.payee,
                "organization_id": recipients.organization(planned.key, programme).id,
                "aid_kind": self.aid_kind,
                "periodic": periodic,
                "standard_id": planned.standard_id or False,
                "computed_amount": float(planned.amount),
                "amount_note": False,
                "amount": float(planned.amount),
            }
            if goods:
                vals["goods_line_ids"] = [fields.Command.create(line) for line in goods]
            elif planned.key in recipients.amounts:
                # the imported amount replaces the standard's, with the reason
                vals.update({
                    "computed_amount": float(planned.standard_amount or 0.0),
                    "amount_note": planned.standard_note and domain_message(
                        self.env, planned.standard_note
                    ) or False,
                    "override_amount": float(planned.amount),
                    "override_reason": _("Imported list"),
                })
            vals_list.append(vals)
        return vals_list
