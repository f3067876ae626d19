from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .union_hardship_file import normalize_identification


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
    name = fields.Char(required=True)
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
        selection=[
            ("preschool", "Preschool"),
            ("primary", "Primary school"),
            ("junior_high", "Junior high school"),
            ("senior_high", "Senior high school"),
            ("vocational", "Vocational school"),
            ("university", "University"),
        ],
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            normalize_identification(self.env, vals)
        return super().create(vals_list)

    def write(self, vals):
        normalize_identification(self.env, vals)
        return super().write(vals)

    @api.constrains("annual_income", "birth_date")
    def _check_member_figures(self):
        today = fields.Date.context_today(self)
        for member in self:
            if member.currency_id.compare_amounts(member.annual_income, 0) < 0:
                raise ValidationError(_(
                    "The annual income of household member %s cannot be negative.", member.name
                ))
            if member.birth_date and member.birth_date > today:
                raise ValidationError(_(
                    "The birth date of household member %s is in the future.", member.name
                ))
