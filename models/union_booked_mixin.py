from odoo import models


class UnionBookedMixin(models.AbstractModel):
    """Records booked by a journal entry of their own (``move_id``) and undone by
    its reversal (``reversal_move_id``): a donation, a fund transfer. Both are
    workflow fields of the record (see the workflow mixin): written here as the
    system, once the record's checks passed. A posted entry is never edited; it
    is reversed (``account.move._union_reverse``)."""

    _name = "union.booked.mixin"
    _description = "Union Record Booked by its Own Entry"

    def _book_entries(self, vals_list):
        """Create and post the entries of ``vals_list``, one per record in the
        order of the records, and link each to its record."""
        moves = self.env["account.move"].sudo().create(vals_list)
        moves._union_post()
        for record, move in zip(self.sudo(), moves):
            record.move_id = move
        return moves

    def _book_reversals(self, refs):
        """Post the reversal of each record's entry, with the reference of
        ``refs`` in the order of the records, and link it to its record."""
        reversals = self.move_id._union_reverse(refs)
        for record, reversal in zip(self.sudo(), reversals):
            record.reversal_move_id = reversal
        return reversals
