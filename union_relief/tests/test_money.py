"""Amounts of money: rounded to the fen, and in RMB uppercase for vouchers (union_relief/money.py)."""

from decimal import Decimal, InvalidOperation

import pytest

from union_relief.errors import DomainError
from union_relief.money import money, rmb_upper


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("1000", "壹仟元整"),
        ("1000.00", "壹仟元整"),
        ("200", "贰佰元整"),
        ("5000", "伍仟元整"),
        ("10010", "壹万零壹拾元整"),
        ("12345.67", "壹万贰仟叁佰肆拾伍元陆角柒分"),
        ("1000.5", "壹仟元伍角"),
        ("0", "零元整"),
    ],
)
def test_rmb_upper(amount, words):
    assert rmb_upper(Decimal(amount)) == words


def test_rmb_upper_rounds_to_the_fen():
    assert rmb_upper(Decimal("99.999")) == "壹佰元整"
    assert rmb_upper(Decimal("0.004")) == "零元整"


def test_rmb_upper_accepts_floats_without_binary_noise():
    assert rmb_upper(0.1 + 0.2) == "叁角"


def test_rmb_upper_refuses_negative_amounts():
    with pytest.raises(DomainError) as error:
        rmb_upper(Decimal("-1"))
    assert error.value.code == "amount_in_words_negative"


def test_rmb_upper_refuses_what_is_not_a_number():
    with pytest.raises(DomainError) as error:
        rmb_upper("abc")
    assert error.value.code == "amount_not_a_number"


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        (Decimal("12.345"), Decimal("12.35")),
        (Decimal("-12.345"), Decimal("-12.35")),
        (0.1 + 0.2, Decimal("0.30")),
        (2.675, Decimal("2.68")),
        (100, Decimal("100.00")),
        ("99.995", Decimal("100.00")),
        (None, Decimal("0.00")),
        (False, Decimal("0.00")),
    ],
)
def test_money_rounds_half_up_to_the_fen(value, rounded):
    assert money(value) == rounded
    assert money(value).as_tuple().exponent == -2


def test_money_leaves_what_cannot_be_rounded_to_the_checks():
    assert money(float("nan")).is_nan()
    assert money(float("inf")) == Decimal("Infinity")
    assert money(Decimal("1e300")) == Decimal("1e300")


def test_money_refuses_text_that_is_not_a_number():
    with pytest.raises(InvalidOperation):
        money("abc")
