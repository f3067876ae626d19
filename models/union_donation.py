import logging
from collections import defaultdict
from decimal import Decimal

from odoo import _, api, fields, models, modules
from odoo.exceptions import AccessError, UserError, ValidationError

from ..union_relief import donation as donation_rules
from ..union_relief.money import money, rmb_upper_or_empty
from ..utils.actions import wizard_action
from ..utils.groups import ACCOUNTANT, OFFICER
from ..utils.messages import domain_errors
from .union_workflow_mixin import Transition

_logger = logging.getLogger(__name__)

RECEIPT_SEQUENCE = "union.donation.receipt"
THANK_YOU_TEMPLATE = "union_relief.mail_template_union_donation_thank_you"
THANK_YOU_CRON = "union_relief.ir_cron_union_donation_thank_you"
# Donations whose thank-you mails one commit covers: each receipt is a
# wkhtmltopdf run of about a second, so a chunk stays far below the cron time limit.
THANK_YOU_BATCH_SIZE = 20
# Donations one call of the scheduled action takes; Odoo calls it again at once
# while it reports some remaining.
THANK_YOU_RUN_LIMIT = 100
# What a donation is once validated: the receipt, the donor and how the public
# lists show them, the money and where it was booked.
FROZEN_FIELDS = frozenset({
    "name", "campaign_id", "organization_id", "company_id",
    "donor_type", "employee_id", "department_id", "partner_id", "visibility",
    "amount", "date", "method", "product_id", "quantity",
    "collection_id", "payroll_batch_id",
})


