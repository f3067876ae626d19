"""Collective contract rules and KPIs (union_relief.collective)."""

from datetime import date
from decimal import Decimal

import pytest

from union_relief import collective as cc
from union_relief.errors import DomainError
from union_relief.tests.catalogue import check_cases_cover_raised_codes, raises_code


def test_contract_errors_are_domain_errors_with_a_readable_message():
    error = cc.ContractError("vote_total", total=0)
    assert isinstance(error, DomainError)
    assert isinstance(error, ValueError)
    assert str(error) == (
        "The workers' congress must have at least one representative (got 0)."
    )


# === Term === #


def test_term_of_exactly_one_and_three_years_is_accepted():
    cc.check_term(date(2024, 1, 1), date(2024, 12, 31))
    cc.check_term(date(2024, 1, 1), date(2026, 12, 31))


def test_term_one_day_over_three_years_is_refused():
    with raises_code("term_too_long") as info:
        cc.check_term(date(2024, 1, 1), date(2027, 1, 1))
    assert info.value.params["latest"] == date(2026, 12, 31)
    assert "at most 3 years" in str(info.value)


def test_term_one_day_short_of_a_year_is_refused():
    with raises_code("term_too_short"):
        cc.check_term(date(2024, 1, 1), date(2024, 12, 30))


@pytest.mark.parametrize(
    ("start", "end"),
    [(date(2024, 5, 1), date(2024, 5, 1)), (date(2024, 5, 1), date(2023, 5, 1))],
)
def test_expiry_not_after_start_is_refused(start, end):
    with raises_code("term_end_before_start"):
        cc.check_term(start, end)


def test_term_needs_both_dates():
    with raises_code("term_dates_missing"):
        cc.check_term(date(2024, 1, 1), None)


def test_term_from_leap_day():
    assert cc.default_expiry(date(2024, 2, 29), 1) == date(2025, 2, 27)
    cc.check_term(date(2024, 2, 29), date(2027, 2, 27))
    with raises_code("term_too_long"):
        cc.check_term(date(2024, 2, 29), date(2027, 2, 28))


# === Deadlines === #


def test_deadlines_do_not_count_the_first_day():
    assert cc.reply_due_date(date(2025, 3, 1)) == date(2025, 3, 21)
    assert cc.filing_due_date(date(2025, 12, 25)) == date(2026, 1, 4)
    assert cc.review_end_date(date(2025, 2, 20)) == date(2025, 3, 7)
    assert cc.in_force_date(date(2025, 2, 20)) == date(2025, 3, 8)
    assert cc.vacancy_fill_deadline(date(2025, 6, 20)) == date(2025, 7, 5)


def test_renewal_window_starts_three_months_before_expiry():
    expiry = date(2025, 5, 31)
    assert cc.renewal_window_start(expiry) == date(2025, 2, 28)
    assert not cc.is_in_renewal_window(expiry, date(2025, 2, 27))
    assert cc.is_in_renewal_window(expiry, date(2025, 2, 28))
    assert cc.is_in_renewal_window(expiry, expiry)
    assert not cc.is_in_renewal_window(expiry, date(2025, 6, 1))


def test_expired_only_after_the_expiry_day():
    assert not cc.is_expired(date(2025, 5, 31), date(2025, 5, 31))
    assert cc.is_expired(date(2025, 5, 31), date(2025, 6, 1))


def test_overdue_only_after_the_due_day_and_when_not_done():
    due = date(2025, 3, 21)
    assert not cc.is_overdue(due, None, date(2025, 3, 21))
    assert cc.is_overdue(due, None, date(2025, 3, 22))
    assert not cc.is_overdue(due, date(2025, 3, 25), date(2025, 4, 1))
    assert not cc.is_overdue(None, None, date(2025, 4, 1))


def test_filing_on_signing_day_is_fine_before_is_refused():
    cc.check_filing(date(2025, 3, 1), date(2025, 3, 1), date(2025, 3, 1))
    with raises_code("filing_before_signing"):
        cc.check_filing(date(2025, 3, 1), date(2025, 2, 28))
    with raises_code("receipt_before_filing"):
        cc.check_filing(date(2025, 3, 1), date(2025, 3, 5), date(2025, 3, 4))


# === Representatives === #

U, E = cc.Side.UNION, cc.Side.EMPLOYER


