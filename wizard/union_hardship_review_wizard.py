from odoo import _, fields, models
from odoo.exceptions import UserError

from ..utils.actions import list_action


class UnionHardshipReviewWizard(models.TransientModel):
    _name = "union.hardship.review.wizard"
    _description = "Open Annual Reviews"

    organization_id = fields.Many2one(
        comodel_name="union.organization",
        string="Union Organisation",
        required=True,
        default=lambda self: self.env.user._union_default_organization(),
        help="Reviews are opened for the filed households of this organisation and of "
        "its sub-organisations.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        related="organization_id.company_id",
    )

    def action_open_reviews(self):
        self.ensure_one()
        reviews = self.env["union.hardship.review"]._open_due_reviews(
            self.organization_id.company_id, organization=self.organization_id
        )
        if not reviews:
            raise UserError(_(
                "No filed household of %s is due for review and none was drawn for a spot check.",
                self.organization_id.display_name,
            ))
        return list_action(reviews, _("Opened Reviews"))
