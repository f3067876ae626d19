"""Money amounts written out for Chinese financial documents (doc/domain.md §7)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from cn2an import an2cn

from .bounds import MAX_AMOUNT
from .errors import DomainError

_CENT = Decimal("0.01")


def rmb_upper(amount: Decimal) -> str:
    """The amount in RMB uppercase as written on vouchers and receipts.

    ``Decimal("1000")`` → "壹仟元整", ``Decimal("12345.67")`` →
    "壹万贰仟叁佰肆拾伍元陆角柒分", ``Decimal("0")`` → "零元整". The amount is
    rounded to the fen first; negative amounts are refused because a voucher
    never carries one (a reversal is a voucher of its own), and so are amounts
    from :data:`~union_relief.bounds.MAX_AMOUNT` on, which no union handles.
    """
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        raise DomainError("amount_not_a_number", value=amount) from None
    if not value.is_finite():
        raise DomainError("amount_not_a_number", value=amount)
    if value >= MAX_AMOUNT:
        raise DomainError("amount_in_words_too_large", value=value)
    if value > -MAX_AMOUNT:
        value = value.quantize(_CENT, rounding=ROUND_HALF_UP)
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
