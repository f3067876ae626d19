from odoo import fields, models


class UnionBankReconcileWizardLine(models.TransientModel):
    """One way to settle the wizard's statement line: one open item, or several
    that belong together, with the reason it is proposed."""

    _name = "union.bank.reconcile.wizard.line"
    _description = "Bank Reconciliation Proposal"
    _order = "sequence, id"

    wizard_id = fields.Many2one(
        comodel_name="union.bank.reconcile.wizard",
        required=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(
        string="Rank",
    )
    selected = fields.Boolean(
        string="Reconcile",
    )
    move_line_ids = fields.Many2many(
        comodel_name="account.move.line",
        string="Journal Items",
        readonly=True,
    )
    item_count = fields.Integer(
        string="Items",
        compute="_compute_item_count",
    )
    reason = fields.Char(
        readonly=True,
        help="Why the items match the bank statement line; the strongest evidence comes last.",
    )
    reference = fields.Char(
        readonly=True,
        help="The references of the entries: relief payment run, receipt number or entry number.",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        readonly=True,
    )
    date = fields.Date(
        readonly=True,
    )
    currency_id = fields.Many2one(
        related="wizard_id.currency_id",
    )
    amount = fields.Monetary(
        string="Open Amount",
        currency_field="currency_id",
        readonly=True,
    )

    def _compute_item_count(self):
        for proposal in self:
            proposal.item_count = len(proposal.move_line_ids)
