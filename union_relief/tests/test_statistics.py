"""How the annual report's sentences read its figures (union_relief/statistics.py)."""

from decimal import Decimal

import pytest

from union_relief.statistics import Change, Trend, amount_text, change, rate_text


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (3214, 119, Change(Trend.FELL, 3095)),
        (2, 5, Change(Trend.ROSE, 3)),
        (7, 7, Change(Trend.SAME, 0)),
        (0, 0, Change(Trend.SAME, 0)),
    ],
)
def test_change_says_the_direction_and_a_positive_difference(before, after, expected):
    assert change(before, after) == expected


@pytest.mark.parametrize(
    ("rate", "text"),
    [
        (Decimal("97.00"), "97%"),
        (Decimal("100.00"), "100%"),
        (Decimal("66.67"), "66.67%"),
        (Decimal("97.50"), "97.5%"),
        (Decimal("0.00"), "0%"),
        (None, None),
    ],
)
def test_rates_are_written_as_reports_write_them(rate, text):
    assert rate_text(rate) == text


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (44540, "44,540"),
        (1335000.5, "1,335,000.50"),
        (Decimal("490000.00"), "490,000"),
        (0, "0"),
        (None, "0"),
        (0.1 + 0.2, "0.30"),
    ],
)
def test_amounts_show_fen_only_when_there_are_some(amount, text):
    assert amount_text(amount) == text
