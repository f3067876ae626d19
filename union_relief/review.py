"""Annual review scheduling and random spot checks of hardship files."""

import math
import random
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from .dates import add_months
from .errors import DomainError


def next_review_date(reference: date, interval_months: int) -> date:
    """The date of the review due ``interval_months`` after ``reference``.

    Raises :class:`DomainError` (``review_interval``) when the interval is
    shorter than one month.
    """
    if interval_months < 1:
        raise DomainError("review_interval", interval=interval_months)
    return add_months(reference, interval_months)


def is_review_due(reference: date, today: date, interval_months: int) -> bool:
    """Whether the review after ``reference`` is due on ``today`` or overdue."""
    return today >= next_review_date(reference, interval_months)


def spot_check_count(population: int, share: float) -> int:
    """How many of ``population`` files a ``share`` spot check covers, rounded up.

    Raises :class:`DomainError` when the share is outside [0, 1]
    (``spot_check_share``) or the population is negative
    (``spot_check_population``).
    """
    if not 0 <= share <= 1:
        raise DomainError("spot_check_share", share=share)
    if population < 0:
        raise DomainError("spot_check_population", population=population)
    # Decimal keeps e.g. 10 * 0.3 at exactly 3 where binary floats round up to 4.
    return math.ceil(population * Decimal(str(share)))


def select_spot_checks(
    candidate_ids: Sequence[int], share: float, seed: int | str
) -> list[int]:
    """Draw ``share`` of the distinct candidates at random, reproducibly.

    The same candidates, share and seed always give the same result, whatever
    the order of ``candidate_ids``; the selected ids are returned sorted.
    """
    candidates = sorted(set(candidate_ids))
    count = spot_check_count(len(candidates), share)
    return sorted(random.Random(seed).sample(candidates, count))
