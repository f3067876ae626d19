from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..union_relief import collective
from ..utils.messages import domain_errors
from .union_collective_contract import ACTIVITY_VACANCY, SIGNABLE


class UnionContractRepresentative(models.Model):
    _name = "union.contract.representative"
    _description = "Collective Negotiation Representative"
    _inherit = ["union.locked.line.mixin"]
    _order = "contract_id, side desc, is_chief desc, sequence, id"
    _check_company_auto = True

    # who negotiated and signed a contract is part of its record
    _locked_line_parent_field = "contract_id"
    _locked_line_open_states = SIGNABLE

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
    sequence = fields.Integer(
        default=10,
    )
    side = fields.Selection(
        selection=[
            ("union", "Union"),
            ("employer", "Employer"),
        ],
        required=True,
        default="union",
    )
    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        check_company=True,
    )
    name = fields.Char(
        string="Full Name",
        compute="_compute_name",
        store=True,
        readonly=False,
        required=True,
    )
    job_title = fields.Char(
        string="Position",
        compute="_compute_name",
        store=True,
        readonly=False,
    )
    is_chief = fields.Boolean(
        string="Chief",
        help="Chief representative (首席代表) of this side; exactly one per side.",
    )
    date_left = fields.Date(
        string="Left On",
        help="The representative left the negotiation; the vacancy must be filled "
        "within 15 days.",
    )
    vacancy_fill_deadline = fields.Date(
        string="Fill Vacancy By",
        compute="_compute_vacancy_fill_deadline",
        store=True,
    )

    @api.depends("employee_id")
    def _compute_name(self):
        for representative in self.filtered("employee_id"):
            representative.name = representative.employee_id.name
            representative.job_title = representative.employee_id.job_title

    @api.depends("date_left")
    def _compute_vacancy_fill_deadline(self):
        for representative in self:
            representative.vacancy_fill_deadline = (
                collective.vacancy_fill_deadline(representative.date_left)
                if representative.date_left
                else False
            )

    @api.constrains("contract_id", "side", "is_chief", "date_left")
    def _check_limits(self):
        for contract in self.contract_id:
            counts, chiefs = contract._representative_tally()
            with domain_errors(self.env, ValidationError, labels=contract._contract_error_labels):
                collective.check_representatives_limits(counts, chiefs)

    @api.model_create_multi
    def create(self, vals_list):
        representatives = super().create(vals_list)
        representatives.contract_id._close_filled_vacancies()
        return representatives

    def write(self, vals):
        newly_left = self.filtered(lambda r: not r.date_left) if vals.get("date_left") else self.browse()
        res = super().write(vals)
        newly_left._schedule_vacancy_activity()
        if "date_left" in vals and not vals["date_left"]:
            self.contract_id._close_filled_vacancies()
        return res

    def _locked_line_message(self, parent):
        return _(
            "%(contract)s is %(state)s: its negotiation representatives can no longer be "
            "changed.",
            contract=parent.display_name,
            state=parent._workflow_state_label(),
        )

    def _schedule_vacancy_activity(self):
        side_labels = dict(self._fields["side"]._description_selection(self.env))
        for representative in self:
            contract = representative.contract_id
            if contract.state not in SIGNABLE:
                continue
            contract._schedule_deadline(
                ACTIVITY_VACANCY,
                representative.vacancy_fill_deadline,
                _(
                    "Replace %(name)s (%(side)s side) as negotiation representative",
                    name=representative.name,
                    side=side_labels[representative.side],
                ),
            )

    def _prepare_copy_vals(self):
        self.ensure_one()
        return {
            "side": self.side,
            "employee_id": self.employee_id.id,
            "name": self.name,
            "job_title": self.job_title,
            "is_chief": self.is_chief,
            "sequence": self.sequence,
        }
