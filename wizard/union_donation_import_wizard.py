import base64
from collections import Counter

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..union_relief import donation as donation_rules
from ..utils.actions import form_action
from ..utils.messages import domain_message
from ..utils.xlsx import header_rows, read_table, safe_filename, table_workbook

# Column titles recognised in the header row, in English and Chinese.
HEADERS = {
    "donor": ("donor", "name", "employee", "捐款人", "姓名", "员工"),
    "amount": ("amount", "金额", "捐款金额"),
    "date": ("date", "日期", "捐款日期"),
    "method": ("method", "方式", "捐款方式"),
    "visibility": ("visibility", "public", "公示方式", "公开方式"),
}


class UnionDonationImportWizard(models.TransientModel):
    _name = "union.donation.import.wizard"
    _inherit = "union.xlsx.export.mixin"
    _description = "Import a Collection Sheet"

    collection_id = fields.Many2one(
        comodel_name="union.donation.collection",
        string="Collection Sheet",
        required=True,
    )
    # not required: the template is downloaded before there is a file
    data_file = fields.Binary(
        string="File",
        attachment=False,
    )
    filename = fields.Char()
    state = fields.Selection(
        selection=[("upload", "Upload"), ("preview", "Preview")],
        default="upload",
        required=True,
    )
    line_ids = fields.One2many(
        comodel_name="union.donation.import.wizard.line",
        inverse_name="import_id",
        string="Lines",
    )
    error_count = fields.Integer(
        compute="_compute_error_count",
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="collection_id.currency_id",
    )
    total_amount = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_error_count",
    )

    @api.depends("line_ids.error", "line_ids.amount")
    def _compute_error_count(self):
        for wizard in self:
            wizard.error_count = len(wizard.line_ids.filtered("error"))
            wizard.total_amount = sum(wizard.line_ids.mapped("amount"))

    def action_download_template(self):
        self.ensure_one()
        return self._action_download_xlsx()

    def action_preview(self):
        self.ensure_one()
        rows, first_line = self._read_rows()
        lines, errors = self._parse_rows(rows, first_line)
        by_line = {}
        for line, employee in lines:
            by_line[line.line] = {
                "line": line.line,
                "donor": line.donor,
                "employee_id": employee.id,
                "amount": float(line.amount),
                "date": line.day,
                "method": line.method,
                "visibility": line.visibility,
            }
        for number, messages in errors.items():
            vals = by_line.setdefault(number, {"line": number})
            vals["error"] = "\n".join(messages)
            vals.update(self._prepare_file_values(rows, number - first_line))
        self.line_ids = [fields.Command.clear()] + [
            fields.Command.create(vals) for _number, vals in sorted(by_line.items())
        ]
        self.state = "preview"
        return self._reopen()

    def action_import(self):
        self.ensure_one()
        lines, errors = self._parse()
        if errors:
            raise UserError(_(
                "Nothing was imported; correct these lines and import the file again:\n%s",
                "\n".join(
                    self.env._("Line %(line)s: %(message)s", line=number, message=message)
                    for number, messages in sorted(errors.items())
                    for message in messages
                ),
            ))
        collection = self.collection_id
        if collection.state != "draft":
            raise UserError(_("The collection sheet %s is already validated.", collection.name))
        self.env["union.donation"].create([
            collection._prepare_donation_vals(
                employee, float(line.amount), line.day, line.method, line.visibility
            )
            for line, employee in lines
        ])
        return {"type": "ir.actions.act_window_close"}

    def _prepare_file_values(self, rows, index):
        """The cells of a line in error as read from the file, to show beside its
        errors (nothing of a line with control characters)."""
        cells = donation_rules.original_cells(rows[index]) if 0 <= index < len(rows) else None
        return {"file_%s" % key: text for key, text in (cells or {}).items() if text}

    def _get_xlsx_export(self):
        """The template: the columns the import reads and one example line."""
        self.ensure_one()
        collection = self.collection_id
        headers = [_("Donor"), _("Amount"), _("Date"), _("Method"), _("Visibility")]
        example = [
            self._example_donor(),
            100.0,
            collection.date,
            donation_rules.METHOD_EXAMPLES.get(collection.method, ""),
            donation_rules.VISIBILITY_EXAMPLES["masked"],
        ]
        return (
            safe_filename([_("Collection Sheet Template"), collection.name]),
            table_workbook(
                _("Collection Sheet"), headers, [example], {1: "money", 2: "date"}
            ),
        )

    def _example_donor(self):
        """A worker of the sheet's department, so the example reads back as a valid
        line (the control total catches it if it is left in by mistake)."""
        collection = self.collection_id
        employee = self.env["hr.employee"].search([
            ("department_id", "=", collection.department_id.id),
            ("company_id", "in", [collection.company_id.id, False]),
        ], order="name", limit=1)
        return employee.name or donation_rules.EXAMPLE_DONOR

    def _reopen(self):
        return form_action(self, _("Import Collection Sheet"), target="new")

    def _read_rows(self):
        """The rows of the file as dicts keyed by HEADERS, from the first row whose
        cells name a donor and an amount column."""
        if not self.data_file:
            raise UserError(_("Choose the XLSX or CSV file of the collection sheet first."))
        try:
            # a bad base64 payload is a ValueError too
            table = read_table(base64.b64decode(self.data_file or b""), self.filename)
        except ValueError as error:
            raise UserError(_("The file cannot be read as XLSX or CSV (%s).", error)) from None
        found = header_rows(table, HEADERS, ("donor", "amount"))
        if found is None:
            raise UserError(_("The file needs a header row with at least the columns Donor and Amount."))
        return found

    def _parse(self):
        """The valid lines as (ImportLine, employee) and the translated errors
        by line number."""
        return self._parse_rows(*self._read_rows())

    def _parse_rows(self, rows, first_line):
        """:meth:`_parse` of the rows read from the file."""
        collection = self.collection_id
        valid, line_errors = donation_rules.validate_import_rows(
            rows,
            fields.Date.context_today(self),
            collection.date,
            collection.method,
            first_line=first_line,
        )
        employees = self.env["hr.employee"].search([
            ("name", "in", list({line.donor for line in valid})),
            ("company_id", "in", [collection.company_id.id, False]),
        ])
        counts = Counter(employees.mapped("name"))
        by_name = {employee.name: employee for employee in employees}
        lines = []
        for line in valid:
            error = donation_rules.donor_match_error(line.line, line.donor, counts[line.donor])
            if error:
                line_errors.append(error)
            else:
                lines.append((line, by_name[line.donor]))
        errors = {}
        for error in line_errors:
            errors.setdefault(error.line, []).append(domain_message(self.env, error))
        return lines, errors
