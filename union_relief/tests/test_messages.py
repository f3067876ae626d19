"""Every code used by the domain core has an English template that fits it, in
the one catalogue that Odoo's translation export reads."""

import ast
import inspect
from datetime import date
from decimal import Decimal

import pytest

from union_relief import bounds, eligibility, errors, numbering, resident_id, review
from union_relief.eligibility import REASONS, HouseholdFinances, assess
from union_relief.errors import MESSAGES, DomainError
from union_relief.numbering import format_file_number
from union_relief.resident_id import validate_resident_id
from union_relief.review import next_review_date, spot_check_count
from union_relief.tests.catalogue import (
    check_cases_cover_raised_codes,
    placeholders,
    raised_codes,
    raises_code,
)

MODULES = (bounds, eligibility, numbering, resident_id, review)

LINE = Decimal("600")


def household(income="10000", costs="0", size=1, hardship="0", sudden=False):
    return HouseholdFinances(
        Decimal(income), Decimal(costs), size, Decimal(hardship), sudden
    )


ERROR_CASES = {
    "negative_income": lambda: assess(household("-1"), LINE),
    "negative_costs": lambda: assess(household(costs="-1"), LINE),
    "negative_hardship_costs": lambda: assess(household(hardship="-1"), LINE),
    "household_size": lambda: assess(household(size=0), LINE),
    "subsistence_line": lambda: assess(household(), Decimal(0)),
    "months_worked_missing": lambda: assess(household(), LINE, migrant_worker=True),
    "negative_months_worked": lambda: assess(household(), LINE, months_worked=-1),
    "resident_id_invalid": lambda: validate_resident_id("1101011980023000A1"),
    "resident_id_length": lambda: validate_resident_id("110101"),
    "resident_id_checksum": lambda: validate_resident_id("360426199101010072"),
    "review_interval": lambda: next_review_date(date(2026, 1, 1), 0),
    "spot_check_share": lambda: spot_check_count(10, 2.0),
    "spot_check_population": lambda: spot_check_count(-1, 0.5),
    "file_number_org_code": lambda: format_file_number("", 2026, 1),
    "file_number_year": lambda: format_file_number("DJGDJ", 26, 1),
    "file_number_sequence": lambda: format_file_number("DJGDJ", 2026, 0),
    "household_amount_too_large": lambda: assess(household("1e10"), LINE),
    "resident_id_birth_date": lambda: validate_resident_id(
        "110101206901010013", date(2026, 1, 1)
    ),
    "amount_invalid": lambda: bounds.check_amount("abc", "income"),
    "amount_negative": lambda: bounds.check_amount(-1, "income"),
    "amount_too_large": lambda: bounds.check_amount(1e10, "income"),
    "count_out_of_range": lambda: bounds.check_count(0, "household size", 1, 99),
    "year_out_of_range": lambda: bounds.check_year(0, "year", date(2026, 1, 1)),
    "date_too_early": lambda: bounds.check_date(date(1900, 1, 1), "date", date(2026, 1, 1)),
    "date_too_late": lambda: bounds.check_date(date(2999, 1, 1), "date", date(2026, 1, 1)),
    "date_in_future": lambda: bounds.check_date_not_future(
        date(2999, 1, 1), "date", date(2026, 1, 1)
    ),
    "integer_out_of_range": lambda: bounds.check_integer_column(10**10, "votes"),
    "text_blank": lambda: bounds.check_text("", "name"),
    "text_too_long": lambda: bounds.check_text("x" * 201, "name"),
    "text_control": lambda: bounds.check_text("\x00", "name"),
}

REASON_CASES = [
    assess(household("7000"), LINE),
    assess(household("10000"), LINE),
    assess(household("100000", hardship="90000", sudden=True), LINE),
    assess(household("100000", hardship="10", sudden=True), LINE),
    assess(household(), LINE, exclusions=["owns_business"]),
    assess(household(), LINE, migrant_worker=True, months_worked=6),
]


def test_every_raised_code_has_a_template_and_a_case():
    check_cases_cover_raised_codes(MODULES, ERROR_CASES)


@pytest.mark.parametrize("code", sorted(ERROR_CASES))
def test_raised_error_fits_its_template(code):
    with raises_code(code):
        ERROR_CASES[code]()


def test_every_sentence_is_marked_for_the_translation_export():
    # Odoo's export (babel's Python extractor, keywords _ and _lt) keeps the
    # literal first argument of each _lt call: a template built any other way
    # would reach no .pot, and no user in their language.
    tree = ast.parse(inspect.getsource(errors))
    catalogue = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.AnnAssign) and node.target.id == "MESSAGES"
    )
    for key, value in zip(catalogue.keys, catalogue.values):
        assert isinstance(value, ast.Call) and value.func.id == "_lt", key.value
        assert len(value.args) == 1 and isinstance(value.args[0], ast.Constant), key.value
    marked = {value.args[0].value for value in catalogue.values}
    assert marked == set(MESSAGES.values())


def test_a_sentence_without_placeholders_has_no_percent_sign():
    # Odoo fills a translated sentence only when there are values to fill, so
    # a "%%" in a sentence without any would be shown as it is.
    for code, template in MESSAGES.items():
        assert placeholders(template) or "%" not in template, code


def test_domain_error_is_a_value_error_with_a_readable_message():
    error = DomainError("negative_income", value=Decimal("-5"))
    assert isinstance(error, ValueError)
    assert str(error) == "The annual household income cannot be negative (-5)."


def test_every_reason_has_a_template_and_a_case():
    used = {reason.code for result in REASON_CASES for reason in result.reasons}
    assert used == set(REASONS)
    assert raised_codes(MODULES, "Reason") <= set(REASONS)


@pytest.mark.parametrize(
    "reason", [reason for result in REASON_CASES for reason in result.reasons]
)
def test_reason_fits_its_template(reason):
    assert set(reason.params) == placeholders(MESSAGES[reason.code])
    assert "%(" not in reason.message
