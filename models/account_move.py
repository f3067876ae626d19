from odoo import _, api, fields, models
from odoo.exceptions import UserError

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
