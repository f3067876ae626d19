from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..union_relief import bounds
from ..utils.bounds import check_bounds
from ..utils.groups import CENTRE
from .union_workflow_mixin import Transition


class UnionHardshipObjection(models.Model):
    _name = "union.hardship.objection"
    _description = "Objection during a Public Notice"
    _inherit = ["union.workflow.mixin"]
    _order = "date desc, id desc"

    # what was objected and decided, fixed once the relief centre decided (the
    # file never changes, see ``write``)
    _workflow_frozen_fields = frozenset({"date", "raised_by", "content", "resolution"})
    _workflow_editable_states = ("open",)
    # an objection blocks the filing until the relief centre decides on it
    _workflow_deletable_states = ()

    file_id = fields.Many2one(
        comodel_name="union.hardship.file",
        required=True,
        ondelete="cascade",
        index=True,
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
    )
    raised_by = fields.Char(
        help="Who raised the objection; leave empty for an anonymous objection.",
    )
    content = fields.Text(required=True)
    state = fields.Selection(
        selection=[
            ("open", "Open"),
            ("upheld", "Upheld"),
            ("dismissed", "Dismissed"),
        ],
        required=True,
        default="open",
    )
    resolution = fields.Text(
        help="What was checked and why the objection is upheld or dismissed.",
    )

    @api.constrains("date", "state", "resolution")
    def _check_objection(self):
        today = fields.Date.context_today(self)
        for objection in self:
            check_bounds(objection, "date", bounds.check_date_not_future, today)
        self.filtered(lambda o: o.state != "open")._check_can_decide()

    def write(self, vals):
        if not self.env.su and "file_id" in vals and any(
            objection.file_id.id != vals["file_id"] for objection in self
        ):
            raise UserError(_(
                "An objection stays on the file it was raised against; record a new "
                "objection on the other file."
            ))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Workflow table (see doc/workflows.md)
    # ------------------------------------------------------------------

    @api.model
    def _workflow_transitions(self):
        return {
            "uphold": Transition(("open",), "upheld", (CENTRE,)),
            "dismiss": Transition(("open",), "dismissed", (CENTRE,)),
        }

    @api.model
    def _workflow_action_labels(self):
        return {
            "uphold": _("uphold"),
            "dismiss": _("dismiss"),
        }

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_uphold(self):
        self._workflow_check("uphold")
        self._check_can_decide()
        self._workflow_apply("uphold")
        return True

    def action_dismiss(self):
        self._workflow_check("dismiss")
        self._check_can_decide()
        self._workflow_apply("dismiss")
        return True

    def _check_can_decide(self):
        for objection in self:
            if not (objection.resolution or "").strip():
                raise ValidationError(_(
                    "Write the resolution of the objection before upholding or dismissing it."
                ))
