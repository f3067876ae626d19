"""Plausible bounds of amounts, dates, years, counts and texts (union_relief/bounds.py)."""

from datetime import date
from decimal import Decimal

import pytest

from union_relief import bounds, eligibility, money, relief
from union_relief.bounds import (
    check_amount,
    check_count,
    check_date,
    check_date_not_future,
    check_integer_column,
    check_text,
    check_year,
    end_of_next_year,
)
from union_relief.donation import (
    check_amount as check_donation_amount,
)
from union_relief.donation import (
    check_donation_date,
    check_transfer_amount,
    parse_amount,
    parse_day,
    validate_import_rows,
)
from union_relief.errors import DomainError
from union_relief.resident_id import validate_resident_id

TODAY = date(2026, 6, 30)
D = Decimal


def code_of(call):
    with pytest.raises(DomainError) as error:
        call()
    return error.value.code


# ---------------------------------------------------------------- amounts ---


@pytest.mark.parametrize(
    ("value", "amount"),
    [(0, D("0.00")), (12.345, D("12.35")), ("1000", D("1000.00")), (D("9999999999.99"), D("9999999999.99"))],
)
def test_amounts_within_bounds_are_rounded_to_the_fen(value, amount):
    assert check_amount(value, "income") == amount


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (-0.01, "amount_negative"),
        (1e10, "amount_too_large"),
        (1e15, "amount_too_large"),
        (1e300, "amount_too_large"),
        (float("nan"), "amount_invalid"),
        (float("inf"), "amount_invalid"),
        ("NaN", "amount_invalid"),
        ("abc", "amount_invalid"),
        ([1], "amount_invalid"),
        (None, "amount_invalid"),
        (True, "amount_invalid"),
    ],
)
def test_amounts_out_of_bounds_are_refused(value, code):
    assert code_of(lambda: check_amount(value, "income")) == code


def test_amount_message_names_the_figure_and_the_bound():
    with pytest.raises(DomainError) as error:
        check_amount(1e15, "annual income")
    assert str(error.value) == (
        "The annual income of 1000000000000000.0 is more than a union handles: amounts "
        "are below 10,000,000,000 yuan; check the figure."
    )


# ----------------------------------------------------------------- counts ---


@pytest.mark.parametrize("value", [1, 2, 99])
def test_counts_within_bounds(value):
    assert check_count(value, "household size", *bounds.HOUSEHOLD_SIZE) == value


@pytest.mark.parametrize("value", [0, 100, -1, 10**10, 2.5, "3", None, True])
def test_counts_out_of_bounds_are_refused(value):
    assert code_of(lambda: check_count(value, "household size", 1, 99)) == "count_out_of_range"


def test_integer_column_bounds():
    assert check_integer_column(2**31 - 1, "votes") == 2**31 - 1
    assert check_integer_column(-(2**31), "votes") == -(2**31)
    assert code_of(lambda: check_integer_column(2**31, "votes")) == "integer_out_of_range"
    assert code_of(lambda: check_integer_column(-(10**11), "votes")) == "integer_out_of_range"


# ------------------------------------------------------------------ years ---


@pytest.mark.parametrize("value", [1950, 2026, 2027])
def test_years_from_1950_to_next_year(value):
    assert check_year(value, "year", TODAY) == value


@pytest.mark.parametrize("value", [0, 1800, 1949, 2028, 99999, 99999999999, "2026", None])
def test_years_out_of_bounds_are_refused(value):
    assert code_of(lambda: check_year(value, "year", TODAY)) == "year_out_of_range"


# ------------------------------------------------------------------ dates ---


def test_dates_of_events_that_happened():
    assert check_date_not_future(TODAY, "date", TODAY) == TODAY
    assert check_date_not_future(date(1950, 1, 1), "date", TODAY) == date(1950, 1, 1)
    assert code_of(lambda: check_date_not_future(date(2026, 7, 1), "date", TODAY)) == "date_in_future"
    assert code_of(lambda: check_date_not_future(date(2999, 1, 1), "date", TODAY)) == "date_in_future"
    assert code_of(lambda: check_date_not_future(date(1949, 12, 31), "date", TODAY)) == "date_too_early"


def test_birth_dates_start_earlier():
    born = date(1930, 5, 1)
    assert check_date_not_future(born, "birth date", TODAY, bounds.EARLIEST_BIRTH_DATE) == born
    assert code_of(
        lambda: check_date_not_future(date(1800, 1, 1), "birth date", TODAY, bounds.EARLIEST_BIRTH_DATE)
    ) == "date_too_early"


def test_planned_dates_until_the_end_of_next_year():
    latest = end_of_next_year(TODAY)
    assert latest == date(2027, 12, 31)
    assert check_date(latest, "date", latest) == latest
    assert code_of(lambda: check_date(date(2028, 1, 1), "date", latest)) == "date_too_late"
    assert code_of(lambda: check_date(date(1900, 1, 1), "date", latest)) == "date_too_early"


# ------------------------------------------------------------------ texts ---


