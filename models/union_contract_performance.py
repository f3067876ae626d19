from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..union_relief import bounds, collective
from ..utils.bounds import BoundedInteger, check_bounds
from ..utils.groups import MANAGER, OFFICER
from ..utils.messages import domain_errors
from .union_workflow_mixin import Transition


class UnionContractPerformance(models.Model):
    _name = "union.contract.performance"
    _description = "Collective Contract Performance Check"
    _inherit = ["mail.thread", "mail.activity.mixin", "union.workflow.mixin"]
    _order = "year desc, id desc"
    _check_company_auto = True

    # what the union reports to the workers' congress stays as it was closed
    _workflow_frozen_fields = frozenset({
        "contract_id", "year", "date_check", "user_id", "summary", "organization_id", "company_id",
    })
    # the organisation follows the contract
    _workflow_organization_field = "contract_id"

    @api.model
    def _default_year(self):
        return fields.Date.context_today(self).year

    # === Identity fields === #
    contract_id = fields.Many2one(
        comodel_name="union.collective.contract",
        required=True,
        index=True,
        check_company=True,
        domain="[('state', '=', 'in_force')]",
        tracking=True,
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
    year = BoundedInteger(
        required=True,
        aggregator=None,
        default=_default_year,
        tracking=True,
    )
    date_check = fields.Date(
        string="Check Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Checked By",
        default=lambda self: self.env.user,
        tracking=True,
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("done", "Done"),
        ],
        string="Status",
        required=True,
        default="draft",
        copy=False,
        tracking=True,
    )
    line_ids = fields.One2many(
        comodel_name="union.contract.performance.line",
        inverse_name="performance_id",
        string="Clause Results",
        copy=True,
    )
    summary = fields.Html(
        string="Report to the Workers' Congress",
        help="The union's account of the year's performance, printed in the report.",
    )

    # === Result fields === #
    honoured_count = fields.Integer(
        string="Honoured",
        compute="_compute_results",
        store=True,
    )
    partly_count = fields.Integer(
        string="Partly Honoured",
        compute="_compute_results",
        store=True,
    )
    not_honoured_count = fields.Integer(
        string="Not Honoured",
        compute="_compute_results",
        store=True,
    )
    checked_count = fields.Integer(
        string="Clauses Checked",
        compute="_compute_results",
        store=True,
    )
    performance_rate = fields.Float(
        string="Performance Rate (clauses)",
        compute="_compute_results",
        store=True,
        tracking=True,
        digits=(5, 2),
        aggregator=None,
        help="Clauses honoured ÷ clauses checked × 100. A partly honoured clause "
        "counts as checked but not honoured.",
    )
    agreement_honoured = fields.Boolean(
        string="Agreement Honoured in Full",
        compute="_compute_results",
        store=True,
        help="Every clause checked was honoured in full: the agreement counts as "
        "honoured in the performance rate by agreements.",
    )

    _sql_constraints = [
        (
            "contract_year_uniq",
            "unique(contract_id, year)",
            "A contract has one performance check per year.",
        ),
    ]

    @api.depends("line_ids.result")
    def _compute_results(self):
        for check in self:
            tally = collective.tally_results(check.line_ids.mapped("result"))
            check.honoured_count = tally.honoured
            check.partly_count = tally.partly
            check.not_honoured_count = tally.not_honoured
            check.checked_count = tally.checked
            check.performance_rate = float(tally.rate or 0)
            check.agreement_honoured = collective.agreement_honoured(tally)

    @api.depends("contract_id", "year")
    def _compute_display_name(self):
        for check in self:
            check.display_name = _(
                "%(year)s performance check of %(contract)s",
                year=check.year,
                contract=check.contract_id.display_name or "",
            )

    @api.constrains("contract_id")
    def _check_contract_in_force(self):
        for check in self:
            contract = check.contract_id
            with domain_errors(self.env, ValidationError, labels=contract._contract_error_labels):
                collective.check_performance_allowed(contract.state)

    @api.constrains("year", "date_check")
    def _check_plausible_figures(self):
        today = fields.Date.context_today(self)
        for check in self:
            check_bounds(check, "year", bounds.check_year, today)
            check_bounds(check, "date_check", bounds.check_date_not_future, today)

    @api.onchange("contract_id")
    def _onchange_contract_id(self):
        self.line_ids = [Command.clear()] + [
            Command.create({"clause_id": clause.id}) for clause in self.contract_id.clause_ids
        ]

    # ------------------------------------------------------------------
    # Workflow table (see doc/workflows.md)
    # ------------------------------------------------------------------

    @api.model
    def _workflow_transitions(self):
        return {
            "done": Transition(("draft",), "done", (OFFICER,)),
            # a check reported to the congress is reopened by a manager only
            "reset_to_draft": Transition(("done",), "draft", (MANAGER,)),
        }

    @api.model
    def _workflow_action_labels(self):
        return {
            "done": _("close"),
            "reset_to_draft": _("reopen"),
        }

    def action_done(self):
        self._workflow_check("done")
        self._check_can_close()
        self._workflow_apply("done")
        return True

    def action_reset_to_draft(self):
        self._workflow_check("reset_to_draft")
        self._workflow_apply("reset_to_draft")
        return True

    def action_print_report(self):
        return self.env.ref("union_relief.union_contract_performance_report").report_action(self)

    def _check_can_close(self):
        for check in self:
            if not check.line_ids:
                raise UserError(_("Add the clauses checked before closing %s.", check.display_name))
            unmarked = check.line_ids.filtered(lambda line: not line.result)
            if unmarked:
                raise UserError(
                    _(
                        "Mark every clause as honoured, partly honoured or not honoured; "
                        "still open: %s",
                        ", ".join(unmarked.clause_id.mapped("name")),
                    )
                )
