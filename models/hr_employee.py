from odoo import _, fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    # === Union membership fields === #
    # Membership is not sensitive; everything about hardship lives on
    # union.hardship.file, never here.
    union_member_number = fields.Char(
        string="Member Number",
        groups="hr.group_hr_user,union_relief.group_union_member",
        tracking=True,
    )
    union_join_date = fields.Date(
        string="Joined the Union",
        groups="hr.group_hr_user,union_relief.group_union_member",
    )
    union_organization_id = fields.Many2one(
        comodel_name="union.organization",
        string="Union Organisation",
        groups="hr.group_hr_user,union_relief.group_union_member",
        index=True,
        tracking=True,
    )
    union_member_state = fields.Selection(
        selection=[
            ("member", "Member"),
            ("suspended", "Suspended"),
            ("left", "Left"),
        ],
        string="Membership Status",
        groups="hr.group_hr_user,union_relief.group_union_member",
        tracking=True,
    )
    union_hardship_file_ids = fields.One2many(
        comodel_name="union.hardship.file",
        inverse_name="employee_id",
        string="Hardship Files",
        groups="union_relief.group_union_officer",
    )
    union_hardship_file_count = fields.Integer(
        compute="_compute_union_hardship_file_count",
        groups="union_relief.group_union_officer",
    )

    _sql_constraints = [
        (
            "union_member_number_uniq",
            "unique(union_member_number, company_id)",
            "This union member number is already used in the company.",
        ),
    ]

    def _compute_union_hardship_file_count(self):
        counts = dict(
            self.env["union.hardship.file"]._read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
            )
        )
        for employee in self:
            employee.union_hardship_file_count = counts.get(employee, 0)

    def action_view_union_hardship_files(self):
        self.ensure_one()
        files = self.env["union.hardship.file"].search([("employee_id", "=", self.id)])
        action = {
            "type": "ir.actions.act_window",
            "name": _("Hardship Files"),
            "res_model": "union.hardship.file",
            "context": {"default_employee_id": self.id},
        }
        if len(files) == 1:
            action.update(view_mode="form", res_id=files.id)
        else:
            action.update(view_mode="list,form", domain=[("id", "in", files.ids)])
        return action
