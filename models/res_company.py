from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    union_notice_days = fields.Integer(
        string="Public Notice Days",
        default=5,
        help="How many days a hardship file is shown in public notice before it can be filed.",
    )
    union_review_interval_months = fields.Integer(
        string="Review Interval (Months)",
        default=12,
        help="A filed household is reviewed at least this often.",
    )
    union_spot_check_share = fields.Float(
        string="Spot-check Share",
        default=0.05,
        help="Share of the filed households that are not yet due which the annual "
        "review also picks at random (0.05 = 5%).",
    )
