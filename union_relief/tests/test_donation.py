"""Donation campaign rules: amounts, sheets, imports, statements, masking."""

import inspect
import re
from datetime import date, datetime
from decimal import Decimal

import pytest

from union_relief import donation
from union_relief.donation import (
    METHOD_EXAMPLES,
    METHOD_WORDS,
    VISIBILITY_EXAMPLES,
    VISIBILITY_WORDS,
    CampaignStatement,
    ImportLine,
    LineError,
    campaign_statement,
    cell_text,
    check_amount,
    check_campaign_accepts,
    check_campaign_covers,
    check_can_cancel,
    check_control_total,
    check_donation_date,
    check_receipt_numbers,
    check_transfer_amount,
    donor_match_error,
    original_cells,
    parse_amount,
    parse_day,
    progress,
    public_donor_name,
    validate_import_rows,
)
from union_relief.errors import MESSAGES, DomainError
from union_relief.tests.catalogue import check_cases_cover_raised_codes, placeholders, raises_code

TODAY = date(2025, 6, 30)
D = Decimal


ERROR_CASES = {
    "donation_amount": lambda: check_amount(D("0")),
    "donation_future_date": lambda: check_donation_date(date(2025, 7, 1), TODAY),
    "donation_campaign_closed": lambda: check_campaign_accepts("抗洪救灾", "closed"),
    "donation_control_total": lambda: check_control_total([D("100"), D("50")], D("200")),
    "donation_cancel_settled": lambda: check_can_cancel("settled", D("10"), D("100")),
    "donation_cancel_spent": lambda: check_can_cancel("open", D("100"), D("40")),
    "donation_receipt_duplicate": lambda: check_receipt_numbers(["R1", "R1"], []),
    "fund_transfer_amount": lambda: check_transfer_amount(D("-5")),
    "fund_transfer_balance": lambda: check_transfer_amount(D("50"), D("20")),
    "campaign_balance_short": lambda: check_campaign_covers("c", D("100.01"), D("100")),
    "amount_not_a_number": lambda: check_amount(D("NaN")),
    "donation_amount_too_large": lambda: check_amount(D("1e10")),
    "donation_date_too_early": lambda: check_donation_date(date(1949, 12, 31), TODAY),
    "fund_transfer_amount_too_large": lambda: check_transfer_amount(D("1e10")),
}


def test_every_raised_code_has_a_template_and_a_case():
    check_cases_cover_raised_codes((donation,), ERROR_CASES)


@pytest.mark.parametrize("code", sorted(ERROR_CASES))
def test_raised_error_fits_its_template(code):
    with raises_code(code):
        ERROR_CASES[code]()


def test_every_line_error_code_has_a_template():
    returned = set(re.findall(r'LineError\(\s*\w+,\s*"(\w+)"', inspect.getsource(donation)))
    assert returned
    assert returned <= set(MESSAGES)


@pytest.mark.parametrize("amount", ["0", "-1", "0.004"])
def test_amount_must_be_positive_after_rounding(amount):
    with pytest.raises(DomainError) as error:
        check_amount(D(amount))
    assert error.value.code == "donation_amount"


def test_amount_is_rounded_half_up_to_the_fen():
    assert check_amount(D("10.005")) == D("10.01")
    assert check_amount(44540) == D("44540.00")


def test_date_today_is_accepted_tomorrow_is_not():
    check_donation_date(TODAY, TODAY)
    with pytest.raises(DomainError):
        check_donation_date(date(2025, 7, 1), TODAY)


@pytest.mark.parametrize("state", ["draft", "closed", "settled"])
def test_only_an_open_campaign_accepts_donations(state):
    check_campaign_accepts("c", "open")
    with pytest.raises(DomainError) as error:
        check_campaign_accepts("c", state)
    assert error.value.params == {"campaign": "c"}


def test_control_total_matches_to_the_fen():
    assert check_control_total([D("100.10"), D("0.20"), 50], D("150.30")) == D("150.30")


def test_control_total_mismatch_gives_the_difference():
    with pytest.raises(DomainError) as error:
        check_control_total([D("100"), D("50")], D("160"))
    assert error.value.params == {"total": D("150.00"), "control": D("160.00"), "difference": D("-10.00")}


def test_cancel_rules():
    check_can_cancel("open", D("100"), D("100"))
    check_can_cancel("closed", D("100"), D("250"))
    with pytest.raises(DomainError) as error:
        check_can_cancel("open", D("100"), D("99.99"))
    assert error.value.code == "donation_cancel_spent"
    with pytest.raises(DomainError) as error:
        check_can_cancel("settled", D("1"), D("1000"))
    assert error.value.code == "donation_cancel_settled"


def test_receipt_numbers_duplicates_among_new_and_existing():
    check_receipt_numbers(["R1", "R2", "", None], ["R3"])
    with pytest.raises(DomainError) as error:
        check_receipt_numbers(["R1", "R3"], ["R3"])
    assert error.value.params == {"number": "R3"}


def test_transfer_amount():
    assert check_transfer_amount(D("10000")) == D("10000.00")
    assert check_transfer_amount(D("20"), D("20")) == D("20.00")


def test_relief_charged_to_a_campaign_is_covered_by_its_fund():
    check_campaign_covers("c", D("54540"), D("54540.00"))
    with pytest.raises(DomainError) as error:
        check_campaign_covers("c", D("60000"), D("54540"))
    assert error.value.params == {"campaign": "c", "amount": D("60000.00"), "balance": D("54540.00")}


