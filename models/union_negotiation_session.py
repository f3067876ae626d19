from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty

from ..union_relief import collective


class UnionNegotiationSession(models.Model):
    _name = "union.negotiation.session"
    _description = "Collective Negotiation Session"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "request_date desc, id desc"
    _check_company_auto = True

    # === Identity fields === #
    name = fields.Char(
        string="Subject",
        required=True,
        tracking=True,
    )
    contract_id = fields.Many2one(
        comodel_name="union.collective.contract",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    organization_id = fields.Many2one(
        related="contract_id.organization_id",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(
        related="contract_id.company_id",
        store=True,
    )
    state = fields.Selection(
        selection=[
            ("awaiting_reply", "Awaiting Reply"),
            ("replied", "Replied"),
            ("held", "Meeting Held"),
            ("agreed", "Draft Agreed"),
        ],
        string="Status",
        compute="_compute_state",
        store=True,
        tracking=True,
    )

    # === Request fields === #
    requesting_side = fields.Selection(
        selection=[
            ("union", "Union"),
            ("employer", "Employer"),
        ],
        string="Requested By",
        required=True,
        default="union",
    )
    request_date = fields.Date(
        string="Written Request Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    request_document = fields.Binary(
        string="Written Request",
        attachment=True,
    )
    request_document_name = fields.Char()
    reply_due_date = fields.Date(
        string="Reply Due",
        compute="_compute_reply_due_date",
        store=True,
        help="The other side replies in writing within 20 days of the request.",
    )
    reply_date = fields.Date(
        string="Written Reply Date",
        tracking=True,
    )
    reply_document = fields.Binary(
        string="Written Reply",
        attachment=True,
    )
    reply_document_name = fields.Char()
    reply_overdue = fields.Boolean(
        compute="_compute_reply_overdue",
        search="_search_reply_overdue",
    )

    # === Meeting fields === #
    meeting_datetime = fields.Datetime(
        string="Meeting",
        tracking=True,
    )
    location = fields.Char()
    attendee_ids = fields.Many2many(
        comodel_name="union.contract.representative",
        string="Attendees",
        domain="[('contract_id', '=', contract_id)]",
    )
    minutes = fields.Html()
    draft_version_id = fields.Many2one(
        comodel_name="union.collective.contract.version",
        string="Draft Discussed",
        domain="[('contract_id', '=', contract_id)]",
    )
    draft_agreed = fields.Boolean(
        tracking=True,
        help="Both sides agreed on the draft; it goes to the workers' congress.",
    )

    @api.depends("request_date")
    def _compute_reply_due_date(self):
        for session in self:
            session.reply_due_date = (
                collective.reply_due_date(session.request_date) if session.request_date else False
            )

    @api.depends("reply_date", "minutes", "draft_agreed")
    def _compute_state(self):
        for session in self:
            if session.draft_agreed:
                session.state = "agreed"
            elif not is_html_empty(session.minutes):
                session.state = "held"
            elif session.reply_date:
                session.state = "replied"
            else:
                session.state = "awaiting_reply"

    @api.depends("reply_due_date", "reply_date")
    def _compute_reply_overdue(self):
        today = fields.Date.context_today(self)
        for session in self:
            session.reply_overdue = collective.is_overdue(
                session.reply_due_date, session.reply_date, today
            )

    def _search_reply_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Filter on overdue replies with = or != and a yes/no value."))
        overdue = [
            ("reply_due_date", "<", fields.Date.context_today(self)),
            ("reply_date", "=", False),
        ]
        if (operator == "=") == value:
            return overdue
        return ["!", "&", *overdue]

    @api.constrains("request_date", "reply_date")
    def _check_reply_date(self):
        for session in self:
            if session.reply_date and session.reply_date < session.request_date:
                raise ValidationError(
                    _("The written reply cannot come before the written request.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        sessions = super().create(vals_list)
        sessions.filtered(lambda s: not s.reply_date)._schedule_reply_activity()
        return sessions

    def write(self, vals):
        res = super().write(vals)
        if vals.get("reply_date"):
            self.activity_feedback(["union_relief.mail_activity_type_negotiation_reply"])
        return res

    def _schedule_reply_activity(self):
        side_labels = dict(self._fields["requesting_side"]._description_selection(self.env))
        for session in self:
            session.activity_schedule(
                "union_relief.mail_activity_type_negotiation_reply",
                date_deadline=session.reply_due_date,
                summary=_(
                    "Written reply to the request of the %(side)s side due",
                    side=side_labels[session.requesting_side],
                ),
                user_id=(session.contract_id.user_id or self.env.user).id,
            )
