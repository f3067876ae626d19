from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty

from ..union_relief import collective
from ..utils.deadlines import compute_overdue, overdue_domain
from ..utils.groups import OFFICER
from .union_workflow_mixin import Transition

ACTIVITY_REPLY = "union_relief.mail_activity_type_negotiation_reply"
# Data entered before a step, frozen once the session took it:
# {field: states in which it may still be written}.
STEP_FIELDS = {
    **dict.fromkeys(
        ("meeting_datetime", "location", "attendee_ids", "minutes"), ("awaiting_reply", "replied")
    ),
    "draft_version_id": ("awaiting_reply", "replied", "held"),
}


class UnionNegotiationSession(models.Model):
    _name = "union.negotiation.session"
    _description = "Collective Negotiation Session"
    _inherit = ["mail.thread", "mail.activity.mixin", "union.workflow.mixin"]
    _order = "request_date desc, id desc"
    _check_company_auto = True

    _workflow_system_fields = frozenset({"draft_agreed"})
    # the written request and reply are evidence of the negotiation's deadlines
    _workflow_frozen_fields = frozenset({
        "contract_id", "requesting_side", "request_date", "request_document",
        "request_document_name", "reply_date", "reply_document", "reply_document_name",
        "organization_id", "company_id",
    })
    _workflow_field_editable_states = STEP_FIELDS
    _workflow_editable_states = ("awaiting_reply",)
    _workflow_deletable_states = ("awaiting_reply",)
    # the organisation follows the contract
    _workflow_organization_field = "contract_id"

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
        tracking=True,
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
        required=True,
        default="awaiting_reply",
        copy=False,
        index=True,
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
        tracking=True,
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
    location = fields.Char(
        tracking=True,
    )
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
        tracking=True,
    )
    draft_agreed = fields.Boolean(
        readonly=True,
        copy=False,
        tracking=True,
        help="Both sides agreed on the draft; it goes to the workers' congress.",
    )

    @api.depends("request_date")
    def _compute_reply_due_date(self):
        for session in self:
            session.reply_due_date = (
                collective.reply_due_date(session.request_date) if session.request_date else False
            )

    @api.depends("reply_due_date", "reply_date")
    def _compute_reply_overdue(self):
        compute_overdue(self, "reply_overdue", "reply_due_date", "reply_date")

    def _search_reply_overdue(self, operator, value):
        return overdue_domain(self, "reply_due_date", "reply_date", operator, value)

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

    # ------------------------------------------------------------------
    # Workflow table (see doc/workflows.md)
    # ------------------------------------------------------------------

    @api.model
    def _workflow_transitions(self):
        return {
            "record_reply": Transition(
                ("awaiting_reply",), "replied", (OFFICER,), (ACTIVITY_REPLY,)
            ),
            # the sides may meet before the written reply came
            "record_meeting": Transition(
                ("awaiting_reply", "replied"), "held", (OFFICER,), (ACTIVITY_REPLY,)
            ),
            "agree": Transition(("held",), "agreed", (OFFICER,)),
            "reopen": Transition(("replied", "held", "agreed"), "awaiting_reply", (OFFICER,)),
        }

    @api.model
    def _workflow_action_labels(self):
        return {
            "record_reply": _("record the written reply of"),
            "record_meeting": _("record the meeting of"),
            "agree": _("record the draft agreed in"),
            "reopen": _("reopen"),
        }

    def action_record_reply(self):
        self._workflow_check("record_reply")
        self._check_can_record_reply()
        self._workflow_apply("record_reply")
        return True

    def action_record_meeting(self):
        self._workflow_check("record_meeting")
        self._check_can_record_meeting()
        self._workflow_apply("record_meeting")
        return True

    def action_agree(self):
        self._workflow_check("agree")
        self._workflow_apply("agree", {"draft_agreed": True})
        return True

    def action_reopen(self):
        self._workflow_check("reopen")
        self._check_can_reopen()
        self._workflow_apply("reopen", {"draft_agreed": False})
        return True

    def _check_can_record_reply(self):
        for session in self:
            if not session.reply_date:
                raise UserError(_("Enter the date of the written reply to %s.", session.name))

    def _check_can_record_meeting(self):
        for session in self:
            if is_html_empty(session.minutes):
                raise UserError(_("Write the minutes of the meeting %s.", session.name))

    def _check_can_reopen(self):
        for session in self:
            if session.contract_id.state not in ("draft", "negotiating"):
                raise UserError(_(
                    "%(contract)s is no longer being negotiated: the sessions of its "
                    "negotiation stay as they were.",
                    contract=session.contract_id.display_name,
                ))

    def _schedule_reply_activity(self):
        side_labels = dict(self._fields["requesting_side"]._description_selection(self.env))
        for session in self:
            session.contract_id._schedule_deadline(
                ACTIVITY_REPLY,
                session.reply_due_date,
                _(
                    "Written reply to the request of the %(side)s side due",
                    side=side_labels[session.requesting_side],
                ),
                record=session,
            )