def test_statement_of_the_source_example():
    # Staff gave 44,540 yuan to a colleague with cancer and the union added 10,000.
    statement = campaign_statement(D("44540"), D("10000"), D("50000"), D("4540"))
    assert statement == CampaignStatement(
        D("44540.00"), D("10000.00"), D("50000.00"), D("4540.00"), D("0.00")
    )
    assert campaign_statement(D("100"), 0, D("30"), 0).balance == D("70.00")


def test_progress_against_target():
    assert progress(D("54540"), D("50000")) == pytest.approx(109.08)
    assert progress(D("25"), D("100")) == 25.0
    assert progress(D("25"), D("0")) == 0.0


@pytest.mark.parametrize(
    ("visibility", "shown"),
    [("named", "张三明"), ("masked", "张*明"), ("anonymous", None)],
)
def test_public_donor_name(visibility, shown):
    assert public_donor_name(" 张三明 ", visibility) == shown


@pytest.mark.parametrize(
    ("text", "amount"),
    [("1,000.50", D("1000.50")), ("¥200", D("200.00")), ("300元", D("300.00")),
     (12.5, D("12.50")), (7, D("7.00")), ("abc", None), ("1.2.3", None)],
)
def test_parse_amount(text, amount):
    assert parse_amount(text) == amount


@pytest.mark.parametrize(
    ("value", "day"),
    [("2025-03-01", date(2025, 3, 1)), ("2025/3/1", date(2025, 3, 1)),
     ("2025年3月1日", date(2025, 3, 1)), (datetime(2025, 3, 1, 8, 0), date(2025, 3, 1)),
     (date(2025, 3, 1), date(2025, 3, 1)), ("2025-02-30", None), ("yesterday", None)],
)
def test_parse_day(value, day):
    assert parse_day(value) == day


def test_import_rows_valid_with_defaults_and_words():
    rows = [
        {"donor": "张三明", "amount": "200", "date": "", "method": "", "visibility": ""},
        {"donor": "李小红", "amount": 100, "date": "2025-06-01", "method": "现金", "visibility": "匿名"},
        {"donor": "", "amount": "", "date": None, "method": None, "visibility": None},
        {"donor": "王大力", "amount": "50.5", "method": "Payroll deduction", "visibility": "named"},
    ]
    lines, errors = validate_import_rows(rows, TODAY, date(2025, 6, 20), "bank")
    assert errors == []
    assert lines == [
        ImportLine(2, "张三明", D("200.00"), date(2025, 6, 20), "bank", "masked"),
        ImportLine(3, "李小红", D("100.00"), date(2025, 6, 1), "cash", "anonymous"),
        ImportLine(5, "王大力", D("50.50"), date(2025, 6, 20), "payroll", "named"),
    ]


def test_import_rows_report_every_error_of_every_line():
    rows = [
        {"donor": "张三明", "amount": "200"},
        {"donor": "", "amount": "-5"},
        {"donor": "李小红", "amount": "abc", "date": "2025-07-02"},
        {"donor": "王大力", "amount": "", "date": "soon", "method": "cheque", "visibility": "?"},
    ]
    lines, errors = validate_import_rows(rows, TODAY, TODAY, "cash")
    assert [line.line for line in lines] == [2]
    assert [(error.line, error.code) for error in errors] == [
        (3, "import_donor_missing"),
        (3, "donation_amount"),
        (4, "import_amount_invalid"),
        (4, "donation_future_date"),
        (5, "import_amount_missing"),
        (5, "import_date_invalid"),
        (5, "import_method_unknown"),
        (5, "import_visibility_unknown"),
    ]
    for error in errors:
        assert set(error.params) == placeholders(MESSAGES[error.code])


def test_import_of_an_empty_sheet_is_an_error():
    lines, errors = validate_import_rows([{"donor": "", "amount": ""}], TODAY, TODAY, "cash")
    assert lines == [] and [error.code for error in errors] == ["import_empty"]


def test_donor_match():
    assert donor_match_error(2, "张三明", 1) is None
    assert donor_match_error(2, "张三明", 0) == LineError(2, "import_donor_unknown", {"donor": "张三明"})
    error = donor_match_error(3, "张三明", 2)
    assert error.code == "import_donor_ambiguous" and error.params == {"donor": "张三明", "count": 2}


def test_template_words_are_read_back():
    for method, word in METHOD_EXAMPLES.items():
        assert METHOD_WORDS[word] == method
    for visibility, word in VISIBILITY_EXAMPLES.items():
        assert VISIBILITY_WORDS[word] == visibility


@pytest.mark.parametrize("value, text", [
    (None, ""),
    (200, "200"),
    (200.0, "200"),
    (150.5, "150.5"),
    (" 无此人 ", "无此人"),
    (datetime(2025, 6, 3), "2025-06-03"),
    (date(2025, 6, 3), "2025-06-03"),
    ("abc", "abc"),
])
def test_cell_text_is_what_the_user_typed(value, text):
    assert cell_text(value) == text


def test_original_cells_of_a_row_but_never_control_characters():
    assert original_cells({"donor": "无此人", "amount": 50.0, "date": None}) == {
        "donor": "无此人", "amount": "50", "date": "",
    }
    assert original_cells({"donor": "张三\x1b[31m", "amount": 10}) is None