def test_texts():
    assert check_text("测试市", "region", bounds.REGION_MAX_LENGTH) == "测试市"
    assert check_text("x" * 200, "name") == "x" * 200
    assert check_text(False, "note", required=False) == ""
    assert check_text("line\nbreak\tand tab", "note") == "line\nbreak\tand tab"
    assert code_of(lambda: check_text("", "name")) == "text_blank"
    assert code_of(lambda: check_text("   ", "name")) == "text_blank"
    assert code_of(lambda: check_text(False, "name")) == "text_blank"
    assert code_of(lambda: check_text("x" * 201, "name")) == "text_too_long"
    assert code_of(lambda: check_text("x" * 100_000, "region", 100)) == "text_too_long"
    assert code_of(lambda: check_text("张\x00三", "name")) == "text_control"


def test_values_in_messages_are_short_and_printable():
    with pytest.raises(DomainError) as error:
        check_amount("1\x00" + "9" * 100, "amount")
    assert "\x00" not in str(error.value)
    assert len(error.value.params["value"]) <= 40


# ------------------------------------------------------- where they apply ---


def test_amount_in_words_never_fails_on_read():
    assert money.rmb_upper_or_empty(D("9999999999.99")).startswith("玖拾玖亿")
    for amount in (D("1e10"), 1e16, 1e300, float("nan"), -5, "abc"):
        assert money.rmb_upper_or_empty(amount) == ""
    assert code_of(lambda: money.rmb_upper(1e16)) == "amount_in_words_too_large"
    assert code_of(lambda: money.rmb_upper(float("nan"))) == "amount_not_a_number"
    assert code_of(lambda: money.rmb_upper(-1e300)) == "amount_in_words_negative"


def test_resident_id_birth_date_must_have_happened():
    # 11010120690101001 and 11010118000101001 with their check digits
    assert code_of(lambda: validate_resident_id("110101206901010013", TODAY)) == "resident_id_birth_date"
    assert code_of(lambda: validate_resident_id("110101180001010015", TODAY)) == "resident_id_birth_date"
    assert validate_resident_id("110101198001010010", TODAY) == "110101198001010010"
    # without a day to compare with, only the number itself is checked
    assert validate_resident_id("110101206901010013") == "110101206901010013"


@pytest.mark.parametrize("value", [110101198001010010, ["110101198001010010"], None, 1.5])
def test_resident_id_must_be_text(value):
    assert code_of(lambda: validate_resident_id(value, TODAY)) == "resident_id_invalid"


def test_household_figures_out_of_bounds_are_a_domain_error():
    finances = eligibility.HouseholdFinances(D("1e300"), D(0), 1)
    assert code_of(lambda: eligibility.assess(finances, D(600))) == "household_amount_too_large"
    finances = eligibility.HouseholdFinances(D("NaN"), D(0), 1)
    assert code_of(lambda: eligibility.assess(finances, D(600))) == "household_amount_too_large"


def test_relief_cost_and_standard_amounts_out_of_bounds():
    standard = relief.Standard(1, "rate", rate=D("0.5"))
    huge = relief.Beneficiary(filed=True, cost=D("1e300"))
    assert code_of(lambda: relief.base_amount(standard, huge)) == "cost_out_of_bounds"
    negative = relief.Beneficiary(filed=True, cost=D("-5"))
    assert code_of(lambda: relief.base_amount(standard, negative)) == "cost_out_of_bounds"
    assert code_of(lambda: relief.Standard(2, "fixed_household", amount=D("1e300"))) == "standard_too_large"


def test_donation_amounts_and_dates_out_of_bounds():
    assert check_donation_amount(D("9999999999.99")) == D("9999999999.99")
    assert code_of(lambda: check_donation_amount(D("1e15"))) == "donation_amount_too_large"
    assert code_of(lambda: check_donation_amount(D("-1e300"))) == "donation_amount"
    assert code_of(lambda: check_donation_amount(D("NaN"))) == "amount_not_a_number"
    assert code_of(lambda: check_donation_date(date(1900, 1, 1), TODAY)) == "donation_date_too_early"
    assert code_of(lambda: check_transfer_amount(D("1e300"))) == "fund_transfer_amount_too_large"
    assert code_of(lambda: check_transfer_amount(D("NaN"))) == "amount_not_a_number"


@pytest.mark.parametrize("text", ["NaN", "nan", "Infinity", "-inf", "sNaN", float("nan"), float("inf")])
def test_import_amount_that_is_no_finite_number(text):
    assert parse_amount(text) is None


def test_import_day_with_an_impossible_year():
    assert parse_day("99999999999-01-01") is None
    assert parse_day("99999-01-01") is None


def test_import_rows_out_of_bounds_get_a_line_error_each():
    rows = [
        {"donor": "张三明", "amount": "NaN"},
        {"donor": "张三明", "amount": "1e17"},
        {"donor": "张三明", "amount": "100", "date": "99999999999-01-01"},
        {"donor": "张三明", "amount": "100", "date": "1900-01-01"},
        {"donor": "张\x00三明", "amount": "1\x00"},
        {"donor": "李小红", "amount": 1e300},
    ]
    lines, errors = validate_import_rows(rows, TODAY, TODAY, "cash")
    assert lines == []
    assert [(error.line, error.code) for error in errors] == [
        (2, "import_amount_invalid"),
        (3, "donation_amount_too_large"),
        (4, "import_date_invalid"),
        (5, "donation_date_too_early"),
        (6, "import_control_characters"),
        (7, "donation_amount_too_large"),
    ]
    assert all("\x00" not in str(value) for error in errors for value in error.params.values())
