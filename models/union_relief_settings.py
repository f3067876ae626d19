from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..union_relief import review as review_rules
from ..utils.groups import MANAGER
from ..utils.messages import domain_errors


class UnionReliefSettings(models.TransientModel):
    """The relief manager's settings of the company's relief work.

    Odoo's Settings (``res.config.settings``) are for administrators only; the
    relief manager sets the union's own figures here, and they are written onto
    the company."""

    _name = "union.relief.settings"
    _description = "Union Relief Settings"

    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    notice_days = fields.Integer(
        string="Public Notice Days",
        default=lambda self: self.env.company.union_notice_days,
        help="How many days a hardship file is shown in public notice before it can be filed.",
    )
    review_interval_months = fields.Integer(
        string="Review Interval (Months)",
        default=lambda self: self.env.company.union_review_interval_months,
        help="A filed household is reviewed at least this often.",
    )
    spot_check_share = fields.Float(
        string="Spot-check Share",
        default=lambda self: self.env.company.union_spot_check_share,
        help="Share of the filed households that are not yet due which the annual "
        "review also picks at random (0.05 = 5%).",
    )
    payment_run_threshold = fields.Integer(
        string="Background Payment Threshold",
        default=lambda self: self.env.company.union_payment_run_threshold,
        help="A payment run of more grants than this is paid in the background, in "
        "chunks; smaller runs are paid at once.",
    )
    complaint_phone = fields.Char(
        default=lambda self: self.env.company.union_complaint_phone,
        help="Printed on the public notices of hardship files and relief grants: the "
        "number to call with an objection during the notice period.",
    )

    @api.constrains("spot_check_share")
    def _check_spot_check_share(self):
        for settings in self:
            with domain_errors(self.env, ValidationError):
                review_rules.spot_check_count(0, settings.spot_check_share)

    def action_save(self):
        self.ensure_one()
        self._check_can_save()
        self._do_save()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": "success", "message": _("The settings are saved.")},
        }

    def _check_can_save(self):
        if not self.env.user.has_group(MANAGER):
            raise AccessError(_("Only a relief manager changes the union relief settings."))

    def _do_save(self):
        # the company is written by administrators only: the guard checked the group;
        # the company's constraints check the figures
        self.company_id.sudo().write(self._prepare_company_vals())

    def _prepare_company_vals(self):
        return {
            "union_notice_days": self.notice_days,
            "union_review_interval_months": self.review_interval_months,
            "union_spot_check_share": self.spot_check_share,
            "union_complaint_phone": self.complaint_phone,
            "union_payment_run_threshold": self.payment_run_threshold,
        }
