from decimal import Decimal

import pytest

from union_relief.eligibility import (
    Assessment,
    Category,
    HouseholdFinances,
    Reason,
    assess,
    is_assessable,
    per_capita_monthly_income,
)
from union_relief.errors import DomainError

LINE = Decimal("600")


def finances(income, costs="0", size=1, hardship="0", sudden=False):
    return HouseholdFinances(
        annual_income=Decimal(income),
        unavoidable_costs=Decimal(costs),
        household_size=size,
        hardship_costs=Decimal(hardship),
        sudden_event=sudden,
    )


def codes(assessment: Assessment) -> list[str]:
    return [reason.code for reason in assessment.reasons]


# === Per-capita figure === #


def test_per_capita_subtracts_costs_and_divides_by_months_and_people():
    # (30000 - 6000) / 12 / 4 = 500
    assert per_capita_monthly_income(finances("30000", "6000", 4)) == Decimal("500.00")


def test_per_capita_is_rounded_half_up_to_cents():
    # 10000 / 12 / 3 = 277.777...
    assert per_capita_monthly_income(finances("10000", size=3)) == Decimal("277.78")
    # 1 / 12 / 8 = 0.0104166... and 0.06 / 12 = 0.005 rounds up
    assert per_capita_monthly_income(finances("1", size=8)) == Decimal("0.01")
    assert per_capita_monthly_income(finances("0.06")) == Decimal("0.01")


def test_per_capita_is_negative_when_costs_exceed_income():
    assert per_capita_monthly_income(finances("12000", "36000", 2)) == Decimal(
        "-1000.00"
    )


# === Categories === #


def test_below_line_is_deep():
    result = assess(finances("14376", size=2), LINE)  # 599.00
    assert result.category == Category.DEEP
    assert result.is_eligible
    assert result.per_capita_monthly_income == Decimal("599.00")
    assert result.reasons == (
        Reason(
            "below_line", {"per_capita": Decimal("599.00"), "line": Decimal("600.00")}
        ),
    )


def test_exactly_at_line_is_relative_not_deep():
    result = assess(finances("14400", size=2), LINE)  # 600.00
    assert result.category == Category.RELATIVE
    assert result.reasons == (
        Reason(
            "below_relative_threshold",
            {
                "per_capita": Decimal("600.00"),
                "line": Decimal("600.00"),
                "threshold": Decimal("1200.00"),
            },
        ),
    )


def test_one_cent_below_twice_the_line_is_relative():
    result = assess(finances("14399.88"), LINE)  # 1199.99
    assert result.category == Category.RELATIVE


def test_exactly_twice_the_line_is_not_eligible():
    result = assess(finances("14400"), LINE)  # 1200.00
    assert result.category == Category.NOT_ELIGIBLE
    assert not result.is_eligible
    assert result.reasons == (
        Reason(
            "above_threshold",
            {"per_capita": Decimal("1200.00"), "threshold": Decimal("1200.00")},
        ),
    )


def test_rounded_figure_decides_at_the_boundary():
    # 7199.94 / 12 = 599.995, shown as 600.00, so it is not below a 600 line.
    result = assess(finances("7199.94"), LINE)
    assert result.per_capita_monthly_income == Decimal("600.00")
    assert result.category == Category.RELATIVE


def test_negative_per_capita_is_deep():
    result = assess(finances("10000", "40000", 3), LINE)
    assert result.per_capita_monthly_income == Decimal("-833.33")
    assert result.category == Category.DEEP


def test_reason_messages_show_the_figures():
    result = assess(finances("14376", size=2), LINE)
    assert result.reasons[0].message == (
        "The per-capita monthly income of 599.00 is below "
        "the subsistence line of 600.00."
    )


# === Sudden hardship: costs above 80% of income === #


def test_sudden_when_costs_exceed_80_percent_even_with_high_income():
    result = assess(finances("100000", hardship="80000.01", sudden=True), LINE)
    assert result.category == Category.SUDDEN
    assert codes(result) == ["above_threshold", "sudden_costs"]
    assert result.reasons[1].params == {
        "hardship_costs": Decimal("80000.01"),
        "income": Decimal("100000.00"),
        "threshold": Decimal("80000.00"),
    }
    assert "exceed 80% of the annual household income" in result.reasons[1].message


def test_costs_of_exactly_80_percent_are_not_sudden():
    result = assess(finances("100000", hardship="80000", sudden=True), LINE)
    assert result.category == Category.NOT_ELIGIBLE
    assert codes(result) == ["above_threshold", "sudden_costs_below"]
    assert "do not exceed 80%" in result.reasons[1].message


def test_high_costs_without_an_event_are_not_sudden():
    result = assess(finances("100000", hardship="90000"), LINE)
    assert result.category == Category.NOT_ELIGIBLE
    assert codes(result) == ["above_threshold"]


