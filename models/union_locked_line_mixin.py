from odoo import api, models
from odoo.exceptions import UserError


class UnionLockedLineMixin(models.AbstractModel):
    """Lines that belong to what their record's workflow settles: created,
    changed and deleted only while the record is in one of the states that
    allow it (the clauses of a contract under negotiation, the results of a
    performance check not yet closed). The guard holds for every caller; the
    system (superuser) writes them at any time.

    A model names the Many2one to its record, the record's states in which the
    lines change, and the sentence that refuses a change
    (:meth:`_locked_line_message`).
    """

    _name = "union.locked.line.mixin"
    _description = "Union Line Locked with its Record"

    # the Many2one to the record the lines belong to, and the record's states
    # in which they may change
    _locked_line_parent_field = None
    _locked_line_open_states = ("draft",)

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_locked_line_parent()
        return lines

    def write(self, vals):
        self._check_locked_line_parent()
        result = super().write(vals)
        if self._locked_line_parent_field in vals:
            # moved to another record: that one must be open too
            self._check_locked_line_parent()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_parent_locked(self):
        self._check_locked_line_parent()

    def _check_locked_line_parent(self):
        if self.env.su:
            return
        for parent in self[self._locked_line_parent_field]:
            if parent.state not in self._locked_line_open_states:
                raise UserError(self._locked_line_message(parent))

    def _locked_line_message(self, parent):
        """The translated sentence refusing to change the lines of ``parent``."""
        raise NotImplementedError()
