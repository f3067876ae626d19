from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class UnionHardshipObjection(models.Model):
    _name = "union.hardship.objection"
    _description = "Objection during a Public Notice"
    _order = "date desc, id desc"

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
            if objection.date > today:
                raise ValidationError(_("The date of an objection cannot be in the future."))
            if objection.state != "open" and not (objection.resolution or "").strip():
                raise ValidationError(_(
                    "Write the resolution of the objection before upholding or dismissing it."
                ))
