import base64
import io

import xlsxwriter

from odoo import _, fields, models


class UnionCollectiveContractLedger(models.TransientModel):
    _name = "union.collective.contract.ledger"
    _description = "Collective Contract Ledger Export"

    organization_id = fields.Many2one(
        comodel_name="union.organization",
        string="Union Organisation",
        help="Contracts of this organisation and its sub-organisations; leave empty for all.",
    )
    only_in_force = fields.Boolean(
        string="Only Contracts in Force",
    )
    ledger_file = fields.Binary(
        string="Ledger",
        readonly=True,
        attachment=False,
    )
    ledger_filename = fields.Char(
        readonly=True,
    )

    def action_export(self):
        self.ensure_one()
        contracts = self.env["union.collective.contract"].search(self._get_contract_domain())
        self.write({
            "ledger_file": base64.b64encode(self._build_workbook(contracts)),
            "ledger_filename": _("collective-contract-ledger-%s.xlsx", fields.Date.context_today(self)),
        })
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/%s/%s/ledger_file/%s?download=true" % (
                self._name, self.id, self.ledger_filename,
            ),
            "target": "self",
        }

    def _get_contract_domain(self):
        domain = []
        if self.organization_id:
            domain.append(("organization_id", "child_of", self.organization_id.id))
        if self.only_in_force:
            domain.append(("state", "=", "in_force"))
        return domain

    def _get_columns(self):
        """(header, width, kind, value getter) per column of the ledger (集体合同台账);
        kind is text, number, date or percent."""
        states = dict(
            self.env["union.collective.contract"]._fields["state"]._description_selection(self.env)
        )
        scopes = dict(
            self.env["union.collective.contract"]._fields["scope"]._description_selection(self.env)
        )

        def employers(contract):
            if contract.scope == "enterprise":
                return contract.company_id.name
            return ", ".join(contract.employer_partner_ids.mapped("name"))

        def last_check(contract):
            checks = contract.performance_ids.filtered(lambda c: c.state == "done")
            return checks.sorted("year")[-1:].performance_rate / 100 if checks else None

        def congress_vote(contract):
            if not contract.congress_total:
                return ""
            return "%s / %s / %s" % (
                contract.congress_in_favour, contract.congress_present, contract.congress_total
            )

        return [
            (_("Reference"), 16, "text", lambda c: c.reference),
            (_("Title"), 36, "text", lambda c: c.name),
            (_("Type"), 22, "text", lambda c: c.contract_type_id.name),
            (_("Union Organisation"), 36, "text", lambda c: c.organization_id.complete_name),
            (_("Scope"), 10, "text", lambda c: scopes[c.scope]),
            (_("Employers"), 30, "text", employers),
            (_("Workers Covered"), 10, "number", lambda c: c.workers_covered),
            (_("Union Representatives"), 10, "number", lambda c: c.union_representative_count),
            (_("Employer Representatives"), 10, "number", lambda c: c.employer_representative_count),
            (_("Congress Vote (in favour / present / all)"), 16, "text", congress_vote),
            (_("Signing Date"), 12, "date", lambda c: c.date_signed),
            (_("Filing Date"), 12, "date", lambda c: c.date_filed),
            (_("Received by Authority"), 12, "date", lambda c: c.date_received),
            (_("In Force Since"), 12, "date", lambda c: c.date_in_force),
            (_("Published to Staff"), 12, "date", lambda c: c.date_published),
            (_("Start Date"), 12, "date", lambda c: c.date_start),
            (_("Expiry Date"), 12, "date", lambda c: c.date_end),
            (_("Status"), 14, "text", lambda c: states[c.state]),
            (_("Last Performance Rate"), 12, "percent", last_check),
        ]

    def _build_workbook(self, contracts):
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(_("Collective Contracts"))
        title_format = workbook.add_format({"bold": True, "font_size": 14})
        header_format = workbook.add_format(
            {"bold": True, "text_wrap": True, "border": 1, "bg_color": "#D9E1F2", "valign": "top"}
        )
        columns = self._get_columns()
        sheet.write(0, 0, _("Collective Contract Ledger"), title_format)
        sheet.write(1, 0, _(
            "%(organization)s, printed on %(date)s",
            organization=self.organization_id.complete_name or _("All organisations"),
            date=fields.Date.to_string(fields.Date.context_today(self)),
        ))
        formats = {
            "text": workbook.add_format({"border": 1, "text_wrap": True, "valign": "top"}),
            "number": workbook.add_format({"border": 1, "valign": "top"}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd", "border": 1, "valign": "top"}),
            "percent": workbook.add_format({"num_format": "0.00%", "border": 1, "valign": "top"}),
        }
        for col, (header, width, _kind, _getter) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write(3, col, header, header_format)
        for row, contract in enumerate(contracts, start=4):
            for col, (_header, _width, kind, getter) in enumerate(columns):
                value = getter(contract)
                if value is None or value is False or value == "":
                    sheet.write_blank(row, col, None, formats[kind])
                elif kind == "date":
                    sheet.write_datetime(row, col, fields.Datetime.to_datetime(value), formats[kind])
                elif kind in ("number", "percent"):
                    sheet.write_number(row, col, value, formats[kind])
                else:
                    sheet.write_string(row, col, value, formats[kind])
        sheet.freeze_panes(4, 2)
        workbook.close()
        return output.getvalue()
