"""Deadlines of the procedures (filing a contract, replying to a request for
negotiation) as a computed "overdue" yes/no field that users filter on: the
deadline passed with nothing done. Whether one record is overdue is the core's
rule (``union_relief.collective.is_overdue``); the search is the same rule as a
domain."""

from odoo import fields
from odoo.exceptions import UserError

from ..union_relief import collective


def compute_overdue(records, fname, due_field, done_field):
    """Set ``fname`` of ``records``: their ``due_field`` date is over while
    ``done_field`` is still empty."""
    today = fields.Date.context_today(records)
    for record in records:
        record[fname] = collective.is_overdue(record[due_field], record[done_field], today)


def overdue_domain(records, due_field, done_field, operator, value):
    """The search domain of a computed "overdue" yes/no field: the records whose
    ``due_field`` date is over while ``done_field`` is still empty, or the others.

    :raise UserError: for an operator other than = and !=, or a value other than
        a yes/no one
    """
    if operator not in ("=", "!=") or not isinstance(value, bool):
        raise UserError(records.env._(
            "Filter on overdue deadlines with = or != and a yes/no value."
        ))
    overdue = [
        (due_field, "<", fields.Date.context_today(records)),
        (done_field, "=", False),
    ]
    if (operator == "=") == value:
        return overdue
    return ["!", "&", *overdue]
