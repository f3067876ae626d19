from collections import Counter, defaultdict

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

from ..utils.actions import form_action

# The union records that book journal entries, and the fields that hold them.
# An entry they hold (or the reversal of one) is never reset to draft, cancelled
# or deleted from the accounting screens: the union record is corrected through
# its own reversal path (doc/workflows.md).
UNION_MOVE_OWNERS = {
    "union.relief.grant": ("move_id", "reversal_move_id"),
    "union.relief.payment.run": ("move_id",),
    "union.donation": ("move_id", "reversal_move_id"),
    "union.donation.transfer": ("move_id", "reversal_move_id"),
}


class AccountMove(models.Model):
    _inherit = "account.move"

    union_relief_programme_id = fields.Many2one(
        comodel_name="union.relief.programme",
        string="Relief Programme",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The relief programme whose grants this entry books; the programme's fund "
        "statement reads its posted entries.",
    )

    def write(self, vals):
        if vals.get("state") in ("draft", "cancel"):
            self._check_not_union_booked()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_union_booked(self):
        self._check_not_union_booked()

    def _union_post(self):
        """Post these entries as ``action_post`` does, with the partners' ranks
        raised in one statement per rank and increment once all are posted.

        Odoo raises the supplier (or customer) rank of each partner of a
        payable (receivable) line one partner at a time, four statements each;
        a batch run's entry and a payment run's name 10,000 payees. The ranks
        end up the same (res.partner._increase_rank)."""
        increases = defaultdict(Counter)
        self.with_context(union_rank_increases=increases).action_post()
        Partner = self.env["res.partner"]
        for field, counts in increases.items():
            ids_by_count = defaultdict(list)
            for partner_id, count in counts.items():
                ids_by_count[count].append(partner_id)
            for count, partner_ids in ids_by_count.items():
                Partner.browse(partner_ids)._increase_rank(field, count)

    def _get_chain_info(self, force_hash=False, include_pre_last_hash=False, early_stop=False):
        # Odoo hashes the chain with the poster's own rights; the add-on posts
        # union entries as the system for officers without accounting rights,
        # so a chain found by a superuser call is hashed as the system too.
        info = super()._get_chain_info(
            force_hash=force_hash, include_pre_last_hash=include_pre_last_hash,
            early_stop=early_stop,
        )
        if info and self.env.su:
            info["moves"] = info["moves"].sudo()
        return info

    def _reconcile_reversed_moves(self, reverse_moves, move_reverse_cancel):
        # Odoo reconciles a reversal with its entry account by account, which in
        # a batch entry would settle one beneficiary's payable with another's
        # reversal: a union reversal reconciles each line with its own opposite
        if self.env.context.get("union_reversal"):
            return reverse_moves
        return super()._reconcile_reversed_moves(reverse_moves, move_reverse_cancel)

    def _union_action_open(self):
        """The form of this entry, as the stat buttons of grants, batch runs and
        payment runs open it."""
        return form_action(self[:1])

    def _union_reverse(self, refs, parts=None, date=None):
        """Book the opposite of these posted entries, or of a part of each, post
        it and link it to its entry (``reversed_entry_id``): the one way a union
        record's entry is undone, as the system once the record's checks passed
        (a posted entry is never edited; doc/workflows.md).

        Each line still open on an account that reconciles is reconciled with
        its own opposite; a line already settled (a payable paid, a receipt
        matched with the bank) stays so, and its opposite stays open: the amount
        to recover or to refund.

        :param refs: the reference of each reversal, in the order of ``self``
        :param parts: for each entry, the part of it to reverse, as a list of
            ``(line, balance, vals)``: ``balance`` of the entry's ``line`` (all
            of it when None) booked the other way, with ``vals`` (a label, the
            union record) over the line's own; None reverses the whole entry
        :param date: the date of the reversals, today by default
        :return: the reversals, in the order of ``self``
        """
        date = date or fields.Date.context_today(self)
        parts = [
            part if part is not None else [(line, None, None) for line in move.line_ids]
            for move, part in zip(self, parts or [None] * len(self), strict=True)
        ]
        Move = self.env["account.move"].sudo().with_context(
            skip_invoice_sync=True, union_reversal=True
        )
        reversals = Move.create([
            {
                "move_type": "entry",
                "journal_id": move.journal_id.id,
                "date": date,
                "ref": ref,
                "partner_id": move.partner_id.id,
                "reversed_entry_id": move.id,
                "union_relief_programme_id": move.union_relief_programme_id.id,
                "line_ids": [
                    Command.create(line._union_opposite_vals(balance, vals))
                    for line, balance, vals in part
                ],
            }
            for move, ref, part in zip(self, refs, parts, strict=True)
        ])
        reversals._union_post()
        pairs = [
            opposite | line
            for reversal, part in zip(reversals, parts)
            for (line, _balance, _vals), opposite in zip(part, reversal.line_ids.sorted("id"), strict=True)
            if line._union_reconciles_with_opposite()
        ]
        if pairs:
            # each pair on its own, all in one go
            self.env["account.move.line"].sudo()._reconcile_plan(pairs)
        return reversals

    def _union_booked_moves(self):
        """The entries among these that a union record books, or that reverse one."""
        moves = self | self.reversed_entry_id
        owned = moves.filtered("union_relief_programme_id")
        for model_name, fnames in UNION_MOVE_OWNERS.items():
            records = self.env[model_name].sudo().with_context(active_test=False).search_fetch(
                ["|"] * (len(fnames) - 1) + [(fname, "in", moves.ids) for fname in fnames],
                list(fnames),
            )
            for fname in fnames:
                owned |= records.mapped(fname)
        return self.filtered(lambda move: move in owned or move.reversed_entry_id in owned)

    def _check_not_union_booked(self):
        booked = self._union_booked_moves()
        if booked:
            raise UserError(_(
                "%(move)s books a union record (relief grant, donation or transfer): it "
                "cannot be reset to draft, cancelled or deleted here. Cancel the union "
                "record instead; its entry is then reversed.",
                move=booked[0].display_name,
            ))
