from unittest.mock import patch

from odoo import Command
from odoo.tests import tagged

from .common import UnionReliefCommon


@tagged("post_install", "-at_install")
class TestBulkAccounting(UnionReliefCommon):
    """The add-on's bulk bookkeeping leaves what Odoo's own methods leave:
    ``account.move.line._union_reconcile_pairs`` (a payment run's reconciliation)
    what ``_reconcile_plan`` leaves, handing it every pair it cannot write
    directly; ``account.move._union_post`` the partner ranks ``action_post``
    leaves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.payable = cls.company_data["default_account_payable"]
        cls.expense = cls.company_data["default_account_expense"]
        cls.misc = cls.company_data["default_journal_misc"]
        cls.partners = cls.env["res.partner"].create([
            {"name": "王秀英"}, {"name": "李建国"}, {"name": "张桂兰"},
        ])

    def _entry(self, sign, amounts, currency=None, date="2026-11-30"):
        """A posted entry with one payable line per partner (credit when
        ``sign`` is -1) and its counterpart on the expense account."""
        lines = []
        for partner, amount in zip(self.partners, amounts):
            vals = {"partner_id": partner.id, "account_id": self.payable.id, "balance": sign * amount}
            if currency:
                vals.update(currency_id=currency.id, amount_currency=sign * amount * 2)
            lines.append(Command.create(vals))
        lines.append(Command.create({"account_id": self.expense.id, "balance": -sign * sum(amounts)}))
        move = self.env["account.move"].create({
            "move_type": "entry", "journal_id": self.misc.id, "date": date, "line_ids": lines,
        })
        move.action_post()
        return move

    def _pairs(self, grants_entry, payment_entry):
        payables = grants_entry.line_ids.filtered(lambda line: line.account_id == self.payable)
        payments = payment_entry.line_ids.filtered(lambda line: line.account_id == self.payable)
        return list(zip(payables, payments))

    def _state(self, moves):
        """What a reconciliation leaves, without ids."""
        lines = moves.line_ids.sorted(lambda line: (line.move_id.id, line.id))
        partials = lines.matched_debit_ids | lines.matched_credit_ids
        return {
            "lines": [
                (
                    line.amount_residual, line.amount_residual_currency, line.reconciled,
                    bool(line.full_reconcile_id), len(line.matched_debit_ids),
                    len(line.matched_credit_ids),
                    line.matching_number == (
                        str(line.full_reconcile_id.id) if line.full_reconcile_id else False
                    ),
                )
                for line in lines
            ],
            "partials": sorted(
                (
                    partial.amount, partial.debit_amount_currency, partial.credit_amount_currency,
                    partial.debit_currency_id.name, partial.credit_currency_id.name,
                    partial.company_id.id, str(partial.max_date), bool(partial.full_reconcile_id),
                    partial.full_reconcile_id.reconciled_line_ids
                    == partial.debit_move_id | partial.credit_move_id,
                    partial.full_reconcile_id.partial_reconcile_ids == partial,
                )
                for partial in partials
            ),
            "moves": [(move.payment_state, move.amount_residual, move.amount_total) for move in moves],
        }

    def _reconcile_both_ways(self, amounts, **kwargs):
        """The same pairs reconciled by Odoo and by the fast path."""
        odoo_moves = self._entry(-1, amounts, **kwargs) | self._entry(1, amounts, **kwargs)
        fast_moves = self._entry(-1, amounts, **kwargs) | self._entry(1, amounts, **kwargs)
        Line = self.env["account.move.line"]
        Line._reconcile_plan([first | second for first, second in self._pairs(*odoo_moves)])
        Line._union_reconcile_pairs(self._pairs(*fast_moves))
        return odoo_moves, fast_moves

    def test_fast_path_leaves_what_odoo_leaves(self):
        odoo_moves, fast_moves = self._reconcile_both_ways([300.0, 200.0, 1250.5])
        # what the ORM holds in its cache in the same transaction...
        self.assertEqual(self._state(fast_moves), self._state(odoo_moves))
        # ...and what the database holds
        self.env.invalidate_all()
        self.assertEqual(self._state(fast_moves), self._state(odoo_moves))
        payables = fast_moves.line_ids.filtered(lambda line: line.account_id == self.payable)
        self.assertTrue(all(payables.mapped("reconciled")))
        self.assertEqual(len(payables.full_reconcile_id), 3)
        # the ORM's caches and the database agree: read again from the database
        self.env.invalidate_all()
        self.assertFalse(any(payables.mapped("amount_residual")))
        # Odoo's open-items views see the lines as settled
        Line = self.env["account.move.line"]
        open_lines = Line.search([("id", "in", payables.ids), ("reconciled", "=", False)])
        self.assertFalse(open_lines)

    def test_fast_path_is_taken_for_plain_pairs(self):
        moves = self._entry(-1, [300.0, 200.0]) | self._entry(1, [300.0, 200.0])
        Line = type(self.env["account.move.line"])
        with patch.object(Line, "_reconcile_plan", autospec=True) as plan:
            self.env["account.move.line"]._union_reconcile_pairs(self._pairs(*moves))
        plan.assert_not_called()
        payables = moves.line_ids.filtered(lambda line: line.account_id == self.payable)
        self.assertTrue(all(payables.mapped("reconciled")))

    def test_unreconcile_after_fast_path_opens_the_lines_again(self):
        odoo_moves, fast_moves = self._reconcile_both_ways([300.0, 200.0])
        for moves in (odoo_moves, fast_moves):
            moves.line_ids.remove_move_reconcile()
        self.env.invalidate_all()
        self.assertEqual(self._state(fast_moves), self._state(odoo_moves))
        payables = fast_moves.line_ids.filtered(lambda line: line.account_id == self.payable)
        self.assertFalse(any(payables.mapped("reconciled")))
        self.assertFalse(payables.matched_debit_ids | payables.matched_credit_ids)

    def test_other_pairs_go_through_odoo(self):
        """A line in another currency, a line already partly settled, amounts
        that differ: Odoo's reconciliation, with the same result as calling it."""
        other = self.setup_other_currency("EUR")
        foreign = self._entry(-1, [100.0], currency=other) | self._entry(1, [100.0], currency=other)
        partly = self._entry(-1, [300.0]) | self._entry(1, [300.0])
        first_part = self._entry(1, [100.0])
        Line = self.env["account.move.line"]
        partly_payable = partly[0].line_ids.filtered(lambda line: line.account_id == self.payable)
        Line._reconcile_plan([
            partly_payable | first_part.line_ids.filtered(lambda line: line.account_id == self.payable)
        ])
        unequal = self._entry(-1, [300.0]) | self._entry(1, [250.0])
        pairs = self._pairs(*foreign) + self._pairs(*partly) + self._pairs(*unequal)
        plan = type(Line)._reconcile_plan
        with patch.object(type(Line), "_reconcile_plan", autospec=True, side_effect=plan) as spy:
            Line._union_reconcile_pairs(pairs)
        self.assertEqual(spy.call_count, 1)
        self.assertEqual(len(spy.call_args.args[1]), 3)
        self.assertTrue(foreign.line_ids.filtered(lambda line: line.account_id == self.payable)[0].reconciled)
        # 300 owed, 100 then 300 paid: the payable is settled, 100 stays open on the payment
        self.assertTrue(partly_payable.reconciled)
        unequal_payable = unequal[0].line_ids.filtered(lambda line: line.account_id == self.payable)
        self.assertEqual(unequal_payable.amount_residual, -50.0)

    def test_bulk_post_raises_the_ranks_odoo_raises(self):
        """Two entries naming a person twice, a company's contact and a customer:
        the same ranks after ``_union_post`` as after ``action_post``."""
        receivable = self.company_data["default_account_receivable"]

        def partners_and_entries():
            company = self.env["res.partner"].create({"name": "南江县环卫所", "is_company": True})
            person, contact, customer = self.env["res.partner"].create([
                {"name": "赵德明"},
                {"name": "钱玉兰", "parent_id": company.id},
                {"name": "孙立新"},
            ])
            entries = self.env["account.move"]
            for _index in range(2):
                lines = [
                    Command.create({"partner_id": person.id, "account_id": self.payable.id, "balance": -100.0}),
                    Command.create({"partner_id": person.id, "account_id": self.payable.id, "balance": -50.0}),
                    Command.create({"partner_id": contact.id, "account_id": self.payable.id, "balance": -70.0}),
                    Command.create({"partner_id": customer.id, "account_id": receivable.id, "balance": 20.0}),
                    Command.create({"account_id": self.expense.id, "balance": 200.0}),
                ]
                entries |= self.env["account.move"].create({
                    "move_type": "entry", "journal_id": self.misc.id, "line_ids": lines,
                })
            return company | person | contact | customer, entries

        odoo_partners, odoo_entries = partners_and_entries()
        bulk_partners, bulk_entries = partners_and_entries()
        odoo_entries.action_post()
        Partner = type(self.env["res.partner"])
        increase = Partner._increase_rank
        with patch.object(Partner, "_increase_rank", autospec=True, side_effect=increase) as spy:
            bulk_entries._union_post()
        self.env.invalidate_all()
        ranks = [(partner.supplier_rank, partner.customer_rank) for partner in odoo_partners]
        self.assertEqual(ranks, [(2, 0), (2, 0), (2, 0), (0, 2)])
        self.assertEqual([(partner.supplier_rank, partner.customer_rank) for partner in bulk_partners], ranks)
        self.assertEqual(set(bulk_entries.mapped("state")), {"posted"})
        # applied once per rank and increment, not once per partner
        applied = [call for call in spy.call_args_list if not call.args[0].env.context.get("union_rank_increases")]
        self.assertEqual(len(applied), 2)
