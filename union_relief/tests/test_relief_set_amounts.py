"""Batch runs paying a set amount: imported lists and in-kind goods (union_relief/relief.py)."""

from datetime import date
from decimal import Decimal

import pytest

from union_relief.errors import DomainError
from union_relief.relief import Beneficiary, Candidate, Standard, plan_batch

D = Decimal
ON = date(2026, 1, 20)
FESTIVAL = Standard(id="festival", method="fixed_household", amount=D("300"))
CAPPED = Standard(id="capped", method="fixed_household", amount=D("300"), household_year_cap=D("1000"))
MEDICAL = Standard(id="medical", method="rate", rate=D("0.5"), deductible=D("2000"))


def person(key, amount=None, filed=False):
    return Candidate(key, key, Beneficiary(filed), amount=None if amount is None else D(amount))


def test_set_amount_replaces_what_the_standard_gives_and_names_the_standard():
    plan = plan_batch([person(1, "500"), person(2)], [FESTIVAL], ON, filed_only=False)
    assert [(p.key, p.amount, p.standard_id, p.standard_amount) for p in plan.planned] == [
        (1, D("500.00"), "festival", D("300.00")),
        (2, D("300.00"), "festival", D("300.00")),
    ]
    assert plan.total == D("800.00")


def test_set_amount_is_paid_where_no_standard_applies():
    # goods of an in-kind run: no standard at all
    plan = plan_batch([person(1, "180.5")], [], ON, filed_only=False)
    (line,) = plan.planned
    assert (line.amount, line.standard_id, line.standard_amount) == (D("180.50"), None, None)
    assert line.standard_note.code == "no_standard"
    # a rate standard without a cost gives nothing either: the set amount is paid
    (line,) = plan_batch([person(2, "800")], [MEDICAL], ON, filed_only=False).planned
    assert (line.amount, line.standard_id, line.standard_note.code) == (
        D("800.00"), None, "cost_below_deductible",
    )


def test_set_amount_keeps_the_yearly_cap_the_budget_and_once_per_period():
    plan = plan_batch(
        [person(1, "600"), person(2, "600"), person(3, "200"), person(4, "400")],
        [CAPPED],
        ON,
        already_granted={3},
        year_totals={2: D("500")},
        budget_remaining=D("900"),
        filed_only=False,
    )
    assert [(p.key, p.amount) for p in plan.planned] == [(1, D("600.00"))]
    assert [(e.key, e.code) for e in plan.excluded] == [
        (2, "household_cap_reached"),
        (3, "already_granted"),
        (4, "over_budget"),
    ]


def test_set_amount_of_nothing_is_a_mistake_of_the_caller():
    with pytest.raises(DomainError) as error:
        plan_batch([person(1, "0")], [FESTIVAL], ON, filed_only=False)
    assert error.value.code == "amount_not_positive"
