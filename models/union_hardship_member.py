from odoo import _, api, fields, models

from ..union_relief import bounds
from ..utils.bounds import check_bounds
from .union_hardship_file import (
    check_household_create,
    check_household_write,
    normalize_identification,
)

SCHOOL_LEVELS = [
    ("preschool", "Preschool"),
    ("primary", "Primary school"),
    ("junior_high", "Junior high school"),
    ("senior_high", "Senior high school"),
    ("vocational", "Vocational school"),
    ("university", "University"),
]
# What makes the household's size and income: fixed with the file's figures.
HOUSEHOLD_FIGURES = frozenset({"file_id", "in_household", "annual_income"})


class UnionHardshipMember(models.Model):
    _name = "union.hardship.member"
    _description = "Household Member"
    _order = "file_id, sequence, id"

    file_id = fields.Many2one(
        comodel_name="union.hardship.file",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="file_id.company_id", store=True)
    currency_id = fields.Many2one(related="file_id.currency_id")
    sequence = fields.Integer(default=10)
    name = fields.Char(
        string="Full Name",
        required=True,
    )
    relation = fields.Selection(
        selection=[
            ("spouse", "Spouse"),
            ("child", "Child"),
            ("parent", "Parent"),
            ("parent_in_law", "Parent-in-law"),
            ("sibling", "Sibling"),
            ("grandchild", "Grandchild"),
            ("other", "Other"),
        ],
        required=True,
    )
    identification_number = fields.Char(string="Resident ID Number")
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Contact for Payments",
        readonly=True,
        copy=False,
        help="Made the first time a relief grant pays this member (a widow receiving "
        "the condolence money of a deceased worker, a guardian).",
    )
    birth_date = fields.Date()
    in_household = fields.Boolean(
        string="Lives in the Household",
        default=True,
    )
    annual_income = fields.Monetary()
    health_status = fields.Selection(
        selection=[
            ("healthy", "Healthy"),
            ("chronic", "Chronic illness"),
            ("serious", "Serious illness"),
            ("disabled", "Disabled"),
        ],
        default="healthy",
    )
    insurance = fields.Selection(
        selection=[
            ("employee", "Employee medical insurance"),
            ("resident", "Resident medical insurance"),
            ("commercial", "Commercial insurance"),
            ("none", "None"),
        ],
    )
    school_or_employer = fields.Char(
        help="School and grade of a pupil or student, or the employer of a working member.",
    )
    school_level = fields.Selection(
        selection=SCHOOL_LEVELS,
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            normalize_identification(self.env, vals)
        check_household_create(self, vals_list)
        return super().create(vals_list)

    def write(self, vals):
        normalize_identification(self.env, vals)
        check_household_write(self, vals, HOUSEHOLD_FIGURES)
        return super().write(vals)

    def _get_payment_contact(self):
        """The member's contact for payments, made from the household record the
        first time it is needed (as the system: officers do not manage contacts)."""
        self.ensure_one()
        member = self.sudo()
        if not member.partner_id:
            member.partner_id = self.env["res.partner"].sudo().create({
                "name": member.name,
                "type": "contact",
                "company_id": member.company_id.id,
                "comment": _("Household member of the hardship file %s", member.file_id.name),
            })
        return member.partner_id

    @api.ondelete(at_uninstall=False)
    def _unlink_except_filed_household(self):
        if not self.env.su:
            self.file_id._check_household_editable()

    @api.constrains("name", "annual_income", "birth_date")
    def _check_plausible_figures(self):
        today = fields.Date.context_today(self)
        for member in self:
            check_bounds(member, "name", bounds.check_text)
            check_bounds(member, "annual_income", bounds.check_amount)
            check_bounds(
                member, "birth_date", bounds.check_date_not_future, today,
                bounds.EARLIEST_BIRTH_DATE,
            )
