from odoo import _, fields, models

from ..utils.xlsx import ledger_workbook


class UnionCollectiveContractLedgerWizard(models.TransientModel):
    _name = "union.collective.contract.ledger.wizard"
    _inherit = "union.xlsx.export.mixin"
    _description = "Collective Contract Ledger Export"

    organization_id = fields.Many2one(
        comodel_name="union.organization",
        string="Union Organisation",
        default=lambda self: self.env.user._union_default_organization(),
        help="Contracts of this organisation and its sub-organisations; leave empty for all.",
    )
    only_in_force = fields.Boolean(
        string="Only Contracts in Force",
    )

    def action_export(self):
        self.ensure_one()
        return self._action_download_xlsx()

    def _get_xlsx_export(self):
        contracts = self.env["union.collective.contract"].search(self._get_contract_domain())
        return (
            _("collective-contract-ledger-%s.xlsx", fields.Date.context_today(self)),
            self._build_workbook(contracts),
        )

    def _get_contract_domain(self):
        domain = []
        if self.organization_id:
            domain.append(("organization_id", "child_of", self.organization_id.id))
        if self.only_in_force:
            domain.append(("state", "=", "in_force"))
        return domain

    def _get_columns(self, contracts):
        """(header, width, kind, value getter) per column of the ledger (集体合同台账)
        of ``contracts``; kind is text, number, date or percent."""
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

        # The ledger lists the contracts the user reads, with their last check even
        # where the record rules hide the checks (a contract published to staff, of
        # another organisation): a blank would read as "never checked".
        last_rates = {}
        for check in self.env["union.contract.performance"].sudo().search(
            [("contract_id", "in", contracts.ids), ("state", "=", "done")], order="year, id"
        ):
            last_rates[check.contract_id.id] = check.performance_rate / 100

        def last_check(contract):
            return last_rates.get(contract.id)

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
            (_("Last Performance Rate (clauses)"), 12, "percent", last_check),
        ]

    def _build_workbook(self, contracts):
        return ledger_workbook(
            _("Collective Contracts"),
            _("Collective Contract Ledger"),
            self._get_columns(contracts),
            contracts,
            subtitle=_(
                "%(organization)s, printed on %(date)s",
                organization=self.organization_id.complete_name or _("All organisations"),
                date=fields.Date.to_string(fields.Date.context_today(self)),
            ),
            freeze_columns=2,
            wrap_text=True,
        )
