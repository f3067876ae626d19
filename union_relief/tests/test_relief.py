"""Relief standards, amounts, caps, periods, budgets and batch runs (union_relief/relief.py)."""

from datetime import date
from decimal import Decimal

import pytest

from union_relief import money as money_module
from union_relief import relief
from union_relief.errors import MESSAGES, DomainError
from union_relief.relief import (
    Beneficiary,
    Candidate,
    Standard,
    apply_household_cap,
    base_amount,
    check_amount,
    check_budget,
    check_period,
    compute_amount,
    default_period,
    parse_period,
    period_key,
    period_start,
    plan_batch,
    remaining_budget,
    select_standard,
)
from union_relief.tests.catalogue import placeholders, raised_codes

D = Decimal
ON = date(2026, 9, 1)

# The sources' figures, as a union would configure them.
LIVING = Standard(id="living", method="fixed_person", amount=D("200"))
FESTIVAL = Standard(id="festival", method="fixed_person", amount=D("300"))
EDUCATION = [
    Standard(id="uni_filed", method="fixed_household", amount=D("5000"), school_level="university", scope="filed"),
    Standard(id="high_filed", method="fixed_household", amount=D("3000"), school_level="senior_high", scope="filed"),
    Standard(id="uni_other", method="fixed_household", amount=D("4000"), school_level="university", scope="not_filed"),
    Standard(
        id="high_other", method="fixed_household", amount=D("2000"), school_level="senior_high",
        scope="not_filed",
    ),
]
MEDICAL = Standard(
    id="medical",
    method="rate",
    rate=D("0.5"),
    deductible=D("2000"),
    minimum=D("500"),
    grant_cap=D("5000"),
    household_year_cap=D("5000"),
)


def filed(size=3, **kwargs):
    return Beneficiary(filed=True, household_size=size, **kwargs)


# ---------------------------------------------------------------- amounts ---


def test_living_allowance_is_200_per_person():
    assert compute_amount(LIVING, filed(size=3)) == D("600.00")


def test_festival_visit_is_300_per_person():
    assert compute_amount(FESTIVAL, filed(size=1)) == D("300.00")


@pytest.mark.parametrize(
    ("is_filed", "level", "amount", "standard"),
    [
        (True, "university", "5000.00", "uni_filed"),
        (True, "senior_high", "3000.00", "high_filed"),
        (False, "university", "4000.00", "uni_other"),
        (False, "senior_high", "2000.00", "high_other"),
    ],
)
def test_education_aid_by_school_level_and_filing(is_filed, level, amount, standard):
    beneficiary = Beneficiary(filed=is_filed, school_level=level)
    chosen = select_standard(EDUCATION, beneficiary, ON)
    assert chosen.id == standard
    assert compute_amount(chosen, beneficiary) == D(amount)


def test_education_aid_has_no_standard_for_primary_school():
    with pytest.raises(DomainError) as error:
        select_standard(EDUCATION, filed(school_level="primary"), ON)
    assert error.value.code == "no_standard"


@pytest.mark.parametrize(
    ("cost", "amount"),
    [("2500", "500.00"), ("4000", "1000.00"), ("9000", "3500.00"), ("30000", "5000.00")],
)
def test_medical_aid_rate_above_deductible_with_minimum_and_cap(cost, amount):
    assert compute_amount(MEDICAL, filed(cost=D(cost))) == D(amount)


@pytest.mark.parametrize("cost", ["0", "1999.99", "2000"])
def test_medical_aid_needs_cost_above_the_deductible(cost):
    with pytest.raises(DomainError) as error:
        base_amount(MEDICAL, filed(cost=D(cost)))
    assert error.value.code == "cost_below_deductible"


def test_household_yearly_cap_reduces_then_refuses():
    assert compute_amount(MEDICAL, filed(cost=D("30000")), D("4000")) == D("1000.00")
    with pytest.raises(DomainError) as error:
        compute_amount(MEDICAL, filed(cost=D("30000")), D("5000"))
    assert error.value.code == "household_cap_reached"
    assert error.value.params == {"cap": D("5000.00"), "granted": D("5000.00")}


def test_zero_cap_means_no_cap():
    assert apply_household_cap(D("800"), D("100000"), D("0")) == D("800.00")


def test_fixed_per_person_needs_a_household():
    with pytest.raises(DomainError) as error:
        base_amount(LIVING, filed(size=0))
    assert error.value.code == "household_size"


@pytest.mark.parametrize("amount", ["0", "-1", "0.001"])
def test_check_amount_refuses_zero_and_negative(amount):
    with pytest.raises(DomainError) as error:
        check_amount(D(amount))
    assert error.value.code == "amount_not_positive"


