from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..utils.actions import related_action
from ..utils.groups import AUDITOR, MANAGER
from ..utils.records import compute_count


class UnionOrganization(models.Model):
    _name = "union.organization"
    _description = "Union Organisation"
    _inherit = ["mail.thread"]
    _parent_name = "parent_id"
    _parent_store = True
    _order = "complete_name"
    _rec_name = "complete_name"
    _check_company_auto = True

    # === Identity fields === #
    name = fields.Char(
        required=True,
        translate=True,
        tracking=True,
    )
    complete_name = fields.Char(
        compute="_compute_complete_name",
        recursive=True,
        store=True,
    )
    code = fields.Char(
        help="Short code used in file numbers, e.g. GDJ for the bureau union.",
    )
    organization_type = fields.Selection(
        selection=[
            ("federation", "Federation"),
            ("grassroots", "Grassroots union"),
            ("branch", "Branch"),
            ("sub_branch", "Sub-branch"),
        ],
        string="Type",
        required=True,
        default="grassroots",
        tracking=True,
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )

    # === Tree fields === #
    parent_id = fields.Many2one(
        comodel_name="union.organization",
        string="Parent Organisation",
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many(
        comodel_name="union.organization",
        inverse_name="parent_id",
        string="Sub-organisations",
    )

    # === People fields === #
    department_ids = fields.Many2many(
        comodel_name="hr.department",
        string="Departments",
        check_company=True,
        help="Departments whose employees belong to this organisation.",
    )
    chair_id = fields.Many2one(
        comodel_name="res.users",
        tracking=True,
    )
    officer_ids = fields.Many2many(
        comodel_name="res.users",
        relation="union_organization_officer_rel",
        column1="organization_id",
        column2="user_id",
        string="Officers",
        help="Users who work for this organisation. They see the hardship files of this "
        "organisation and of its sub-organisations.",
    )
    is_relief_station = fields.Boolean(
        string="Relief Station",
        help="The organisation runs a relief centre (帮扶中心/站) that checks and files "
        "hardship files.",
    )
    member_ids = fields.One2many(
        comodel_name="hr.employee",
        inverse_name="union_organization_id",
        string="Members",
    )
    member_count = fields.Integer(
        compute="_compute_member_count",
    )
    is_users_organization = fields.Boolean(
        string="My Organisation",
        compute="_compute_is_users_organization",
        search="_search_is_users_organization",
        help="The current user works for this organisation or one above it; a relief "
        "manager or an auditor works for every organisation.",
    )

    # === Collective contract fields === #
    collective_contract_required = fields.Boolean(
        string="Must Have a Collective Contract",
        compute="_compute_collective_contract_required",
        store=True,
        readonly=False,
        help="Counted in the denominator of the signing rate. Grassroots unions sign "
        "collective contracts with their employer; branches are covered by them.",
    )
    collective_contract_ids = fields.One2many(
        comodel_name="union.collective.contract",
        inverse_name="organization_id",
        string="Collective Contracts",
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of a union organisation must be unique in its company.",
        ),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for organization in self:
            if organization.parent_id:
                organization.complete_name = "%s / %s" % (
                    organization.parent_id.complete_name,
                    organization.name,
                )
            else:
                organization.complete_name = organization.name

    def _compute_member_count(self):
        # counted on the public profiles: union roles are not HR users
        compute_count(self, "member_count", "hr.employee.public", "union_organization_id")

    def _compute_is_users_organization(self):
        mine = self.search([("id", "in", self.ids), ("is_users_organization", "=", True)])
        for organization in self:
            organization.is_users_organization = organization in mine

    def _search_is_users_organization(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Operation not supported"))
        # the roles whose record rules give them the whole company
        if any(self.env.user.has_group(group) for group in (MANAGER, AUDITOR)):
            domain = [(1, "=", 1)]
        else:
            domain = [("id", "child_of", self.env.user.union_organization_ids.ids)]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends("organization_type")
    def _compute_collective_contract_required(self):
        for organization in self:
            organization.collective_contract_required = (
                organization.organization_type == "grassroots"
            )

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(
                _("A union organisation cannot be its own parent or ancestor.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        organizations = super().create(vals_list)
        organizations._add_chair_to_officers()
        self.env.registry.clear_cache()
        return organizations

    def write(self, vals):
        if vals.get("parent_id"):
            # checked before writing: a cycle would make complete_name recurse forever
            descendants = self.search([("id", "child_of", self.ids)])
            if vals["parent_id"] in descendants.ids:
                raise ValidationError(
                    _("A union organisation cannot be its own parent or ancestor.")
                )
        res = super().write(vals)
        if "chair_id" in vals:
            self._add_chair_to_officers()
        if {"chair_id", "officer_ids", "parent_id", "active"} & set(vals):
            # record rules read the officers' organisations: drop cached domains
            self.env.registry.clear_cache()
        return res

    def _add_chair_to_officers(self):
        for organization in self.filtered("chair_id"):
            if organization.chair_id not in organization.officer_ids:
                organization.officer_ids = [fields.Command.link(organization.chair_id.id)]

    def _relief_station(self):
        """The nearest relief station at or above the organisation (the organisation
        itself when there is none): it checks the hardship files and issues the
        public notices of its organisations."""
        self.ensure_one()
        organization = self.sudo()
        while organization and not organization.is_relief_station:
            organization = organization.parent_id
        return organization or self.sudo()

    def _get_file_sequence(self):
        """The sequence numbering this organisation's hardship files, restarting yearly."""
        self.ensure_one()
        code = "union.hardship.file.%s" % self.id
        sequence = self.env["ir.sequence"].sudo().search([("code", "=", code)], limit=1)
        if not sequence:
            sequence = self.env["ir.sequence"].sudo().create({
                "name": _("Hardship files of %s", self.name),
                "code": code,
                "company_id": self.company_id.id,
                "use_date_range": True,
                "padding": 0,
                "number_increment": 1,
            })
        return sequence

    def action_view_members(self):
        self.ensure_one()
        return related_action(
            self, "hr.employee", "union_organization_id", _("Members of %s", self.display_name),
            operator="child_of",
        )
