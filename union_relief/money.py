"""Money amounts written out for Chinese financial documents (DESIGN.md §7)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from cn2an import an2cn

from .errors import DomainError

_CENT = Decimal("0.01")


def rmb_upper(amount: Decimal) -> str:
    """The amount in RMB uppercase as written on vouchers and receipts.

    ``Decimal("1000")`` → "壹仟元整", ``Decimal("12345.67")`` →
    "壹万贰仟叁佰肆拾伍元陆角柒分", ``Decimal("0")`` → "零元整". The amount is
    rounded to the fen first; negative amounts are refused because a voucher
    never carries one (a reversal is a voucher of its own).
    """
    try:
        value = Decimal(str(amount)).quantize(_CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        raise DomainError("amount_not_a_number", value=amount) from None
    if value < 0:
        raise DomainError("amount_in_words_negative", value=value)
    if value == 0:
        return "零元整"
    return an2cn(format(value, "f"), "rmb")
