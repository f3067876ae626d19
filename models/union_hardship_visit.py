from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


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
        today = fields.Date.context_today(self)
        for visit in self:
            if visit.date > today:
                raise ValidationError(_(
                    "A home visit cannot be recorded in the future (%s): record it after it "
                    "took place.", visit.date
                ))
            if visit.follow_up_date and visit.follow_up_date < visit.date:
                raise ValidationError(_("The follow-up date comes after the visit."))

    @api.model_create_multi
    def create(self, vals_list):
        visits = super().create(vals_list)
        visits._schedule_follow_up()
        return visits

    def write(self, vals):
        res = super().write(vals)
        if vals.get("follow_up_date"):
            self._schedule_follow_up()
        return res

    def _schedule_follow_up(self):
        for visit in self.filtered("follow_up_date"):
            visit.file_id.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=visit.follow_up_date,
                summary=_("Follow-up home visit"),
                user_id=visit.visitor_ids[:1].id or self.env.uid,
            )