@pytest.mark.parametrize("size", [3, 10])
def test_equal_sides_within_limits_with_one_chief(size):
    cc.check_representatives({U: size, E: size}, {U: 1, E: 1})


def test_too_few_representatives():
    with raises_code("representatives_too_few") as info:
        cc.check_representatives({U: 2, E: 2}, {U: 1, E: 1})
    assert info.value.params["side"] == "union"


def test_too_many_representatives_is_refused_even_while_drafting():
    with raises_code("representatives_too_many") as info:
        cc.check_representatives_limits({U: 5, E: 11}, {U: 1, E: 1})
    assert info.value.params == {"side": "employer", "count": 11, "maximum": 10}


def test_unequal_sides():
    with raises_code("representatives_unequal"):
        cc.check_representatives({U: 5, E: 4}, {U: 1, E: 1})


@pytest.mark.parametrize("chiefs", [{U: 0, E: 1}, {U: 1}])
def test_missing_chief(chiefs):
    with raises_code("chief_count"):
        cc.check_representatives({U: 3, E: 3}, chiefs)


def test_two_chiefs_refused_at_all_times():
    with raises_code("chief_count"):
        cc.check_representatives_limits({U: 3, E: 3}, {U: 2, E: 1})


# === Workers' congress === #


@pytest.mark.parametrize(
    ("total", "required_present", "required_in_favour"),
    [(1, 1, 1), (3, 2, 2), (100, 67, 51), (101, 68, 51), (150, 100, 76)],
)
def test_thresholds_use_exact_fractions(total, required_present, required_in_favour):
    vote = cc.congress_vote(total, 0, 0)
    assert vote.required_present == required_present
    assert vote.required_in_favour == required_in_favour


def test_vote_at_the_exact_thresholds_passes():
    vote = cc.check_congress_approval(150, 100, 76)
    assert vote.approved


def test_one_short_of_two_thirds_present_fails():
    with raises_code("vote_no_quorum") as info:
        cc.check_congress_approval(150, 99, 99)
    assert info.value.params["required"] == 100


def test_half_of_all_is_not_a_majority_even_if_most_present_agree():
    # 100 present, 75 in favour: 75 % of those present but only half of all 150
    vote = cc.congress_vote(150, 100, 75)
    assert vote.has_quorum and not vote.has_majority and not vote.approved
    with raises_code("vote_no_majority") as info:
        cc.check_congress_approval(150, 100, 75)
    assert info.value.params["required"] == 76


@pytest.mark.parametrize(
    ("total", "present", "in_favour", "code"),
    [
        (0, 0, 0, "vote_total"),
        (10, 11, 5, "vote_present_exceeds_total"),
        (10, 8, 9, "vote_in_favour_exceeds_present"),
        (10, -1, 0, "vote_negative"),
    ],
)
def test_inconsistent_votes(total, present, in_favour, code):
    with raises_code(code):
        cc.congress_vote(total, present, in_favour)


# === Performance and KPIs === #


def test_performance_check_only_in_force():
    cc.check_performance_allowed("in_force")
    for state in ("draft", "signed", "filed", "expired", "terminated"):
        with raises_code("performance_not_in_force"):
            cc.check_performance_allowed(state)


def test_partly_honoured_counts_as_checked_but_not_honoured():
    tally = cc.tally_results(
        ["honoured", "honoured", "partly", "not_honoured", "", None]
    )
    assert (tally.honoured, tally.partly, tally.not_honoured) == (2, 1, 1)
    assert tally.checked == 4
    assert tally.rate == Decimal("50.00")


def test_rates_round_half_up_to_cents():
    assert cc.performance_rate(2, 3) == Decimal("66.67")
    assert cc.performance_rate(1, 8) == Decimal("12.50")
    assert cc.signing_rate(1, 3) == Decimal("33.33")
    assert cc.signing_rate(4, 4) == Decimal("100.00")
    assert cc.signing_rate(0, 4) == Decimal("0.00")


def test_rates_with_nothing_to_measure_are_none_not_zero():
    assert cc.signing_rate(0, 0) is None
    assert cc.performance_rate(0, 0) is None
    assert cc.tally_results([]).rate is None


def test_rate_with_more_honoured_than_checked_is_refused():
    with raises_code("count_exceeds_total"):
        cc.performance_rate(3, 2)
    with raises_code("negative_count"):
        cc.signing_rate(-1, 2)