def test_check_amount_rounds_to_the_fen():
    assert check_amount(D("12.345")) == D("12.35")


# -------------------------------------------------------------- standards ---


def test_most_specific_standard_wins_then_sequence():
    general = Standard(id="general", method="fixed_person", amount=D("500"), sequence=1)
    deep = Standard(id="deep", method="fixed_person", amount=D("1000"), category="deep", sequence=20)
    deep_illness = Standard(id="deep_ill", method="fixed_person", amount=D("1200"), category="deep", cause=7)
    other_deep = Standard(id="deep2", method="fixed_person", amount=D("900"), category="deep", sequence=5)
    standards = [general, deep, deep_illness, other_deep]
    assert select_standard(standards, filed(category="relative"), ON).id == "general"
    assert select_standard(standards, filed(category="deep"), ON).id == "deep2"
    assert select_standard(standards, filed(category="deep", cause=7), ON).id == "deep_ill"


def test_subclass_criterion():
    special = Standard(id="sp", method="fixed_household", amount=D("800"), subclass="tekun")
    assert select_standard([LIVING, special], filed(subclass="tekun"), ON).id == "sp"
    assert select_standard([LIVING, special], filed(subclass="other"), ON).id == "living"


def test_standard_validity_dates():
    old = Standard(id="old", method="fixed_person", amount=D("150"), date_to=date(2025, 12, 31))
    new = Standard(id="new", method="fixed_person", amount=D("200"), date_from=date(2026, 1, 1))
    assert select_standard([old, new], filed(), date(2025, 12, 31)).id == "old"
    assert select_standard([old, new], filed(), date(2026, 1, 1)).id == "new"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"method": "lump"}, "standard_method"),
        ({"method": "fixed_person", "amount": D("1"), "scope": "everyone"}, "standard_scope"),
        ({"method": "fixed_person", "amount": D("-1")}, "standard_negative"),
        ({"method": "rate", "rate": D("1.5")}, "standard_rate"),
        ({"method": "rate", "rate": D("0")}, "standard_rate"),
        ({"method": "fixed_household", "amount": D("0")}, "standard_amount"),
        (
            {"method": "fixed_person", "amount": D("1"), "date_from": date(2026, 2, 1), "date_to": date(2026, 1, 1)},
            "standard_dates",
        ),
    ],
)
def test_invalid_standards(kwargs, code):
    with pytest.raises(DomainError) as error:
        Standard(id="x", **kwargs)
    assert error.value.code == code


# ---------------------------------------------------------------- periods ---


def test_period_keys():
    assert period_key(2026, 11) == "2026-11"
    assert period_key(2026) == "2026"
    assert parse_period("2026-03") == (2026, 3)
    assert parse_period(" 2026 ") == (2026, None)
    assert period_start("2026-11") == date(2026, 11, 1)
    assert period_start("2026") == date(2026, 1, 1)
    assert relief.period_end("2026-11") == date(2026, 11, 30)
    assert relief.period_end("2024-02") == date(2024, 2, 29)
    assert relief.period_end("2026-12") == date(2026, 12, 31)
    assert relief.period_end("2026") == date(2026, 12, 31)


@pytest.mark.parametrize(("period", "requested", "booked"), [
    # a grant of an earlier month is booked on the last day of that month
    ("2026-10", date(2026, 12, 2), date(2026, 10, 31)),
    # within its period: its own date
    ("2026-12", date(2026, 12, 2), date(2026, 12, 2)),
    ("2026", date(2026, 6, 15), date(2026, 6, 15)),
    # requested before its period: the period's first day
    ("2027-01", date(2026, 12, 20), date(2027, 1, 1)),
    # a yearly grant of last year
    ("2025", date(2026, 1, 10), date(2025, 12, 31)),
])
def test_accounting_date(period, requested, booked):
    assert relief.accounting_date(period, requested) == booked


@pytest.mark.parametrize("key", ["", "26-11", "2026-13", "2026-00", "2026/11", "2026-1", None])
def test_bad_period_keys(key):
    with pytest.raises(DomainError) as error:
        parse_period(key)
    assert error.value.code == "period_format"


def test_period_key_month_out_of_range():
    with pytest.raises(DomainError) as error:
        period_key(2026, 13)
    assert error.value.code == "period_format"


def test_check_period_inside_the_fiscal_year():
    assert check_period("2026-11", 2026, "monthly") == "2026-11"
    assert check_period("2026", 2026, "one_off") == "2026"
    assert check_period("2026-09", 2026, "one_off") == "2026-09"
    with pytest.raises(DomainError) as error:
        check_period("2027-01", 2026, "monthly")
    assert error.value.code == "period_outside_year"
    assert error.value.params == {"period": "2027-01", "year": 2026}
    with pytest.raises(DomainError) as error:
        check_period("2026", 2026, "monthly")
    assert error.value.code == "period_month_required"


