"""Plausible bounds of what a union records: amounts, dates, years, counts, texts.

A figure outside them is a typing or integration mistake (a year of 99999, an
income of 10^15 yuan, a member born in 1800), refused with a
:class:`~union_relief.errors.DomainError` that names the figure (``label``,
already in the user's language) so the user knows what to correct. The bounds
also keep every figure within what the database columns and the amount in
words can hold::

    amounts   0 <= amount < 10,000,000,000 yuan (10^10, money.MAX_AMOUNT)
    dates     from 1950-01-01 (1900-01-01 for birth dates), not in the future
              for events that have happened
    years     from 1950 to next year
    counts    per figure, e.g. a household of 1 to 99 people
    texts     not blank, at most 200 characters (100 for a region), no
              control characters
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from .errors import DomainError
from .money import MAX_AMOUNT, MAX_AMOUNT_SHOWN, money

#: No union record is dated before the unions of the People's Republic.
EARLIEST_DATE = date(1950, 1, 1)
#: Household members and resident IDs are born from this date on.
EARLIEST_BIRTH_DATE = date(1900, 1, 1)
FIRST_YEAR = EARLIEST_DATE.year
NAME_MAX_LENGTH = 200
REGION_MAX_LENGTH = 100

# (minimum, maximum) of the counts, both included
HOUSEHOLD_SIZE = (1, 99)
MONTHS = (0, 1200)
VOTES = (0, 100_000)
WORKERS = (0, 10_000_000)
NOTICE_DAYS = (0, 365)
REVIEW_MONTHS = (1, 120)
PAYMENT_RUN_THRESHOLD = (0, 1_000_000)
#: Workers one rights-protection case helps: one worker, or a whole site's
#: migrant workers in a collective wage case.
CASE_WORKERS = (1, 100_000)

#: What an ``int4`` column holds; see :func:`check_integer_column`.
INTEGER_COLUMN = (-(2**31), 2**31 - 1)


def check_amount(value: object, label: str) -> Decimal:
    """``value`` as a Decimal rounded to the fen, if it is an amount of money
    from 0 to below :data:`MAX_AMOUNT`.

    Raises ``amount_invalid`` for what is not a finite number (text, a list,
    NaN, infinity, a boolean), ``amount_negative`` or ``amount_too_large``.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)):
        raise DomainError("amount_invalid", label=label, value=_shown(value))
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise DomainError("amount_invalid", label=label, value=_shown(value)) from None
    if not number.is_finite():
        raise DomainError("amount_invalid", label=label, value=_shown(value))
    if number < 0:
        raise DomainError("amount_negative", label=label, value=_shown(value))
    if number >= MAX_AMOUNT:
        raise DomainError(
            "amount_too_large", label=label, value=_shown(value), maximum=MAX_AMOUNT_SHOWN
        )
    return money(number)


def check_count(value: object, label: str, minimum: int, maximum: int) -> int:
    """``value`` if it is a whole number from ``minimum`` to ``maximum``.

    Raises ``count_out_of_range`` otherwise (also for what is not a whole number).
    """
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise DomainError(
            "count_out_of_range", label=label, value=_shown(value), minimum=minimum, maximum=maximum
        )
    return value


def check_year(value: object, label: str, today: date) -> int:
    """``value`` if it is a year from :data:`FIRST_YEAR` to next year.

    Raises ``year_out_of_range`` otherwise.
    """
    latest = today.year + 1
    if isinstance(value, bool) or not isinstance(value, int) or not FIRST_YEAR <= value <= latest:
        raise DomainError(
            "year_out_of_range",
            label=label,
            value=_shown(value),
            minimum=FIRST_YEAR,
            maximum=latest,
        )
    return value


def check_date(value: date, label: str, latest: date, earliest: date = EARLIEST_DATE) -> date:
    """``value`` if it falls from ``earliest`` to ``latest``.

    Raises ``date_too_early`` or ``date_too_late``.
    """
    if value < earliest:
        raise DomainError(
            "date_too_early", label=label, value=value.isoformat(), earliest=earliest.isoformat()
        )
    if value > latest:
        raise DomainError(
            "date_too_late", label=label, value=value.isoformat(), latest=latest.isoformat()
        )
    return value


def check_date_not_future(
    value: date, label: str, today: date, earliest: date = EARLIEST_DATE
) -> date:
    """``value`` if the event it dates can have happened: from ``earliest`` to ``today``.

    Raises ``date_too_early`` or ``date_in_future``.
    """
    if value > today:
        raise DomainError(
            "date_in_future", label=label, value=value.isoformat(), today=today.isoformat()
        )
    return check_date(value, label, today, earliest)


def end_of_next_year(today: date) -> date:
    """The last day a planned event (a grant's request date) may be set to."""
    return date(today.year + 1, 12, 31)


def check_text(
    value: object, label: str, max_length: int = NAME_MAX_LENGTH, required: bool = True
) -> str:
    """``value`` if it is a text of at most ``max_length`` characters without
    control characters, and not blank when ``required``.

    Raises ``text_blank``, ``text_too_long`` or ``text_control``.
    """
    text = value if isinstance(value, str) else ""
    if required and not text.strip():
        raise DomainError("text_blank", label=label)
    if len(text) > max_length:
        raise DomainError("text_too_long", label=label, length=len(text), maximum=max_length)
    if has_control_characters(text):
        raise DomainError("text_control", label=label)
    return text


def has_control_characters(text: str) -> bool:
    """Whether ``text`` holds a control character other than a tab or a line
    break; a NUL byte, for one, cannot even be stored."""
    return any(ord(char) < 32 and char not in "\t\n\r" for char in text)


def check_integer_column(value: int, label: str) -> int:
    """``value`` if an ``int4`` database column can hold it.

    Raises ``integer_out_of_range`` otherwise. The figure's own bounds are
    narrower; this is the last guard before the database.
    """
    if not INTEGER_COLUMN[0] <= value <= INTEGER_COLUMN[1]:
        raise DomainError("integer_out_of_range", label=label, value=_shown(value))
    return value


def _shown(value: object) -> str:
    """``value`` for a message: short, and without control characters."""
    text = "".join(char if ord(char) >= 32 else "?" for char in str(value))
    return text if len(text) <= 40 else text[:37] + "..."