def test_without_income_any_costs_of_an_event_are_sudden():
    result = assess(finances("0", hardship="1", sudden=True), LINE)
    assert result.category == Category.DEEP
    assert result.reasons[1] == Reason(
        "sudden_costs",
        {
            "hardship_costs": Decimal("1.00"),
            "income": Decimal("0.00"),
            "threshold": Decimal("0.00"),
        },
    )


def test_deep_outranks_sudden_but_both_reasons_are_listed():
    result = assess(finances("7000", hardship="6000", sudden=True), LINE)
    assert result.category == Category.DEEP
    assert codes(result) == ["below_line", "sudden_costs"]


def test_relative_outranks_sudden_but_both_reasons_are_listed():
    result = assess(finances("10000", hardship="9000", sudden=True), LINE)
    assert result.category == Category.RELATIVE
    assert codes(result) == ["below_relative_threshold", "sudden_costs"]


# === Exclusions and migrant workers === #


def test_each_exclusion_blocks_eligibility_with_its_own_reason():
    result = assess(
        finances("1000"),
        LINE,
        exclusions=["multiple_homes", "private_vehicle", "multiple_homes"],
    )
    assert result.category == Category.NOT_ELIGIBLE
    assert result.reasons[:2] == (
        Reason("excluded", {"exclusion": "multiple_homes"}),
        Reason("excluded", {"exclusion": "private_vehicle"}),
    )
    assert codes(result) == ["excluded", "excluded", "below_line"]


def test_exclusion_blocks_sudden_hardship():
    result = assess(
        finances("1000", hardship="900", sudden=True),
        LINE,
        exclusions=("study_abroad",),
    )
    assert result.category == Category.NOT_ELIGIBLE
    assert codes(result) == ["excluded", "below_line", "sudden_costs"]


def test_migrant_worker_with_less_than_a_year_is_not_eligible():
    result = assess(finances("1000"), LINE, migrant_worker=True, months_worked=11)
    assert result.category == Category.NOT_ELIGIBLE
    assert result.reasons[0] == Reason("migrant_months", {"required": 12, "months": 11})


def test_migrant_worker_with_a_full_year_is_assessed_on_income():
    result = assess(finances("1000"), LINE, migrant_worker=True, months_worked=12)
    assert result.category == Category.DEEP


def test_months_worked_do_not_matter_for_other_workers():
    result = assess(finances("1000"), LINE, months_worked=3)
    assert result.category == Category.DEEP


def test_migrant_worker_needs_months_worked():
    with pytest.raises(DomainError) as error:
        assess(finances("1000"), LINE, migrant_worker=True)
    assert error.value.code == "months_worked_missing"
    assert error.value.params == {"required": 12}


# === When a suggestion can be made === #


def test_a_blank_income_is_not_assessed():
    # a new form holds 0 everywhere: that is no household in deep hardship yet
    assert not is_assessable(finances("0"))
    assert not is_assessable(finances("0", size=4))


def test_costs_without_an_income_are_not_assessed():
    assert not is_assessable(finances("0", costs="6000", hardship="9000", sudden=True))


def test_an_entered_income_is_assessed():
    assert is_assessable(finances("0.01"))
    assert is_assessable(finances("36000", costs="6000", size=3))


def test_a_household_declared_without_income_is_assessed_at_zero():
    household = finances("0", size=2)
    assert is_assessable(household, no_income_declared=True)
    assert assess(household, LINE).category == Category.DEEP


# === Validation === #


@pytest.mark.parametrize(
    ("household", "line", "code", "value"),
    [
        (finances("-1"), LINE, "negative_income", Decimal("-1")),
        (finances("1", costs="-0.01"), LINE, "negative_costs", Decimal("-0.01")),
        (finances("1", hardship="-5"), LINE, "negative_hardship_costs", Decimal("-5")),
        (finances("1", size=0), LINE, "household_size", 0),
        (finances("1"), Decimal("0"), "subsistence_line", Decimal("0")),
        (finances("1"), Decimal("-600"), "subsistence_line", Decimal("-600")),
    ],
)
def test_invalid_figures_raise(household, line, code, value):
    with pytest.raises(DomainError) as error:
        assess(household, line)
    assert error.value.code == code
    assert error.value.params == {"value": value}


def test_per_capita_rejects_an_empty_household():
    with pytest.raises(DomainError, match="at least one person"):
        per_capita_monthly_income(finances("1000", size=0))


def test_negative_months_worked_raise():
    with pytest.raises(DomainError) as error:
        assess(finances("1000"), LINE, migrant_worker=True, months_worked=-1)
    assert error.value.code == "negative_months_worked"
