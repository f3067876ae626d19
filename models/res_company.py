from odoo import api, fields, models

from ..union_relief import bounds, dates
from ..union_relief import review as review_rules
from ..utils.bounds import BoundedInteger, check_bounds


class ResCompany(models.Model):
    _inherit = "res.company"

    union_notice_days = BoundedInteger(
        string="Public Notice Days",
        default=5,
        help="How many days a hardship file is shown in public notice before it can be filed.",
    )
    union_review_interval_months = BoundedInteger(
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
    union_payment_run_threshold = BoundedInteger(
        string="Background Payment Threshold",
        default=500,
        help="A payment run of more grants than this is paid in the background, in "
        "chunks; smaller runs are paid at once.",
    )
    union_complaint_phone = fields.Char(
        string="Complaint Phone",
        help="Printed on the public notices of hardship files and relief grants: the "
        "number to call with an objection during the notice period.",
    )

    @api.constrains("union_notice_days", "union_review_interval_months")
    def _check_union_figures(self):
        for company in self:
            check_bounds(company, "union_notice_days", bounds.check_count, *bounds.NOTICE_DAYS)
            check_bounds(
                company, "union_review_interval_months", bounds.check_count, *bounds.REVIEW_MONTHS
            )

    @api.constrains("union_payment_run_threshold")
    def _check_union_payment_run_threshold(self):
        for company in self:
            check_bounds(
                company, "union_payment_run_threshold", bounds.check_count,
                *bounds.PAYMENT_RUN_THRESHOLD,
            )

    def _union_notice_vals(self, start):
        """The dates of a public notice (of hardship files or relief grants) of
        this company starting on ``start``: it lasts the company's notice days."""
        self.ensure_one()
        return {
            "notice_start_date": start,
            "notice_end_date": dates.notice_end_date(start, self.union_notice_days),
        }

    def _union_next_review_date(self, reference):
        """When a filed household of this company is next reviewed, after a
        review (or its filing) on ``reference``."""
        self.ensure_one()
        return review_rules.next_review_date(reference, self.union_review_interval_months)
