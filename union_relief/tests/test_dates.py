"""Calendar arithmetic shared by the domains (union_relief.dates)."""

from datetime import date

import pytest

from union_relief.dates import add_months, notice_end_date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 3, 15), 1, date(2026, 4, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 11, 30), 2, date(2027, 1, 30)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
        (date(2026, 5, 5), 0, date(2026, 5, 5)),
        (date(2025, 5, 31), -3, date(2025, 2, 28)),
        (date(2025, 2, 15), -2, date(2024, 12, 15)),
        (date(2024, 11, 30), 14, date(2026, 1, 30)),
    ],
)
def test_add_months_clamps_to_month_end(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(("days", "expected"), [(5, date(2026, 3, 6)), (0, date(2026, 3, 2))])
def test_notice_lasts_the_days_set_and_at_least_one(days, expected):
    assert notice_end_date(date(2026, 3, 1), days) == expected
