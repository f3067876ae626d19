"""Amounts of money: rounded to the fen, and written out for Chinese financial
documents (doc/domain.md §7)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from cn2an import an2cn

from .errors import DomainError

#: One fen (分), the smallest amount: every amount is rounded to it.
FEN = Decimal("0.01")
#: Amounts are below this many yuan (exclusive); see :mod:`union_relief.bounds`.
MAX_AMOUNT = Decimal(10) ** 10
#: :data:`MAX_AMOUNT` as messages show it.
MAX_AMOUNT_SHOWN = f"{MAX_AMOUNT:,}"


def money(value: Decimal | float | int | str | None) -> Decimal:
    """``value`` in yuan as a Decimal rounded half-up to the fen: the one way
    amounts are rounded, in the core and in the models.

    Floats go through their shortest text, so ``0.1 + 0.2`` is 0.30, not the
    binary noise; ``None`` and ``False`` (an empty field) are zero. Text that
    is not a number raises ``decimal.InvalidOperation``. What cannot be rounded
    (NaN, an infinity, 10^26 yuan and more) comes back as it is, for the check
    that refuses it to name it.
    """
    number = Decimal(str(value or 0))
    if not number.is_finite():
        return number
    try:
        return number.quantize(FEN, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return number


def rmb_upper(amount: Decimal) -> str:
    """The amount in RMB uppercase as written on vouchers and receipts.

    ``Decimal("1000")`` → "壹仟元整", ``Decimal("12345.67")`` →
    "壹万贰仟叁佰肆拾伍元陆角柒分", ``Decimal("0")`` → "零元整". The amount is
    rounded to the fen first; negative amounts are refused because a voucher
    never carries one (a reversal is a voucher of its own), and so are amounts
    from :data:`MAX_AMOUNT` on, which no union handles.
    """
    try:
        value = money(amount)
    except (InvalidOperation, ValueError):
        raise DomainError("amount_not_a_number", value=amount) from None
    if not value.is_finite():
        raise DomainError("amount_not_a_number", value=amount)
    if value >= MAX_AMOUNT:
        raise DomainError("amount_in_words_too_large", value=value)
    if value < 0:
        raise DomainError("amount_in_words_negative", value=value)
    if value == 0:
        return "零元整"
    return an2cn(format(value, "f"), "rmb")


def rmb_upper_or_empty(amount: Decimal) -> str:
    """:func:`rmb_upper` of ``amount``, or an empty text when it cannot be written.

    For the amounts in words that records compute when they are read: a record
    holding an impossible amount stays readable (its amount is refused where it
    is entered).
    """
    try:
        return rmb_upper(amount)
    except DomainError:
        return ""