class UnionDonation(models.Model):
    _name = "union.donation"
    _description = "Donation"
    _inherit = ["mail.thread", "mail.activity.mixin", "union.workflow.mixin", "union.booked.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "donor_name"]

    _workflow_system_fields = frozenset({"move_id", "reversal_move_id", "thank_you_state"})
    _workflow_frozen_fields = FROZEN_FIELDS
    # validated or cancelled donations are kept: cancelling reverses the entry
    _workflow_deletable_states = ("draft",)

    # === Identity fields === #
    name = fields.Char(
        string="Receipt Number",
        copy=False,
        index=True,
        tracking=True,
        help="Given from the receipt sequence when the donation is validated; enter it "
        "only for a pre-printed paper receipt.",
    )
    campaign_id = fields.Many2one(
        comodel_name="union.donation.campaign",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('state', '=', 'open')]",
    )
    organization_id = fields.Many2one(
        comodel_name="union.organization",
        string="Union Organisation",
        related="campaign_id.organization_id",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="company_id.currency_id",
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("validated", "Validated"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        copy=False,
        index=True,
        tracking=True,
    )

    # === Donor fields === #
    donor_type = fields.Selection(
        selection=[
            ("employee", "Employee"),
            ("department", "Department collection"),
            ("partner", "Company or other donor"),
        ],
        required=True,
        default="employee",
        tracking=True,
    )
    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        index=True,
        tracking=True,
        check_company=True,
    )
    department_id = fields.Many2one(
        comodel_name="hr.department",
        tracking=True,
        check_company=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Donor Partner",
        tracking=True,
        check_company=True,
    )
    donor_name = fields.Char(
        string="Donor",
        compute="_compute_donor_name",
        store=True,
        precompute=True,
    )
    donor_email = fields.Char(
        compute="_compute_donor_email",
    )
    visibility = fields.Selection(
        selection=[
            ("named", "Show the name"),
            ("masked", "Mask the name"),
            ("anonymous", "Anonymous"),
        ],
        string="In Public Lists",
        required=True,
        default="masked",
        tracking=True,
        help="How the donor appears on the public account; the ledger always keeps "
        "who gave.",
    )
    public_name = fields.Char(
        compute="_compute_public_name",
        help="The donor as public lists show it; empty when anonymous.",
    )

    # === Amount fields === #
    amount = fields.Monetary(
        currency_field="currency_id",
        required=True,
        tracking=True,
        help="For a gift in kind, its value.",
    )
    amount_in_words = fields.Char(
        string="Amount in Words",
        compute="_compute_amount_in_words",
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    method = fields.Selection(
        selection=[
            ("cash", "Cash"),
            ("bank", "Bank transfer"),
            ("payroll", "Payroll deduction"),
            ("in_kind", "In kind"),
        ],
        required=True,
        default="cash",
        tracking=True,
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Gift",
        tracking=True,
        check_company=True,
    )
    quantity = fields.Float(
        default=1.0,
        digits="Product Unit of Measure",
        tracking=True,
    )

    # === Link fields === #
    collection_id = fields.Many2one(
        comodel_name="union.donation.collection",
        string="Collection Sheet",
        index="btree_not_null",
        # a sheet deletes its draft lines itself; validated ones keep it alive
        ondelete="restrict",
        tracking=True,
    )
    payroll_batch_id = fields.Many2one(
        comodel_name="union.donation.payroll",
        string="Payroll List",
        index="btree_not_null",
        copy=False,
    )
    move_id = fields.Many2one(
        comodel_name="account.move",
        string="Journal Entry",
        readonly=True,
        copy=False,
        index="btree_not_null",
        tracking=True,
    )
    reversal_move_id = fields.Many2one(
        comodel_name="account.move",
        string="Reversal Entry",
        readonly=True,
        copy=False,
        tracking=True,
    )
    note = fields.Text()

    # === Thank-you fields === #
    thank_you_state = fields.Selection(
        selection=[
            ("queued", "To send"),
            ("sent", "Sent"),
            ("failed", "Failed"),
        ],
        string="Thank-you Mail",
        readonly=True,
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="The thank-you mail with the receipt, sent in the background after "
        "validation; empty when the campaign sends none or the donor has no e-mail.",
    )

    _sql_constraints = [
        (
            "receipt_number_uniq",
            "unique(name, company_id)",
            "This receipt number is already used.",
        ),
    ]

    @api.depends("donor_type", "employee_id.name", "department_id.name", "partner_id.name")
    def _compute_donor_name(self):
        for donation in self:
            donation.donor_name = donation._donor().name or False

    @api.depends("donor_type", "employee_id.work_email", "partner_id.email")
    def _compute_donor_email(self):
        for donation in self:
            if donation.donor_type == "employee":
                donation.donor_email = donation.employee_id.work_email
            elif donation.donor_type == "partner":
                donation.donor_email = donation.partner_id.email
            else:
                donation.donor_email = False

    @api.depends("donor_name", "visibility")
    def _compute_public_name(self):
        for donation in self:
            donation.public_name = donation_rules.public_donor_name(
                donation.donor_name or "", donation.visibility
            ) or False

    @api.depends("amount")
    def _compute_amount_in_words(self):
        for donation in self:
            donation.amount_in_words = rmb_upper_or_empty(abs(donation.amount))

    @api.depends("name", "donor_name", "amount")
    def _compute_display_name(self):
        for donation in self:
            donation.display_name = " - ".join(
                part for part in (donation.name or _("Draft"), donation.donor_name) if part
            )

    @api.constrains("amount")
    def _check_amount(self):
        for donation in self:
            with domain_errors(self.env, ValidationError):
                donation_rules.check_amount(money(donation.amount))

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for donation in self:
            with domain_errors(self.env, ValidationError):
                donation_rules.check_donation_date(donation.date, today)

    @api.constrains("campaign_id", "state")
    def _check_campaign_open(self):
        self.filtered(lambda d: d.state == "draft").campaign_id._check_accepts_donations()

    @api.constrains("donor_type", "employee_id", "department_id", "partner_id")
    def _check_donor(self):
        for donation in self:
            if not donation._donor():
                raise ValidationError(_("Choose who gave the donation."))

    @api.constrains("method", "product_id", "quantity")
    def _check_in_kind(self):
        for donation in self.filtered(lambda d: d.method == "in_kind"):
            if not donation.product_id or donation.quantity <= 0:
                raise ValidationError(_("A gift in kind needs a product and a positive quantity."))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_receipt_numbers_free([vals.get("name") for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("name") and not self.env.context.get("union_receipt_numbers_checked"):
            self._check_receipt_numbers_free([vals["name"]] * len(self))
        return super().write(vals)

    # === Workflow table (see doc/workflows.md) === #

    @api.model
    def _workflow_transitions(self):
        return {
            "validate": Transition(("draft",), "validated", (OFFICER, ACCOUNTANT)),
            # a validated donation is cancelled by reversing its entry
            "cancel": Transition(("draft", "validated"), "cancelled", (OFFICER, ACCOUNTANT)),
        }

    @api.model
    def _workflow_action_labels(self):
        return {
            "validate": _("validate"),
            "cancel": _("cancel"),
        }

    # === Actions === #

    def action_validate(self):
        self._workflow_check("validate")
        self._check_can_validate()
        self._do_validate()
        return True

    def action_cancel(self):
        self._workflow_check("cancel")
        self._check_can_cancel()
        self._do_cancel()
        return True

    def action_send_receipt(self):
        """Open the mail composer with the thank-you mail and its receipt, to send
        a copy by hand (the receipt is rendered there and then)."""
        self.ensure_one()
        self._check_can_send_thank_you()
        template = self.env.ref(THANK_YOU_TEMPLATE)
        return wizard_action("mail.compose.message", context={
            "default_model": self._name,
            "default_res_ids": self.ids,
            "default_template_id": template.id,
            "default_composition_mode": "comment",
        })

    def action_retry_thank_you(self):
        """Queue again the thank-you mails that failed (once their cause is fixed:
        the donor's e-mail, the PDF engine)."""
        self._check_can_send_thank_you()
        not_failed = self.filtered(lambda d: d.thank_you_state != "failed")
        if not_failed:
            raise UserError(_(
                "Only failed thank-you mails can be sent again; not those of %s.",
                ", ".join(not_failed.mapped("display_name")),
            ))
        self._workflow_write({"thank_you_state": "queued"})
        self._trigger_thank_you()
        return True

    # === Business methods === #

    def _donor(self):
        """The employee, department or partner who gave, as the donor type says."""
        self.ensure_one()
        donors = {
            "employee": self.employee_id,
            "department": self.department_id,
            "partner": self.partner_id,
        }
        if self.donor_type not in donors:
            # before the ORM's own check of the value, which ends in a server error
            raise ValidationError(_(
                '"%s" is not a donor type; use employee, department or partner.',
                self.donor_type,
            ))
        return donors[self.donor_type]

    def _check_can_validate(self):
        self.campaign_id._check_accepts_donations()
        for donation in self:
            # the amount and date rules of the constraints, again on what is validated
            donation._check_amount()
            donation._check_date()

    def _check_receipt_numbers_free(self, numbers):
        """Refuse receipt numbers used twice in ``numbers`` or already used by
        another donation, before the database constraint does it untranslated."""
        numbers = [number for number in numbers if number]
        if not numbers:
            return
        existing = self.sudo().with_context(active_test=False).search_fetch(
            [("name", "in", numbers), ("id", "not in", self.ids)], ["name"]
        ).mapped("name")
        with domain_errors(self.env, ValidationError):
            donation_rules.check_receipt_numbers(numbers, existing)

    def _do_validate(self):
        # the checks passed: the receipt numbers and entries are the system's
        unnumbered = self.filtered(lambda d: not d.name)
        numbers = self.env["ir.sequence"]._union_next_numbers(RECEIPT_SEQUENCE, len(unnumbered))
        unnumbered._check_receipt_numbers_free(numbers)
        for donation, number in zip(
            unnumbered.sudo().with_context(union_receipt_numbers_checked=True), numbers
        ):
            donation.name = number
        self.filtered(lambda d: d.method != "in_kind").sudo()._post_entries()
        self._workflow_apply("validate")
        self.campaign_id._invalidate_statement()
        self._queue_thank_you()

    def _post_entries(self):
        """Create and post the entries of these donations, one each: the only
        place that books a donation."""
        for campaign in self.campaign_id.sudo().filtered(lambda c: not c.entry_journal_id):
            # campaigns made before the donations journal existed
            campaign.entry_journal_id = self.env["account.journal"]._union_donation_journal(
                campaign.company_id
            )
        receipt_accounts = {}
        for journal_donations in self.grouped(lambda d: d.campaign_id.journal_id).values():
            receipt_accounts[journal_donations.campaign_id.journal_id[:1]] = (
                journal_donations[:1]._get_receipt_account()
            )
        self._book_entries([
            donation._prepare_move_vals(receipt_accounts[donation.campaign_id.journal_id])
            for donation in self
        ])

    def _get_receipt_account(self):
        """The account debited: the outstanding receipts account of the campaign's
        journal (as for a customer payment), which the bank statement line is
        reconciled with."""
        self.ensure_one()
        journal = self.campaign_id.journal_id
        company = journal.company_id
        account = journal.inbound_payment_method_line_ids.payment_account_id[:1] or (
            self.env["account.chart.template"]
            .with_context(allowed_company_ids=company.root_id.ids)
            .ref("account_journal_payment_debit_account_id", raise_if_not_found=False)
        ) or company.transfer_account_id
        if not account:
            raise UserError(_(
                "The journal %s has no outstanding receipts account: set one on its incoming "
                "payment methods.",
                journal.display_name,
            ))
        return account

    def _get_donor_partner(self):
        self.ensure_one()
        if self.donor_type == "employee":
            return self.employee_id.work_contact_id
        return self.partner_id

    def _prepare_move_vals(self, receipt_account):
        self.ensure_one()
        campaign = self.campaign_id
        partner = self._get_donor_partner()
        label = _("Donation %(receipt)s to %(campaign)s", receipt=self.name, campaign=campaign.name)
        common = {"name": label, "partner_id": partner.id}
        return {
            "move_type": "entry",
            "journal_id": campaign.entry_journal_id.id,
            "date": self.date,
            "ref": self.name,
            "line_ids": [
                fields.Command.create({
                    **common,
                    "account_id": receipt_account.id,
                    "debit": self.amount,
                    "credit": 0.0,
                    "analytic_distribution": False,
                }),
                fields.Command.create({
                    **common,
                    "account_id": campaign.income_account_id.id,
                    "debit": 0.0,
                    "credit": self.amount,
                    "analytic_distribution": {str(campaign.analytic_account_id.id): 100},
                }),
            ],
        }

    # === Thank-you mails (see doc/domain.md, donation campaigns) === #

    def _queue_thank_you(self):
        """Mark the donations to thank and wake the scheduled action: rendering a
        receipt PDF takes about a second, so validation never does it."""
        # as the system: who validates (an accountant) may not read the employees
        to_thank = self.sudo().filtered(lambda d: d.campaign_id.send_thank_you and d.donor_email)
        if to_thank:
            to_thank.write({"thank_you_state": "queued"})
            to_thank._trigger_thank_you()

    def _trigger_thank_you(self):
        cron = self.env.ref(THANK_YOU_CRON, raise_if_not_found=False)
        if cron:
            cron.sudo()._trigger()

    def _check_can_send_thank_you(self):
        """Sending a receipt is the job of those who validate donations."""
        groups = self._workflow_transitions()["validate"].groups
        if not any(self.env.user.has_group(group) for group in groups):
            raise AccessError(_(
                "You may not send donation receipts: ask %s.",
                self._workflow_group_names(groups),
            ))
        self.check_access("write")
        not_validated = self.filtered(lambda d: d.state != "validated")
        if not_validated:
            raise UserError(_(
                "Only a validated donation has a receipt to send; %s is not validated.",
                not_validated[:1].display_name,
            ))

    @api.model
    def _cron_send_thank_you(self, batch_size=THANK_YOU_BATCH_SIZE, limit=THANK_YOU_RUN_LIMIT):
        """Send the queued thank-you mails, ``batch_size`` donations per commit and
        at most ``limit`` per call; the progress tells Odoo to call again while
        some remain. A receipt that cannot be rendered fails its own donation only."""
        # as Odoo's own crons: commit each chunk, except in tests
        auto_commit = not modules.module.current_test
        donations = self.sudo()
        total = donations.search_count([("thank_you_state", "=", "queued")])
        done = 0
        while done < min(total, limit):
            chunk = donations._lock_queued_thank_you(min(batch_size, limit - done))
            if not chunk:
                # the others are locked by a user right now: next run
                break
            chunk._send_thank_you_mails()
            done += len(chunk)
            self.env["ir.cron"]._notify_progress(done=done, remaining=max(total - done, 0))
            if auto_commit:
                # the mails of a chunk stay sent whatever happens to the next one
                self.env.cr.commit()  # pylint: disable=invalid-commit
        return done

    @api.model
    def _lock_queued_thank_you(self, count):
        """Up to ``count`` queued donations, locked; rows that a user or another
        run holds are skipped, so no mail goes twice."""
        self.flush_model(["thank_you_state"])
        self.env.cr.execute(
            "SELECT id FROM union_donation WHERE thank_you_state = 'queued' "
            "ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED",
            [count],
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    def _send_thank_you_mails(self):
        """Create the thank-you mail of each donation with its receipt attached
        (the outgoing mail queue sends it). A receipt is never sent without its
        PDF: when rendering fails (no wkhtmltopdf, a broken layout), the donation
        is marked failed with the reason in its chatter, and can be retried."""
        template = self.env.ref(THANK_YOU_TEMPLATE).sudo()
        cancelled = self.filtered(lambda d: d.state != "validated")
        cancelled.write({"thank_you_state": False})
        failures = {}
        for donation in self - cancelled:
            if not donation.donor_email:
                failures[donation] = _("The donor has no e-mail address.")
                continue
            try:
                with self.env.cr.savepoint():
                    template.send_mail(donation.id)
            except Exception as error:  # noqa: BLE001 -- any rendering error fails this donation only
                _logger.warning("Thank-you mail of donation %s not sent: %s", donation.id, error)
                failures[donation] = str(error) or error.__class__.__name__
        failed = self.browse([donation.id for donation in failures])
        (self - cancelled - failed).write({"thank_you_state": "sent"})
        failed.write({"thank_you_state": "failed"})
        for donation, reason in failures.items():
            donation.message_post(body=_(
                "The thank-you mail with the receipt was not sent: %(reason)s "
                "Once the cause is fixed, use Retry Thank-you Mail.",
                reason=reason,
            ))

    def _check_can_cancel(self):
        validated = self.filtered(lambda d: d.state == "validated" and d.move_id)
        amounts = defaultdict(Decimal)
        for donation in validated:
            amounts[donation.campaign_id] += money(donation.amount)
        with domain_errors(self.env, ValidationError):
            for campaign, amount in amounts.items():
                donation_rules.check_can_cancel(
                    campaign.state, amount, money(campaign.balance_amount)
                )
            if self.filtered(
                lambda d: d.state == "validated" and d.campaign_id.state == "settled"
            ):
                donation_rules.check_can_cancel("settled", 0, 0)

    def _do_cancel(self):
        self.filtered(lambda d: d.move_id and not d.reversal_move_id).sudo()._reverse_entries()
        self._workflow_apply("cancel")
        # no thank-you for a cancelled donation; a mail already sent stays on record
        self.filtered(lambda d: d.thank_you_state in ("queued", "failed")).sudo().write(
            {"thank_you_state": False}
        )
        self.campaign_id._invalidate_statement()

    def _reverse_entries(self):
        """Post the reversal of these donations' entries (a posted entry is never
        edited): the only place that reverses a donation."""
        self._book_reversals([
            self.env._("Cancellation of donation %s", donation.name) for donation in self
        ])
