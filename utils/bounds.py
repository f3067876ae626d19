"""The plausible bounds of the core (``union_relief/bounds.py``) applied to records.

Models call :func:`check_bounds` from their ``@api.constrains`` methods, so
the message names the figure and the record. Their Integer fields that people
or integrations fill in are :class:`BoundedInteger`: ``create`` inserts the row
before any constraint runs, and a value its ``int4`` column cannot hold would
otherwise end in a database error instead of a message.
"""

from odoo import fields
from odoo.exceptions import ValidationError

from ..union_relief import bounds
from ..union_relief.errors import DomainError
from .messages import domain_errors


def check_bounds(record, fname, check, *args):
    """Run the core's ``check(value, label, *args)`` on ``record[fname]``.

    An empty date is not checked (whether it is required is another rule).

    :raise ValidationError: naming the record, the figure and what to correct
    """
    field = record._fields[fname]
    value = record[fname]
    if not value and field.type in ("date", "datetime"):
        return
    try:
        check(value, field.string, *args)
    except DomainError:
        # the message in the user's language, with the record's name: only for
        # a value refused (a batch run checks 10,000 grants' figures)
        with domain_errors(record.env, ValidationError, subject=record.display_name):
            check(value, field._description_string(record.env), *args)
        raise


class BoundedInteger(fields.Integer):
    """An Integer field that refuses, with a ValidationError, a value its
    ``int4`` column cannot hold, before the database sees it. Its plausible
    bounds are checked by the model's constraint."""

    def convert_to_column(self, value, record, values=None, validate=True):
        number = super().convert_to_column(value, record, values, validate)
        if validate:
            with domain_errors(record.env, ValidationError):
                bounds.check_integer_column(number, self._description_string(record.env))
        return number
