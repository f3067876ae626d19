from odoo import _, fields, models

from .union_collective_contract import NEGOTIATED

# The agreed figures and wording, tracked in the contract's chatter.
TRACKED_FIELDS = ("clause_type", "name", "commitment", "rate", "amount", "hours")


class UnionContractClause(models.Model):
    _name = "union.contract.clause"
    _description = "Collective Contract Clause"
    _inherit = ["union.locked.line.mixin"]
    _order = "contract_id, sequence, id"
    _check_company_auto = True

    # the workers' congress approved the clauses: they stay as approved
    _locked_line_parent_field = "contract_id"
    _locked_line_open_states = NEGOTIATED

    contract_id = fields.Many2one(
        comodel_name="union.collective.contract",
        required=True,
        index=True,
        ondelete="cascade",
    )
    organization_id = fields.Many2one(
        related="contract_id.organization_id",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(
        related="contract_id.company_id",
        store=True,
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id",
    )
    sequence = fields.Integer(
        default=10,
    )
    clause_type = fields.Selection(
        selection=[
            ("wage_adjustment", "Wage Adjustment Rate"),
            ("minimum_pay", "Minimum Pay in the Enterprise"),
            ("average_pay", "Average Pay"),
            ("allowance", "Allowance"),
            ("working_hours", "Working Hours"),
            ("women_workers", "Women Workers"),
            ("other", "Other"),
        ],
        string="Type",
        required=True,
        default="other",
    )
    name = fields.Char(
        string="Clause",
        required=True,
    )
    commitment = fields.Text(
        required=True,
        help="What the employer commits to, as written in the contract.",
    )
    rate = fields.Float(
        string="Rate (%)",
        digits=(5, 2),
        help="Yearly wage adjustment rate agreed.",
    )
    amount = fields.Monetary(
        currency_field="currency_id",
        help="Monthly amount agreed: minimum pay, average pay or allowance.",
    )
    hours = fields.Float(
        string="Hours per Week",
        digits=(5, 1),
    )

    def write(self, vals):
        tracked = [fname for fname in TRACKED_FIELDS if fname in vals]
        initial_values = {clause: {fname: clause[fname] for fname in tracked} for clause in self}
        result = super().write(vals)
        if tracked and not self.env.context.get("tracking_disable"):
            self._log_changes_on_contract(tracked, initial_values)
        return result

    def _locked_line_message(self, parent):
        return _(
            "%(contract)s is %(state)s: its clauses can no longer be changed.",
            contract=parent.display_name,
            state=parent._workflow_state_label(),
        )

    def _log_changes_on_contract(self, fnames, initial_values):
        """Wage figures and commitments change in the contract's chatter, as its
        own tracked fields do."""
        field_info = self.fields_get(fnames, ("string", "type", "selection", "currency_field"))
        for clause in self:
            _changed, tracking_values = clause._mail_track(field_info, initial_values[clause])
            if tracking_values:
                clause.contract_id._message_log(
                    body=_("Clause %s", clause.name), tracking_value_ids=tracking_values
                )
