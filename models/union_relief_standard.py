from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..union_relief import bounds, relief
from ..union_relief.money import money
from ..utils.bounds import check_bounds
from ..utils.messages import domain_errors
from .union_hardship_file import CATEGORIES
from .union_hardship_member import SCHOOL_LEVELS


class UnionReliefStandard(models.Model):
    _name = "union.relief.standard"
    _description = "Relief Standard"
    _order = "programme_id, sequence, id"
    _check_company_auto = True

    # === Identity fields === #
    name = fields.Char(
        required=True,
        help="How the union calls this line of the schedule, e.g. 'University, filed household'.",
    )
    sequence = fields.Integer(
        default=10,
        help="When two standards are equally specific, the lower sequence wins.",
    )
    programme_id = fields.Many2one(
        comodel_name="union.relief.programme",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        related="programme_id.company_id",
        store=True,
        index=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="programme_id.currency_id",
    )

    # === Criteria fields === #
    scope = fields.Selection(
        selection=[
            ("any", "All households"),
            ("filed", "Filed households"),
            ("not_filed", "Households not filed"),
        ],
        required=True,
        default="any",
    )
    category = fields.Selection(
        selection=CATEGORIES,
        string="Hardship Category",
        help="Empty: any category.",
    )
    cause_id = fields.Many2one(
        comodel_name="union.hardship.cause",
        string="Cause of Hardship",
        help="Empty: any cause.",
    )
    school_level = fields.Selection(
        selection=SCHOOL_LEVELS,
        help="For education aid: the level of the student. Empty: any level.",
    )
    subclass_id = fields.Many2one(
        comodel_name="union.hardship.subclass",
        string="Sub-class",
        help="Empty: any sub-class.",
    )
    date_from = fields.Date(string="Valid From")
    date_to = fields.Date(string="Valid To")

    # === Amount fields === #
    method = fields.Selection(
        selection=[
            ("fixed_person", "Fixed amount per household member"),
            ("fixed_household", "Fixed amount per household"),
            ("rate", "Rate of the cost above a deductible"),
        ],
        string="Calculation",
        required=True,
        default="fixed_household",
    )
    amount = fields.Monetary()
    rate = fields.Float(
        digits=(5, 4),
        help="Share of the out-of-pocket cost above the deductible, e.g. 0.5 for half.",
    )
    deductible = fields.Monetary(
        help="Out-of-pocket cost the household bears before the rate applies.",
    )
    minimum_amount = fields.Monetary(
        help="Smallest grant under a rate, once the cost is above the deductible.",
    )
    grant_cap = fields.Monetary(
        string="Cap per Grant",
        help="Zero: no cap.",
    )
    household_year_cap = fields.Monetary(
        string="Yearly Cap per Household",
        help="Most a household receives from the programme in its fiscal year. Zero: no cap.",
    )

    @api.constrains("name")
    def _check_plausible_name(self):
        for standard in self:
            check_bounds(standard, "name", bounds.check_text)

    @api.constrains(
        "method", "amount", "rate", "deductible", "minimum_amount", "grant_cap",
        "household_year_cap", "date_from", "date_to", "scope",
    )
    def _check_standard(self):
        for standard in self:
            with domain_errors(self.env, ValidationError, subject=standard.name):
                standard._to_core()

    def _to_core(self):
        """This standard as a core ``relief.Standard``."""
        self.ensure_one()
        return relief.Standard(
            id=self.id,
            method=self.method,
            amount=money(self.amount),
            rate=Decimal(str(self.rate or 0)),
            deductible=money(self.deductible),
            minimum=money(self.minimum_amount),
            grant_cap=money(self.grant_cap),
            household_year_cap=money(self.household_year_cap),
            category=self.category or None,
            cause=self.cause_id.id or None,
            school_level=self.school_level or None,
            subclass=self.subclass_id.id or None,
            scope=self.scope,
            date_from=self.date_from or None,
            date_to=self.date_to or None,
            sequence=self.sequence,
        )
