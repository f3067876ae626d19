from odoo import api, fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    union_relief_grant_id = fields.Many2one(
        comodel_name="union.relief.grant",
        string="Relief Grant",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The grant this payable (or goods) line belongs to.",
    )

    def _union_opposite_vals(self, balance=None, vals=None):
        """The values of a line booking ``balance`` of this line (all of it when
        None) the other way, with ``vals`` over the line's own: its part of a
        reversal (account.move._union_reverse)."""
        self.ensure_one()
        if balance is None:
            balance, amount_currency = self.balance, self.amount_currency
        elif self.currency_id == self.company_currency_id or not self.balance:
            amount_currency = balance
        else:
            amount_currency = self.currency_id.round(self.amount_currency * balance / self.balance)
        return {
            "name": self.name,
            "partner_id": self.partner_id.id,
            "account_id": self.account_id.id,
            "currency_id": self.currency_id.id,
            "balance": -balance,
            "amount_currency": -amount_currency,
            "analytic_distribution": self.analytic_distribution,
            **(vals or {}),
        }

    def _union_reconciles_with_opposite(self):
        """Whether this line is reconciled with its opposite in a reversal: an
        account that reconciles (a payable, outstanding receipts) or a liquidity
        account, as Odoo's own reversals do, while the line is still open."""
        self.ensure_one()
        account = self.account_id
        reconcilable = account.reconcile or account.account_type in (
            "asset_cash", "liability_credit_card",
        )
        return reconcilable and not self.reconciled

    @api.model
    def _union_with_computed_vals(self, vals_list, currency):
        """``vals_list`` (lines of a journal entry in ``currency``, the
        company's, without product) with the values Odoo would compute for
        each line, field by field: given at once to the 10,000 lines of a
        batch run's entry or a payment run's. ``amount_currency`` is the
        balance; the taxes only when the account has none (else Odoo chooses
        them). A line that sets its own currency or type is left as it is."""
        accounts = self.env["account.account"].browse({vals["account_id"] for vals in vals_list})
        untaxed = set(accounts.filtered(lambda account: not account.tax_ids).ids)
        computed = {
            "display_type": "product",
            "currency_id": currency.id,
            "quantity": 1.0,
            "sequence": 100,
            "product_uom_id": False,
        }
        result = []
        for vals in vals_list:
            if "currency_id" in vals or "display_type" in vals or "balance" not in vals:
                result.append(vals)
                continue
            extra = {**computed, "amount_currency": vals["balance"]}
            if vals["account_id"] in untaxed:
                extra["tax_ids"] = []
            result.append({**extra, **vals})
        return result
