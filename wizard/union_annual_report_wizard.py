from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.i18n import format_list

from ..models.union_relief_programme import SERVICE_TYPES
from ..union_relief import bounds, collective
from ..union_relief.statistics import Trend, amount_text, change, rate_text
from ..utils.bounds import check_bounds
from ..utils.groups import OFFICER
from ..utils.xlsx import HEADER_FORMAT, XlsxWorkbook, safe_filename

FILE_FIGURES = (
    "opening_count", "entered_count", "exited_count", "withdrawn_count", "cancelled_count",
    "left_count", "closing_count",
)
CASE_FIGURES = (
    "workers_helped", "wages_recovered", "injury_compensation", "dismissal_compensation",
    "jobs_found",
)
KPI_FIGURES = (
    "required_count", "signed_count", "workers_covered", "checked_count", "honoured_count",
    "agreement_checked_count", "agreement_honoured_count",
)
SOURCE_ORDER = ("union", "higher", "government", "campaign")


class UnionAnnualReportWizard(models.TransientModel):
    """The annual statistics report (帮扶工作年度统计表) of an organisation and
    its sub-organisations for a year: every figure is a sum of the records the
    pivots show, with the same filters (the domains below), read in a fixed
    number of queries whatever the number of records (doc/domain.md, "Annual
    statistics report")."""

    _name = "union.annual.report.wizard"
    _inherit = "union.xlsx.export.mixin"
    _description = "Annual Statistics Report"

    organization_id = fields.Many2one(
        comodel_name="union.organization",
        string="Union Organisation",
        required=True,
        default=lambda self: self.env.user._union_default_organization(),
        help="The report covers this organisation and all its sub-organisations.",
    )
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        aggregator=None,
    )
    summary = fields.Html(
        compute="_compute_summary",
        sanitize=False,
        help="The sentences of the report, as printed.",
    )

    @api.constrains("year")
    def _check_year(self):
        today = fields.Date.context_today(self)
        for wizard in self:
            check_bounds(wizard, "year", bounds.check_year, today)

    @api.constrains("organization_id")
    def _check_organization(self):
        """An officer reports on the organisations he works for and theirs; the
        manager and the auditors on any."""
        Organization = self.env["union.organization"]
        for wizard in self:
            if not Organization.search_count([
                ("id", "=", wizard.organization_id.id), ("is_users_organization", "=", True),
            ]):
                raise ValidationError(self.env._(
                    "You do not work for %(organization)s: choose one of your union "
                    "organisations.",
                    organization=wizard.organization_id.display_name,
                ))

    @api.depends("organization_id", "year")
    def _compute_summary(self):
        for wizard in self:
            if not wizard.organization_id or not wizard.year:
                wizard.summary = False
                continue
            sentences = wizard._sentences(wizard._figures())
            wizard.summary = "".join("<p>%s</p>" % sentence for sentence in sentences)

    # === Filters: the pivots' filters for the organisation and the year === #

    def _period(self):
        return date(self.year, 1, 1), date(self.year, 12, 31)

    def _in_subtree(self):
        return [("organization_id", "child_of", self.organization_id.id)]

    def _in_year(self, fname="date"):
        start, end = self._period()
        return [(fname, ">=", start), (fname, "<=", end)]

    def _file_domain(self):
        """Hardship ▸ Yearly File Statistics, filtered on the year."""
        return [("year", "=", str(self.year)), *self._in_subtree()]

    def _grant_domain(self):
        """Relief ▸ Grants, paid, dated in the year."""
        return [("state", "=", "paid"), *self._in_year(), *self._in_subtree()]

    def _case_domain(self):
        """Relief ▸ Rights-Protection Cases submitted and not cancelled, dated in
        the year."""
        return [
            ("programme_type", "in", SERVICE_TYPES),
            ("state", "not in", ("draft", "cancelled")),
            *self._in_year(),
            *self._in_subtree(),
        ]

    def _donation_domain(self):
        return [("state", "=", "validated"), *self._in_year(), *self._in_subtree()]

    def _matching_domain(self):
        return [
            ("transfer_type", "=", "matching"),
            ("state", "=", "posted"),
            *self._in_year(),
            *self._in_subtree(),
        ]

    def _kpi_domain(self):
        return [("year", "=", str(self.year)), *self._in_subtree()]

    # === Figures === #

    def _figures(self):
        """The report's figures, as plain values: one query per table of the
        report, whatever the number of records."""
        self.ensure_one()
        env = self.env
        Statistics = env["union.hardship.file.statistics"]
        Grant = env["union.relief.grant"]
        figures = {}

        # by category, the totals added up from them: the statistics are computed
        # from the whole history at each read, so they are read once
        files = dict.fromkeys(FILE_FIGURES, 0)
        figures["categories"] = []
        for category, *totals in Statistics._read_group(
            self._file_domain(), ["category"], [f"{fname}:sum" for fname in FILE_FIGURES],
            order="category",
        ):
            row = {fname: total or 0 for fname, total in zip(FILE_FIGURES, totals, strict=True)}
            for fname, total in row.items():
                files[fname] += total
            figures["categories"].append({
                "category": category, "opening": row["opening_count"],
                "closing": row["closing_count"],
            })
        figures["files"] = files

        # relief paid: by programme (of a type) and source of funds
        programmes = []
        for programme, programme_type, source, count, amount, households in Grant._read_group(
            self._grant_domain(),
            ["programme_id", "programme_type", "funding_source"],
            ["__count", "amount:sum", "file_id:count_distinct"],
        ):
            programmes.append({
                "programme": programme,
                "programme_type": programme_type,
                "source": source or "union",
                "count": count,
                "amount": amount or 0.0,
                "households": households,
            })
        figures["programmes"] = programmes
        [(count, amount, households)] = Grant._read_group(
            self._grant_domain(), [], ["__count", "amount:sum", "file_id:count_distinct"]
        )
        figures["relief"] = {
            "count": count, "amount": amount or 0.0, "households": households,
            "people": self._people_reached(),
        }
        figures["sources"] = {
            source: sum(row["amount"] for row in programmes if row["source"] == source)
            for source in SOURCE_ORDER
        }
        for programme_type in ("festival", "education"):
            rows = [row for row in programmes if row["programme_type"] == programme_type]
            figures[programme_type] = {
                "count": sum(row["count"] for row in rows),
                "amount": sum(row["amount"] for row in rows),
            }

        [case_totals] = Grant._read_group(
            self._case_domain(), [], ["__count", *(f"{f}:sum" for f in CASE_FIGURES)]
        )
        figures["cases"] = dict(
            zip(("count", *CASE_FIGURES), (value or 0 for value in case_totals), strict=True)
        )

        [(donation_count, donation_amount)] = env["union.donation"]._read_group(
            self._donation_domain(), [], ["__count", "amount:sum"]
        )
        [(matching,)] = env["union.donation.transfer"]._read_group(
            self._matching_domain(), [], ["amount:sum"]
        )
        figures["donations"] = {
            "count": donation_count, "amount": donation_amount or 0.0, "matching": matching or 0.0,
        }

        [kpi_totals] = env["union.contract.kpi"]._read_group(
            self._kpi_domain(), [], [f"{fname}:sum" for fname in KPI_FIGURES]
        )
        contracts = dict(
            zip(KPI_FIGURES, (int(value or 0) for value in kpi_totals), strict=True)
        )
        contracts["signing_rate"] = collective.signing_rate(
            contracts["signed_count"], contracts["required_count"]
        )
        contracts["performance_rate"] = collective.performance_rate(
            contracts["honoured_count"], contracts["checked_count"]
        )
        contracts["agreement_performance_rate"] = collective.agreement_performance_rate(
            contracts["agreement_honoured_count"], contracts["agreement_checked_count"]
        )
        figures["contracts"] = contracts
        return figures

    def _people_reached(self):
        """The people of the households on file that the year's relief reached,
        each household counted once at its size when last helped in the year;
        None for those who may not read household sizes."""
        if not self.env.user.has_group(OFFICER):
            return None
        rows = self.env["union.relief.grant"]._read_group(
            [*self._grant_domain(), ("file_id", "!=", False)],
            ["file_id"],
            ["people_reached:max"],
        )
        return sum(people or 0 for _file, people in rows)

    # === Sentences === #

    def _sentences(self, figures):
        """What the union writes in its report, from the figures: one sentence per
        part of the work that has something to say."""
        _ = self.env._
        sentences = []
        files = figures["files"]
        trend = change(files["opening_count"], files["closing_count"])
        # the year not over yet ends today
        if self.year >= fields.Date.context_today(self).year:
            moment = _("So far in %(year)s", year=self.year)
        else:
            moment = _("At the end of %(year)s", year=self.year)
        values = {
            "moment": moment,
            "organization": self.organization_id.name,
            "opening": files["opening_count"],
            "closing": files["closing_count"],
            "difference": trend.difference,
        }
        if trend.trend == Trend.FELL:
            sentences.append(_(
                "%(moment)s, %(organization)s had %(closing)s households on file, "
                "%(difference)s fewer than the %(opening)s at the start of the year.",
                **values,
            ))
        elif trend.trend == Trend.ROSE:
            sentences.append(_(
                "%(moment)s, %(organization)s had %(closing)s households on file, "
                "%(difference)s more than the %(opening)s at the start of the year.",
                **values,
            ))
        else:
            sentences.append(_(
                "%(moment)s, %(organization)s had %(closing)s households on file, as "
                "many as at the start of the year.",
                **values,
            ))
        if files["entered_count"] or files["left_count"]:
            sentences.append(_(
                "During the year %(entered)s households were filed, %(exited)s left "
                "hardship, %(withdrawn)s files were withdrawn and %(cancelled)s cancelled.",
                entered=files["entered_count"],
                exited=files["exited_count"],
                withdrawn=files["withdrawn_count"],
                cancelled=files["cancelled_count"],
            ))
        relief = figures["relief"]
        if relief["count"]:
            if relief["people"] is None:
                sentences.append(_(
                    "%(amount)s yuan of relief was paid in %(count)s grants, reaching "
                    "%(households)s households on file.",
                    amount=amount_text(relief["amount"]),
                    count=relief["count"],
                    households=relief["households"],
                ))
            else:
                sentences.append(_(
                    "%(amount)s yuan of relief was paid in %(count)s grants, reaching "
                    "%(households)s households on file (%(people)s people).",
                    amount=amount_text(relief["amount"]),
                    count=relief["count"],
                    households=relief["households"],
                    people=relief["people"],
                ))
            source_labels = self._source_labels()
            parts = [
                _("%(fund)s %(amount)s yuan", fund=source_labels[source],
                  amount=amount_text(amount))
                for source, amount in figures["sources"].items()
                if amount
            ]
            if parts:
                sentences.append(_("Of this: %(parts)s.", parts=format_list(self.env, parts)))
        if figures["festival"]["count"]:
            sentences.append(_(
                "Festival condolences (Sending Warmth) reached %(count)s recipients with "
                "%(amount)s yuan.",
                count=figures["festival"]["count"],
                amount=amount_text(figures["festival"]["amount"]),
            ))
        if figures["education"]["count"]:
            sentences.append(_(
                "Education aid (Golden Autumn) helped %(count)s students with %(amount)s yuan.",
                count=figures["education"]["count"],
                amount=amount_text(figures["education"]["amount"]),
            ))
        donations = figures["donations"]
        if donations["count"] or donations["matching"]:
            if donations["matching"]:
                sentences.append(_(
                    "Donation campaigns raised %(amount)s yuan in %(count)s donations, and "
                    "the union added %(matching)s yuan.",
                    amount=amount_text(donations["amount"]),
                    count=donations["count"],
                    matching=amount_text(donations["matching"]),
                ))
            else:
                sentences.append(_(
                    "Donation campaigns raised %(amount)s yuan in %(count)s donations.",
                    amount=amount_text(donations["amount"]),
                    count=donations["count"],
                ))
        cases = figures["cases"]
        if cases["count"]:
            sentences.append(_(
                "Rights protection: %(count)s cases helped %(workers)s workers, recovered "
                "%(wages)s yuan of wages, won %(injury)s yuan of work-injury and "
                "%(dismissal)s yuan of dismissal compensation, and found jobs for "
                "%(jobs)s workers.",
                count=cases["count"],
                workers=cases["workers_helped"],
                wages=amount_text(cases["wages_recovered"]),
                injury=amount_text(cases["injury_compensation"]),
                dismissal=amount_text(cases["dismissal_compensation"]),
                jobs=cases["jobs_found"],
            ))
        contracts = figures["contracts"]
        if contracts["required_count"] and not contracts["checked_count"]:
            sentences.append(_(
                "Collective contracts: signing rate %(signing)s; no performance check "
                "closed yet.",
                signing=rate_text(contracts["signing_rate"]) or "—",
            ))
        elif contracts["required_count"] or contracts["checked_count"]:
            none = _("none checked")
            sentences.append(_(
                "Collective contracts: signing rate %(signing)s; performance rate "
                "%(agreements)s by agreements, %(clauses)s by clauses.",
                signing=rate_text(contracts["signing_rate"]) or none,
                agreements=rate_text(contracts["agreement_performance_rate"]) or none,
                clauses=rate_text(contracts["performance_rate"]) or none,
            ))
        return sentences

    def _source_labels(self):
        return dict(
            self.env["union.relief.grant"]._fields["funding_source"]._description_selection(
                self.env
            )
        )

    # === The report, as printed and as a workbook === #

    def _report(self):
        """The report as the PDF and the workbook show it: its sentences, then
        sections of (label, value, kind) rows and two tables."""
        self.ensure_one()
        _ = self.env._
        figures = self._figures()
        files, relief = figures["files"], figures["relief"]
        cases, donations = figures["cases"], figures["donations"]
        contracts = figures["contracts"]
        source_labels = self._source_labels()
        sections = [
            (_("Hardship files"), [
                (_("Households on file at 1 January"), files["opening_count"], "number"),
                (_("Filed during the year"), files["entered_count"], "number"),
                (_("Left hardship"), files["exited_count"], "number"),
                (_("Files withdrawn"), files["withdrawn_count"], "number"),
                (_("Files cancelled"), files["cancelled_count"], "number"),
                (_("Households on file at 31 December"), files["closing_count"], "number"),
            ]),
            (_("Relief paid"), [
                (_("Grants paid"), relief["count"], "number"),
                (_("Amount paid (yuan)"), relief["amount"], "money"),
                (_("Households on file reached"), relief["households"], "number"),
                *(
                    [(_("People in these households"), relief["people"], "number")]
                    if relief["people"] is not None else []
                ),
                *(
                    (_("From %(fund)s (yuan)", fund=source_labels[source]), amount, "money")
                    for source, amount in figures["sources"].items()
                ),
                (_("Sending Warmth recipients"), figures["festival"]["count"], "number"),
                (_("Sending Warmth amount (yuan)"), figures["festival"]["amount"], "money"),
                (_("Golden Autumn students"), figures["education"]["count"], "number"),
                (_("Golden Autumn amount (yuan)"), figures["education"]["amount"], "money"),
            ]),
            (_("Donations"), [
                (_("Donations validated"), donations["count"], "number"),
                (_("Amount raised (yuan)"), donations["amount"], "money"),
                (_("Union matching (yuan)"), donations["matching"], "money"),
            ]),
            (_("Rights protection"), [
                (_("Cases"), cases["count"], "number"),
                (_("Workers helped"), cases["workers_helped"], "number"),
                (_("Wages recovered (yuan)"), cases["wages_recovered"], "money"),
                (_("Work-injury compensation (yuan)"), cases["injury_compensation"], "money"),
                (_("Dismissal compensation (yuan)"), cases["dismissal_compensation"], "money"),
                (_("Jobs found"), cases["jobs_found"], "number"),
            ]),
            (_("Collective contracts"), [
                (_("Organisations required to sign"), contracts["required_count"], "number"),
                (_("Organisations with a contract in force"), contracts["signed_count"], "number"),
                (_("Signing rate"), contracts["signing_rate"], "rate"),
                (_("Workers covered"), contracts["workers_covered"], "number"),
                (_("Agreements checked"), contracts["agreement_checked_count"], "number"),
                (_("Agreements honoured in full"), contracts["agreement_honoured_count"], "number"),
                (_("Performance rate (agreements)"), contracts["agreement_performance_rate"], "rate"),
                (_("Clauses checked"), contracts["checked_count"], "number"),
                (_("Clauses honoured"), contracts["honoured_count"], "number"),
                (_("Performance rate (clauses)"), contracts["performance_rate"], "rate"),
            ]),
        ]
        types = dict(
            self.env["union.relief.grant"]._fields["programme_type"]._description_selection(
                self.env
            )
        )
        categories = dict(
            self.env["union.relief.grant"]._fields["category"]._description_selection(self.env)
        )
        programme_rows = [
            [
                row["programme"].name, types.get(row["programme_type"], ""),
                source_labels[row["source"]], row["count"], row["households"], row["amount"],
            ]
            for row in sorted(
                figures["programmes"],
                key=lambda row: (row["programme"].sequence, row["programme"].name,
                                 SOURCE_ORDER.index(row["source"])),
            )
        ]
        category_rows = [
            [categories.get(row["category"], _("None")), row["opening"], row["closing"]]
            for row in figures["categories"]
        ]
        return {
            "title": _("Annual Relief Statistics %(year)s", year=self.year),
            "organization": self.organization_id.display_name,
            "sentences": self._sentences(figures),
            "sections": sections,
            "tables": [
                (
                    _("Relief paid by programme"),
                    [_("Programme"), _("Type"), _("Source of Funds"), _("Grants"),
                     _("Households"), _("Amount (yuan)")],
                    ["text", "text", "text", "number", "number", "money"],
                    programme_rows,
                ),
                (
                    _("Households on file by category"),
                    [_("Hardship Category"), _("At 1 January"), _("At 31 December")],
                    ["text", "number", "number"],
                    category_rows,
                ),
            ],
        }

    def action_print(self):
        self.ensure_one()
        return self.env.ref("union_relief.union_annual_report_action_pdf").report_action(self)

    def action_export(self):
        self.ensure_one()
        return self._action_download_xlsx()

    def _get_xlsx_export(self):
        report = self._report()
        workbook = XlsxWorkbook()
        sheet = workbook.add_sheet(report["title"])
        title_format = workbook.add_format({"bold": True, "font_size": 14})
        section_format = workbook.add_format({"bold": True, "font_size": 12})
        header_format = workbook.add_format(HEADER_FORMAT)
        formats = workbook.kind_formats(border=1)
        wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, 5, 16)
        workbook.write_cell(sheet, 0, 0, report["title"], "text", title_format)
        workbook.write_cell(sheet, 1, 0, report["organization"])
        row = 3
        for sentence in report["sentences"]:
            sheet.merge_range(row, 0, row, 5, sentence, wrap)
            sheet.set_row(row, 32)
            row += 1
        for title, lines in report["sections"]:
            row += 1
            workbook.write_cell(sheet, row, 0, title, "text", section_format)
            row += 1
            for label, value, kind in lines:
                workbook.write_cell(sheet, row, 0, label, "text", formats["text"])
                if kind == "rate":
                    value = float(value) / 100 if value is not None else None
                    kind = "percent"
                workbook.write_cell(sheet, row, 1, value, kind, formats[kind])
                row += 1
        for title, headers, kinds, rows in report["tables"]:
            row += 1
            workbook.write_cell(sheet, row, 0, title, "text", section_format)
            row += 1
            for col, header in enumerate(headers):
                workbook.write_cell(sheet, row, col, header, "text", header_format)
            row += 1
            for values in rows:
                for col, (value, kind) in enumerate(zip(values, kinds, strict=True)):
                    workbook.write_cell(sheet, row, col, value, kind, formats[kind])
                row += 1
        filename = safe_filename([
            self.env._("Annual Relief Statistics"), self.organization_id.name, self.year,
        ])
        return filename, workbook.close()
