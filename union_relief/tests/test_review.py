from datetime import date

import pytest

from union_relief.errors import DomainError
from union_relief.review import (
    is_review_due,
    next_review_date,
    select_spot_checks,
    spot_check_count,
)


def test_next_review_date():
    assert next_review_date(date(2025, 6, 30), 12) == date(2026, 6, 30)


@pytest.mark.parametrize("interval", [0, -12])
def test_review_interval_must_be_positive(interval):
    with pytest.raises(DomainError) as error:
        next_review_date(date(2025, 6, 30), interval)
    assert error.value.code == "review_interval"
    assert error.value.params == {"interval": interval}


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (date(2026, 2, 27), False),
        (date(2026, 2, 28), True),
        (date(2026, 3, 1), True),
    ],
)
def test_is_review_due(today, due):
    assert is_review_due(date(2025, 2, 28), today, 12) is due


@pytest.mark.parametrize(
    ("population", "share", "count"),
    [
        (10, 0.3, 3),
        (30, 0.1, 3),
        (11, 0.3, 4),
        (1, 0.01, 1),
        (0, 0.5, 0),
        (100, 0.0, 0),
        (7, 1.0, 7),
    ],
)
def test_spot_check_count_rounds_up(population, share, count):
    assert spot_check_count(population, share) == count


@pytest.mark.parametrize("share", [-0.01, 1.01, float("nan")])
def test_spot_check_share_must_be_a_fraction(share):
    with pytest.raises(DomainError) as error:
        spot_check_count(10, share)
    assert error.value.code == "spot_check_share"


def test_spot_check_population_cannot_be_negative():
    with pytest.raises(DomainError) as error:
        spot_check_count(-1, 0.5)
    assert error.value.code == "spot_check_population"
    assert error.value.params == {"population": -1}


def test_spot_checks_are_deterministic_and_sorted():
    ids = list(range(1, 101))
    first = select_spot_checks(ids, 0.1, seed="2026-review")
    assert len(first) == 10
    assert first == sorted(first)
    assert set(first) <= set(ids)
    assert select_spot_checks(list(reversed(ids)), 0.1, seed="2026-review") == first


def test_spot_checks_depend_on_the_seed():
    ids = list(range(1, 101))
    draws = {tuple(select_spot_checks(ids, 0.1, seed=seed)) for seed in range(5)}
    assert len(draws) > 1


def test_spot_checks_ignore_duplicate_candidates():
    assert select_spot_checks([5, 5, 5], 1.0, seed=1) == [5]
    assert select_spot_checks([], 0.5, seed=1) == []
