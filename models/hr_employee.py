import operator as py_operator

from odoo import _, fields, models
from odoo.exceptions import AccessError
from odoo.osv.expression import NEGATIVE_TERM_OPERATORS, TERM_OPERATORS_NEGATION

from ..utils.actions import form_action, list_action
from .union_hardship_file import SENSITIVE

# who reads the membership on the employee (others read the public profile)
MEMBERSHIP = "hr.group_hr_user,union_relief.group_union_member"
OPERATORS_COUNT = {
    "=": py_operator.eq,
    "!=": py_operator.ne,
    "<": py_operator.lt,
    "<=": py_operator.le,
    ">": py_operator.gt,
    ">=": py_operator.ge,
}


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    # === Union membership fields (declared on hr.employee.base) === #
    union_member_number = fields.Char(groups=MEMBERSHIP, tracking=True)
    union_join_date = fields.Date(groups=MEMBERSHIP)
    union_organization_id = fields.Many2one(groups=MEMBERSHIP, index=True, tracking=True)
    union_member_state = fields.Selection(groups=MEMBERSHIP, tracking=True)
    union_retired = fields.Boolean(groups=MEMBERSHIP, tracking=True)
    # Who has a hardship file is sensitive (doc/domain.md §8): the link is computed from
    # the files the user may read, and searching or grouping by it is refused to
    # anybody outside the officers, since a field's groups do not guard domains.
    union_hardship_file_ids = fields.One2many(
        comodel_name="union.hardship.file",
        string="Hardship Files",
        compute="_compute_union_hardship_file_ids",
        search="_search_union_hardship_file_ids",
        groups=SENSITIVE,
    )
    union_hardship_file_count = fields.Integer(
        compute="_compute_union_hardship_file_ids",
        search="_search_union_hardship_file_count",
        groups=SENSITIVE,
    )

    _sql_constraints = [
        (
            "union_member_number_uniq",
            "unique(union_member_number, company_id)",
            "This union member number is already used in the company.",
        ),
    ]

    def _compute_union_hardship_file_ids(self):
        files = dict(
            self.env["union.hardship.file"]._read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["id:recordset"]
            )
        )
        for employee in self:
            employee_files = files.get(employee, self.env["union.hardship.file"])
            employee.union_hardship_file_ids = employee_files
            employee.union_hardship_file_count = len(employee_files)

    def _search_union_hardship_file_ids(self, operator, value):
        self._check_union_hardship_link_access()
        negative = operator in NEGATIVE_TERM_OPERATORS
        if value is False:
            # ('union_hardship_file_ids', '!=', False): the workers with a file
            file_domain, negative = [], not negative
        else:
            file_operator = TERM_OPERATORS_NEGATION[operator] if negative else operator
            file_field = "display_name" if isinstance(value, str) else "id"
            file_domain = [(file_field, file_operator, value)]
        employee_ids = self.env["union.hardship.file"].search(file_domain).employee_id.ids
        return [("id", "not in" if negative else "in", employee_ids)]

    def _search_union_hardship_file_count(self, operator, value):
        self._check_union_hardship_link_access()
        counts = dict(
            self.env["union.hardship.file"]._read_group(
                [("employee_id", "!=", False)], ["employee_id"], ["__count"]
            )
        )
        compare = OPERATORS_COUNT[operator]
        if compare(0, value):
            # workers without a file match too: exclude those that do not
            excluded = [employee.id for employee, count in counts.items() if not compare(count, value)]
            return [("id", "not in", excluded)]
        return [("id", "in", [employee.id for employee, count in counts.items() if compare(count, value)])]

    def _check_union_hardship_link_access(self):
        if not self.env.su and not self.env.user.has_group(SENSITIVE):
            raise AccessError(_(
                "Only union officers may look for workers by their hardship files."
            ))

    def action_view_union_hardship_files(self):
        self.ensure_one()
        files = self.env["union.hardship.file"].search([("employee_id", "=", self.id)])
        open_files = form_action if len(files) == 1 else list_action
        return open_files(files, _("Hardship Files"), context={"default_employee_id": self.id})
