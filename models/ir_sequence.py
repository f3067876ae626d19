from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    @api.model
    def _union_next_numbers(self, code, count, sequence_date=None):
        """``count`` numbers of the sequence ``code`` (the current company's, else
        the shared one), as ``next_by_code`` would give them one by one, drawn
        in one query however many: a batch run numbers its 10,000 grants at once.
        Every union record is numbered here.

        :param sequence_date: picks the period of a sequence numbered per date
            range (by default today, as Odoo does)
        :return: the numbers, in increasing order
        """
        if count <= 0:
            return []
        sequence = self.sudo().search([
            ("code", "=", code),
            ("company_id", "in", [self.env.company.id, False]),
        ], order="company_id", limit=1)
        if not sequence:
            raise UserError(_(
                "The numbering sequence %s is missing: update the Union Relief module.", code
            ))
        return sequence._union_reserve(count, sequence_date)

    def _union_reserve(self, count, sequence_date=None):
        """``count`` numbers of this sequence, with its prefix, padding and suffix.

        A standard sequence draws its PostgreSQL sequence ``count`` times in one
        ``SELECT``; a no-gap one moves its counter by ``count`` steps in one
        locked ``UPDATE``, so a block is consecutive and a concurrent block
        waits for the transaction to end. Either way the step
        (``number_increment``) is kept.
        """
        self.ensure_one()
        if count <= 0:
            return []
        sequence = self
        counter = self
        if self.use_date_range:
            on_date = sequence_date or self.env.context.get("ir_sequence_date") or fields.Date.today()
            counter = self.env["ir.sequence.date_range"].sudo().search([
                ("sequence_id", "=", self.id),
                ("date_from", "<=", on_date),
                ("date_to", ">=", on_date),
            ], limit=1) or self._create_date_range_seq(on_date)
            # the prefix reads the range's dates, as Odoo's own numbering does
            sequence = self.with_context(ir_sequence_date_range=counter.date_from)
        if self.implementation == "standard":
            pg_sequence = "ir_sequence_%03d" % self.id
            if counter != self:
                pg_sequence = "ir_sequence_%03d_%03d" % (self.id, counter.id)
            numbers = sorted(number for (number,) in self.env.execute_query(SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)", pg_sequence, count
            )))
        else:
            step = self.number_increment
            counter.flush_recordset(["number_next"])
            [(first,)] = self.env.execute_query(SQL(
                "UPDATE %s SET number_next = number_next + %s WHERE id = %s "
                "RETURNING number_next - %s",
                SQL.identifier(counter._table), count * step, counter.id, count * step,
            ))
            counter.invalidate_recordset(["number_next"])
            numbers = [first + index * step for index in range(count)]
        prefix, suffix = sequence._get_prefix_suffix()
        return ["%s%s%s" % (prefix, "%%0%sd" % self.padding % number, suffix) for number in numbers]
