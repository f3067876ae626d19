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

    @api.model
    def _union_reconcile_pairs(self, pairs):
        """Reconcile each pair of journal items (a ``(line, line)`` tuple) in
        full with each other, as Odoo's ``_reconcile_plan`` would: one partial
        and one full reconciliation per pair.

        A pair of two untouched opposite amounts on one account, in the
        company's currency, on plain posted entries (no invoice, payment or
        statement line, no cash-basis tax) is written in three SQL statements
        for all pairs (a payment run settles 10,000 payables at once, and the
        ORM's one-by-one partials cost more than booking the entry itself);
        the ORM is then told what changed, so that every field depending on
        the matching (residual amounts, the entries' payment state) is computed
        by Odoo from the partials. Any other pair takes ``_reconcile_plan``.
        """
        pairs = [(first, second) for first, second in pairs if first and second]
        if not pairs:
            return
        lines = self.concat(*(first | second for first, second in pairs))
        lines.fetch([
            "move_id", "account_id", "company_id", "currency_id", "company_currency_id",
            "balance", "amount_currency", "amount_residual", "amount_residual_currency",
            "parent_state", "date", "matched_debit_ids", "matched_credit_ids",
            "full_reconcile_id", "matching_number",
        ])
        moves = lines.move_id
        moves.fetch(["move_type", "origin_payment_id", "statement_line_id", "always_tax_exigible"])
        plain_moves = moves.filtered(lambda move: (
            move.move_type == "entry"
            and not move.origin_payment_id
            and not move.statement_line_id
            and move.always_tax_exigible
        ))

        def untouched(line):
            return (
                line.parent_state == "posted"
                and line.move_id in plain_moves
                and line.currency_id == line.company_currency_id
                and not line.matched_debit_ids
                and not line.matched_credit_ids
                and not line.matching_number
                and not line.company_currency_id.compare_amounts(line.amount_residual, line.balance)
            )

        fast, slow = [], []
        for first, second in pairs:
            debit, credit = (first, second) if first.balance > 0 else (second, first)
            if (
                debit.account_id == credit.account_id
                and debit.account_id.reconcile
                and debit.account_id.account_type != "off_balance"
                and debit.company_id == credit.company_id
                and debit.balance > 0
                and not debit.company_currency_id.compare_amounts(debit.balance, -credit.balance)
                and untouched(debit)
                and untouched(credit)
            ):
                fast.append((debit, credit))
            else:
                slow.append(first | second)
        if slow:
            self._reconcile_plan(slow)
        if not fast:
            return
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            "SELECT nextval('account_full_reconcile_id_seq') FROM generate_series(1, %s)",
            [len(fast)],
        )
        full_ids = [row[0] for row in cr.fetchall()]
        now = fields.Datetime.now()
        uid = self.env.uid
        cr.execute(
            """
            INSERT INTO account_full_reconcile (id, create_uid, create_date, write_uid, write_date)
            SELECT id, %s, %s, %s, %s FROM unnest(%s::int[]) AS id
            """,
            [uid, now, uid, now, full_ids],
        )
        columns = list(zip(*(
            (
                full_id, debit.id, credit.id, debit.balance, debit.currency_id.id,
                debit.company_id.id, max(debit.date, credit.date),
            )
            for full_id, (debit, credit) in zip(full_ids, fast)
        )))
        cr.execute(
            """
            INSERT INTO account_partial_reconcile
                (full_reconcile_id, debit_move_id, credit_move_id, amount,
                 debit_amount_currency, credit_amount_currency, debit_currency_id,
                 credit_currency_id, company_id, max_date,
                 create_uid, create_date, write_uid, write_date)
            SELECT p.full_id, p.debit_id, p.credit_id, p.amount, p.amount, p.amount,
                   p.currency_id, p.currency_id, p.company_id, p.max_date, %s, %s, %s, %s
              FROM unnest(%s::int[], %s::int[], %s::int[], %s::numeric[], %s::int[],
                          %s::int[], %s::date[])
                AS p(full_id, debit_id, credit_id, amount, currency_id, company_id, max_date)
            RETURNING id
            """,
            [uid, now, uid, now, *(list(column) for column in columns)],
        )
        Partial = self.env["account.partial.reconcile"]
        partials = Partial.browse([row[0] for row in cr.fetchall()])
        cr.execute(
            """
            UPDATE account_move_line line
               SET full_reconcile_id = p.full_id, matching_number = p.full_id::text,
                   amount_residual = 0, amount_residual_currency = 0, reconciled = true
              FROM unnest(%s::int[], %s::int[]) AS p(full_id, line_id)
             WHERE line.id = p.line_id
            """,
            [list(columns[0]) * 2, list(columns[1]) + list(columns[2])],
        )
        # what the statements changed, told to the ORM as its own create and
        # write would have: every field depending on the matching (the
        # entries' residual and payment state) is computed again by Odoo; the
        # residual amounts of the lines themselves are the ones just written
        # (zero, reconciled), which Odoo's compute would give from the partials
        fast_lines = self.concat(*(debit | credit for debit, credit in fast))
        fulls = self.env["account.full.reconcile"].browse(full_ids)
        residual_fields = ["amount_residual", "amount_residual_currency", "reconciled"]
        matching_fields = ["matched_debit_ids", "matched_credit_ids", "full_reconcile_id",
                           "matching_number", *residual_fields]
        fast_lines.invalidate_recordset(matching_fields)
        fulls.modified(list(fulls._fields), create=True)
        partials.modified(list(Partial._fields), create=True)
        fast_lines.modified(matching_fields)
        for fname in residual_fields:
            self.env.remove_to_compute(self._fields[fname], fast_lines)
        # the partials' own computed fields (company, currencies, latest date)
        # are the ones inserted
        for field in Partial._fields.values():
            if field.store and field.compute:
                self.env.remove_to_compute(field, partials)
        self.env.flush_all()
