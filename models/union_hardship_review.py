from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..union_relief import bounds
from ..union_relief import review as review_rules
from ..utils.bounds import check_bounds
from ..utils.groups import CENTRE
from ..utils.records import QUIET
from .union_hardship_file import CATEGORIES, SENSITIVE
from .union_workflow_mixin import Transition

# Set when the review is opened for a filed household, by the system only.
WORKFLOW_FIELDS = frozenset({"file_id", "organization_id", "company_id", "review_type", "due_date"})
# What the review found and decided, fixed once it is applied or cancelled.
FROZEN_FIELDS = frozenset({
    "review_date", "reviewer_id", "findings", "outcome", "new_category", "new_subclass_id",
    "reason",
})
CLOSING_OUTCOMES = {"exit": "exited", "withdraw": "withdrawn"}


class UnionHardshipReview(models.Model):
    _name = "union.hardship.review"
    _description = "Annual Review of a Hardship File"
    _inherit = ["mail.thread", "mail.activity.mixin", "union.workflow.mixin"]
    _order = "due_date, id"

    _workflow_system_fields = WORKFLOW_FIELDS
    _workflow_frozen_fields = FROZEN_FIELDS
    _workflow_editable_states = ("open",)
    _workflow_deletable_states = ()

    file_id = fields.Many2one(
        comodel_name="union.hardship.file",
        string="Hardship File",
        required=True,
        ondelete="cascade",
        index=True,
    )
    organization_id = fields.Many2one(
        comodel_name="union.organization",
        string="Union Organisation",
        required=True,
        index=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
    )
    review_type = fields.Selection(
        selection=[
            ("scheduled", "Scheduled review"),
            ("spot_check", "Spot check"),
        ],
        required=True,
        default="scheduled",
    )
    state = fields.Selection(
        selection=[
            ("open", "Open"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="open",
        tracking=True,
        index=True,
    )
    due_date = fields.Date(required=True)
    review_date = fields.Date(tracking=True)
    reviewer_id = fields.Many2one(
        comodel_name="res.users",
        tracking=True,
    )
    current_category = fields.Selection(
        related="file_id.category",
        string="Current Category",
    )
    findings = fields.Html(groups=SENSITIVE)
    outcome = fields.Selection(
        selection=[
            ("continue", "Continue support"),
            ("change_category", "Change category"),
            ("exit", "Exit hardship"),
            ("withdraw", "Withdraw the file"),
        ],
        tracking=True,
    )
    new_category = fields.Selection(
        selection=CATEGORIES,
        tracking=True,
    )
    new_subclass_id = fields.Many2one(
        comodel_name="union.hardship.subclass",
        string="New Sub-class",
        tracking=True,
        domain="[('category', 'in', [False, new_category])]",
    )
    reason = fields.Text(
        tracking=True,
        help="Why the file continues, changes category or closes; copied to the file.",
    )

    @api.depends("file_id", "due_date")
    def _compute_display_name(self):
        for review in self:
            review.display_name = _(
                "Review of %(file)s (%(date)s)", file=review.file_id.display_name, date=review.due_date
            )

    @api.constrains("review_date")
    def _check_review_date(self):
        today = fields.Date.context_today(self)
        for review in self:
            check_bounds(review, "review_date", bounds.check_date_not_future, today)

    # ------------------------------------------------------------------
    # Workflow table (see doc/workflows.md)
    # ------------------------------------------------------------------

    @api.model
    def _workflow_transitions(self):
        return {
            "apply": Transition(("open",), "done", (CENTRE,)),
            "cancel": Transition(("open",), "cancelled", (CENTRE,)),
        }

    @api.model
    def _workflow_action_labels(self):
        return {
            "apply": _("apply"),
            "cancel": _("cancel"),
        }

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_apply(self):
        self._workflow_check("apply")
        self._check_can_apply()
        self._do_apply()
        return True

    def action_cancel(self):
        self._workflow_check("cancel")
        self._do_cancel()
        return True

    def _cancel_for_closed_file(self):
        """Cancel the open reviews of files that are being closed; the file
        leaves its review by its own closing."""
        self._workflow_check("cancel")
        self._workflow_apply("cancel")

    def _check_can_apply(self):
        for review in self:
            if not review.outcome:
                raise UserError(_("Choose the outcome of %s.", review.display_name))
            if review.outcome == "change_category":
                if not review.new_category:
                    raise UserError(_("Choose the new category of %s.", review.file_id.display_name))
                file = review.file_id
                if (review.new_category, review.new_subclass_id) == (file.category, file.subclass_id):
                    raise UserError(_("The new category is the file's current category."))
            if review.outcome != "continue" and not (review.reason or "").strip():
                raise UserError(_("Give the reason for the outcome of %s.", review.display_name))

    def _do_apply(self):
        today = fields.Date.context_today(self)
        for review in self:
            review_date = review.review_date or today
            review._workflow_apply("apply", {
                "review_date": review_date,
                "reviewer_id": review.reviewer_id.id or self.env.uid,
            })
            file = review.file_id
            if review.outcome in CLOSING_OUTCOMES:
                file._close(CLOSING_OUTCOMES[review.outcome], review.reason, review_date)
            elif review.outcome == "change_category":
                file._end_review(
                    review_date,
                    category=review.new_category,
                    subclass=review.new_subclass_id,
                    reason=review.reason,
                )
            else:
                file._end_review(review_date)

    def _do_cancel(self):
        self._workflow_apply("cancel")
        self.file_id.filtered(lambda f: f.state == "review")._end_review()

    # ------------------------------------------------------------------
    # Opening reviews in batch
    # ------------------------------------------------------------------

    @api.model
    def _cron_open_due_reviews(self):
        companies = self.env["res.company"].search([])
        for company in companies:
            self.with_company(company)._open_due_reviews(company)

    @api.model
    def _open_due_reviews(self, company, organization=None, today=None):
        """Open a review for every filed household of ``company`` (optionally of one
        organisation subtree) that is due, plus a random share of spot checks.

        The cost is a fixed number of queries whatever the number of files: one
        search-and-read, the lock and update of the files' state, and the inserts.

        :return: the created reviews
        """
        today = today or fields.Date.context_today(self)
        domain = [("state", "=", "filed"), ("company_id", "=", company.id)]
        if organization:
            domain.append(("organization_id", "child_of", organization.id))
        files = self.env["union.hardship.file"].search_fetch(
            domain, ["next_review_date", "organization_id"], order="id"
        )
        due = files.filtered(lambda f: f.next_review_date and f.next_review_date <= today)
        not_due = files - due
        spot_ids = review_rules.select_spot_checks(
            not_due.ids, company.union_spot_check_share, seed="%s-%s" % (company.id, today)
        )
        spot_checks = self.env["union.hardship.file"].browse(spot_ids)
        vals_list = [
            self._prepare_review_vals(file, "scheduled", file.next_review_date, company)
            for file in due
        ] + [
            self._prepare_review_vals(file, "spot_check", today, company)
            for file in spot_checks
        ]
        (due | spot_checks).with_context(**QUIET)._start_review()
        # the files checked that the user may review them: the system opens the reviews
        reviews = self.sudo().with_context(**QUIET).create(vals_list)
        return reviews.with_env(self.env)

    @api.model
    def _prepare_review_vals(self, file, review_type, due_date, company):
        return {
            "file_id": file.id,
            "organization_id": file.organization_id.id,
            "company_id": company.id,
            "review_type": review_type,
            "due_date": due_date,
            "state": "open",
        }