def test_default_period():
    assert default_period("monthly", 2026, date(2026, 5, 20)) == "2026-05"
    assert default_period("monthly", 2027, date(2026, 5, 20)) == "2027-01"
    assert default_period("one_off", 2026, date(2026, 5, 20)) == "2026"


# ----------------------------------------------------------------- budget ---


def test_budget():
    assert remaining_budget(D("10000"), D("2500.50")) == D("7499.50")
    assert check_budget(D("10000"), D("9000"), D("1000")) == D("0.00")
    with pytest.raises(DomainError) as error:
        check_budget(D("10000"), D("9000"), D("1000.01"))
    assert error.value.code == "over_budget"
    assert error.value.params["remaining"] == D("1000.00")


# -------------------------------------------------------------- batch run ---


def candidate(key, payee=None, is_filed=True, size=2, **kwargs):
    return Candidate(key, key if payee is None else payee, Beneficiary(is_filed, household_size=size, **kwargs))


def test_batch_plan_pays_each_household_once_and_explains_exclusions():
    plan = plan_batch(
        [
            candidate(1),
            candidate(2, is_filed=False),
            Candidate(3, None, Beneficiary(True)),
            candidate(4),
            candidate(5, payee=1),
            candidate(6, size=3),
        ],
        [LIVING],
        ON,
        already_granted={4},
    )
    assert [(p.key, p.amount, p.standard_id) for p in plan.planned] == [
        (1, D("400.00"), "living"),
        (6, D("600.00"), "living"),
    ]
    assert [(e.key, e.code) for e in plan.excluded] == [
        (2, "not_filed"),
        (3, "no_payee"),
        (4, "already_granted"),
        (5, "already_granted"),
    ]
    assert plan.total == D("1000.00")


def test_batch_plan_run_twice_adds_nobody():
    candidates = [candidate(key) for key in range(1, 6)]
    first = plan_batch(candidates, [LIVING], ON)
    second = plan_batch(candidates, [LIVING], ON, already_granted={p.payee for p in first.planned})
    assert len(first.planned) == 5
    assert second.planned == []
    assert {e.code for e in second.excluded} == {"already_granted"}


def test_batch_plan_stops_at_the_budget():
    plan = plan_batch([candidate(k) for k in range(1, 5)], [LIVING], ON, budget_remaining=D("1000"))
    assert [p.key for p in plan.planned] == [1, 2]
    assert [(e.key, e.code) for e in plan.excluded] == [(3, "over_budget"), (4, "over_budget")]
    assert plan.excluded[0].params == {"remaining": D("200.00"), "amount": D("400.00")}


def test_batch_plan_reports_standard_and_cap_problems():
    plan = plan_batch(
        [candidate(1, cost=D("1000")), candidate(2, cost=D("9000")), candidate(3, school_level="x")],
        [MEDICAL],
        ON,
        year_totals={2: D("5000")},
    )
    assert plan.planned == []
    assert [(e.key, e.code) for e in plan.excluded] == [
        (1, "cost_below_deductible"),
        (2, "household_cap_reached"),
        (3, "cost_below_deductible"),
    ]
    no_standard = plan_batch([candidate(1, school_level="primary")], EDUCATION, ON)
    assert no_standard.excluded[0].code == "no_standard"


def test_batch_plan_can_include_households_not_filed():
    plan = plan_batch([candidate(1, is_filed=False, school_level="university")], EDUCATION, ON, filed_only=False)
    assert plan.planned[0].amount == D("4000.00")


def test_batch_plan_lets_unexpected_errors_through():
    with pytest.raises(DomainError) as error:
        plan_batch([candidate(1, size=0)], [LIVING], ON)
    assert error.value.code == "household_size"


# --------------------------------------------------------------- messages ---

RAISED = raised_codes((relief, money_module))


def test_every_relief_code_has_an_english_template():
    assert RAISED <= set(MESSAGES)
    assert set(relief.EXCLUSION_CODES) <= set(MESSAGES)


@pytest.mark.parametrize(
    ("code", "params"),
    [
        ("not_filed", {}),
        ("no_payee", {}),
        ("already_granted", {}),
        ("over_budget", {"budget": 1, "committed": 1, "remaining": 0, "amount": 5}),
    ],
)
def test_exclusion_templates_fit(code, params):
    assert placeholders(MESSAGES[code]) == set(params)
    assert "%(" not in str(DomainError(code, **params))
