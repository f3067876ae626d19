from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError


class UnionBankReconcileWizard(models.TransientModel):
    """The proposals for one bank statement line: the accountant ticks what the
    bank paid or received and reconciles (the rules are on the statement line)."""

    _name = "union.bank.reconcile.wizard"
    _description = "Bank Reconciliation"

    # === Statement line fields === #
    statement_line_id = fields.Many2one(
        comodel_name="account.bank.statement.line",
        string="Bank Statement Line",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="statement_line_id.company_id",
    )
    currency_id = fields.Many2one(
        related="statement_line_id.company_id.currency_id",
    )
    date = fields.Date(
        related="statement_line_id.date",
    )
    payment_ref = fields.Char(
        related="statement_line_id.payment_ref",
    )
    partner_id = fields.Many2one(
        related="statement_line_id.partner_id",
    )
    amount = fields.Monetary(
        related="statement_line_id.amount",
        currency_field="currency_id",
    )

    # === Proposal fields === #
    proposal_ids = fields.One2many(
        comodel_name="union.bank.reconcile.wizard.line",
        inverse_name="wizard_id",
        string="Proposals",
        compute="_compute_proposal_ids",
        store=True,
        readonly=False,
    )

    @api.depends("statement_line_id")
    def _compute_proposal_ids(self):
        proposals = self.statement_line_id._union_proposals()
        for wizard in self:
            st_line = wizard.statement_line_id
            wizard.proposal_ids = [Command.clear()] + [
                Command.create(wizard._prepare_proposal_vals(rank, proposal, lines))
                for rank, (proposal, lines) in enumerate(proposals.get(st_line, []), start=1)
            ]

    def action_reconcile(self):
        self.ensure_one()
        lines = self.proposal_ids.filtered("selected").move_line_ids
        if not lines:
            raise UserError(_("Tick the proposal that the bank statement line settles."))
        st_line = self.statement_line_id
        st_line._union_reconcile([(st_line, lines)])
        return {"type": "ir.actions.act_window_close"}

    def _prepare_proposal_vals(self, rank, proposal, lines):
        partners = lines.partner_id.commercial_partner_id
        return {
            "sequence": rank,
            "move_line_ids": [Command.set(lines.ids)],
            "reason": self.statement_line_id._union_describe(proposal),
            "reference": ", ".join(dict.fromkeys(
                lines.move_id.mapped(lambda move: move.ref or move.name)
            )),
            "partner_id": partners.id if len(partners) == 1 else False,
            "date": min(lines.mapped("date")),
            "amount": self.currency_id.round(sum(lines.mapped("amount_residual"))),
        }
