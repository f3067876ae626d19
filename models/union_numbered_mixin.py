from odoo import api, models


class UnionNumberedMixin(models.AbstractModel):
    """Records numbered by the system from a sequence when they are created.

    A model sets the field holding the number and the code of its sequence. The
    numbers of the records created together are drawn at once, in one query
    (:meth:`ir.sequence._union_next_numbers`): a batch run creates thousands of
    grants. Users never choose a number: the workflow guard refuses one sent by
    a caller, and a number left empty or at its "New" placeholder is replaced;
    only the system (data files, imports run as superuser) may keep its own.
    """

    _name = "union.numbered.mixin"
    _description = "Union Numbered Record"

    # the field holding the number, and the code of the sequence giving it
    _union_number_field = "name"
    _union_sequence_code = None

    @api.model
    def _union_format_numbers(self, vals_list, numbers):
        """The numbers as the records created from ``vals_list`` show them;
        by default as the sequence gives them."""
        return numbers

    def _prepare_create_values(self, vals_list):
        # after the create() overrides, the workflow guard's check among them
        vals_list = super()._prepare_create_values(vals_list)
        fname = self._union_number_field
        # "New" as the field's default wrote it: without a language in the context
        # (data files, scheduled actions) the default speaks the user's language
        placeholders = {self.env._("New")}
        if self._fields[fname].default:
            placeholders.add(self._fields[fname].default(self))
        unnumbered = [
            vals for vals in vals_list
            if not self.env.su or not vals.get(fname) or vals[fname] in placeholders
        ]
        if unnumbered:
            numbers = self.env["ir.sequence"]._union_next_numbers(
                self._union_sequence_code, len(unnumbered)
            )
            for vals, number in zip(
                unnumbered, self._union_format_numbers(unnumbered, numbers), strict=True
            ):
                vals[fname] = number
        return vals_list
