from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    union_notice_days = fields.Integer(
        related="company_id.union_notice_days",
        readonly=False,
    )
    union_review_interval_months = fields.Integer(
        related="company_id.union_review_interval_months",
        readonly=False,
    )
    union_spot_check_share = fields.Float(
        related="company_id.union_spot_check_share",
        readonly=False,
    )
    union_complaint_phone = fields.Char(
        related="company_id.union_complaint_phone",
        readonly=False,
    )

    @api.constrains("union_notice_days", "union_review_interval_months", "union_spot_check_share")
    def _check_union_settings(self):
        for settings in self:
            if settings.union_notice_days < 1:
                raise ValidationError(_("The public notice lasts at least one day."))
            if settings.union_review_interval_months < 1:
                raise ValidationError(_("The review interval is at least one month."))
            if not 0 <= settings.union_spot_check_share <= 1:
                raise ValidationError(_("The spot-check share is a fraction between 0 and 1."))
