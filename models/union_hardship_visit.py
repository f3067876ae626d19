from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..union_relief import bounds
from ..utils.bounds import check_bounds
from ..utils.groups import CENTRE
from .union_hardship_file import ACTIVITY_FOLLOW_UP, APPLICATION_STATES


class UnionHardshipVisit(models.Model):
    _name = "union.hardship.visit"
    _description = "Home Visit"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    file_id = fields.Many2one(
        comodel_name="union.hardship.file",
        string="Hardship File",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    employee_id = fields.Many2one(related="file_id.employee_id", store=True)
    organization_id = fields.Many2one(related="file_id.organization_id", store=True)
    company_id = fields.Many2one(related="file_id.company_id", store=True)
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    visitor_ids = fields.Many2many(
        comodel_name="res.users",
        string="Visitors",
        required=True,
        default=lambda self: self.env.user,
    )
    visit_type = fields.Selection(
        selection=[
            ("survey", "Home survey"),
            ("condolence", "Condolence visit"),
            ("follow_up", "Follow-up"),
            ("review", "Review visit"),
        ],
        required=True,
        default="survey",
    )
    findings = fields.Html(required=True)
    attachment_ids = fields.Many2many(
        comodel_name="ir.attachment",
        string="Attachments",
        help="Photos, signed application, income-check authorisation.",
    )
    follow_up_date = fields.Date(
        help="When set, a follow-up activity is scheduled for the first visitor.",
    )

    @api.depends("file_id", "date")
    def _compute_display_name(self):
        for visit in self:
            visit.display_name = _(
                "Visit %(file)s on %(date)s", file=visit.file_id.display_name, date=visit.date
            )

    @api.constrains("date", "follow_up_date")
    def _check_dates(self):
        for visit in self:
            if visit.follow_up_date and visit.follow_up_date < visit.date:
                raise ValidationError(_("The follow-up date comes after the visit."))

    @api.constrains("date", "follow_up_date")
    def _check_plausible_dates(self):
        today = fields.Date.context_today(self)
        for visit in self:
            check_bounds(visit, "date", bounds.check_date_not_future, today)
            check_bounds(visit, "follow_up_date", bounds.check_date, bounds.end_of_next_year(today))

    @api.model_create_multi
    def create(self, vals_list):
        visits = super().create(vals_list)
        visits._schedule_follow_up()
        return visits

    def write(self, vals):
        if not self.env.su:
            self._check_can_edit(vals)
        res = super().write(vals)
        if vals.get("follow_up_date"):
            self._schedule_follow_up()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_checked(self):
        checked = self.file_id.filtered(lambda f: f.state not in APPLICATION_STATES)
        if checked:
            raise UserError(_(
                "The relief centre checked %s on the strength of its home visits: they are "
                "kept with the file.",
                checked[0].display_name,
            ))

    def _check_can_edit(self, vals):
        """A visit the relief centre relied on is corrected by the centre only;
        officers record a new visit instead."""
        if self.env.user.has_group(CENTRE):
            return
        files = self.file_id
        if vals.get("file_id"):
            files |= files.browse(vals["file_id"])
        checked = files.filtered(lambda f: f.state not in APPLICATION_STATES)
        if checked:
            raise AccessError(_(
                "The relief centre checked %s: its home visits are corrected by the relief "
                "centre only. Record a new visit instead.",
                checked[0].display_name,
            ))

    def _schedule_follow_up(self):
        for visit in self.filtered("follow_up_date"):
            visit.file_id.activity_schedule(
                ACTIVITY_FOLLOW_UP,
                date_deadline=visit.follow_up_date,
                summary=_("Follow-up home visit"),
                user_id=visit.visitor_ids[:1].id or self.env.uid,
            )