def test_rates_aggregate_from_sums_not_averages():
    # two organisations: 1/1 and 1/3 signed -> 2/4 = 50 %, not (100 + 33.33) / 2
    assert cc.signing_rate(1 + 1, 1 + 3) == Decimal("50.00")


def test_an_agreement_is_honoured_only_in_full():
    assert cc.agreement_honoured(cc.tally_results(["honoured", "honoured"]))
    assert not cc.agreement_honoured(cc.tally_results(["honoured", "partly"]))
    assert not cc.agreement_honoured(cc.tally_results(["honoured", "not_honoured"]))
    assert not cc.agreement_honoured(cc.tally_results([]))


def test_rate_by_agreements_beside_rate_by_clauses():
    # three agreements: 2/2, 1/1 and 1/3 clauses honoured
    checks = [
        cc.tally_results(["honoured", "honoured"]),
        cc.tally_results(["honoured"]),
        cc.tally_results(["honoured", "partly", "not_honoured"]),
        cc.tally_results([]),
    ]
    agreements = cc.tally_agreements(checks)
    assert (agreements.checked, agreements.honoured) == (3, 2)
    assert agreements.rate == Decimal("66.67")
    clauses = cc.tally_results(
        ["honoured", "honoured", "honoured", "honoured", "partly", "not_honoured"]
    )
    assert clauses.rate == Decimal("66.67")
    # one partly honoured clause in a large agreement: 90 % by clauses, 0 % by agreements
    large = cc.tally_results(["honoured"] * 9 + ["partly"])
    assert large.rate == Decimal("90.00")
    assert cc.tally_agreements([large]).rate == Decimal("0.00")
    assert cc.tally_agreements([]).rate is None
    with raises_code("count_exceeds_total"):
        cc.agreement_performance_rate(2, 1)


def test_workers_covered_takes_the_largest_contract():
    assert cc.workers_covered([1200, 1200, 380]) == 1200
    assert cc.workers_covered([]) == 0


# === Catalogue === #

ERROR_CASES = {
    "term_dates_missing": lambda: cc.check_term(None, date(2025, 1, 1)),
    "term_end_before_start": lambda: cc.check_term(date(2025, 1, 1), date(2024, 1, 1)),
    "term_too_short": lambda: cc.check_term(date(2025, 1, 1), date(2025, 6, 30)),
    "term_too_long": lambda: cc.check_term(date(2025, 1, 1), date(2028, 1, 1)),
    "representatives_too_few": lambda: cc.check_representatives({U: 1, E: 1}, {U: 1, E: 1}),
    "representatives_too_many": lambda: cc.check_representatives({U: 11, E: 11}, {U: 1, E: 1}),
    "representatives_unequal": lambda: cc.check_representatives({U: 3, E: 4}, {U: 1, E: 1}),
    "chief_count": lambda: cc.check_representatives({U: 3, E: 3}, {U: 1, E: 0}),
    "vote_total": lambda: cc.congress_vote(0, 0, 0),
    "vote_present_exceeds_total": lambda: cc.congress_vote(3, 4, 0),
    "vote_in_favour_exceeds_present": lambda: cc.congress_vote(3, 2, 3),
    "vote_negative": lambda: cc.congress_vote(3, 2, -1),
    "vote_no_quorum": lambda: cc.check_congress_approval(3, 1, 1),
    "vote_no_majority": lambda: cc.check_congress_approval(4, 4, 2),
    "filing_before_signing": lambda: cc.check_filing(date(2025, 3, 2), date(2025, 3, 1)),
    "receipt_before_filing": lambda: cc.check_filing(
        date(2025, 3, 1), date(2025, 3, 2), date(2025, 3, 1)
    ),
    "performance_not_in_force": lambda: cc.check_performance_allowed("draft"),
    "negative_count": lambda: cc.performance_rate(0, -1),
    "count_exceeds_total": lambda: cc.signing_rate(2, 1),
}


def test_every_raised_code_has_a_template_and_a_case():
    check_cases_cover_raised_codes((cc,), ERROR_CASES, "ContractError")


@pytest.mark.parametrize("code", sorted(ERROR_CASES))
def test_raised_error_fits_its_template(code):
    with raises_code(code):
        ERROR_CASES[code]()
