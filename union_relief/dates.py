"""Calendar arithmetic shared by the domains: months and public notice periods."""

import calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months (may be negative), clamped to
    the month's end.

    January 31 plus one month is February 28, or February 29 in a leap year.
    """
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last_day))


def notice_end_date(start: date, days: int) -> date:
    """The date a public notice (公示) started on ``start`` ends: ``days`` days
    later, and at least one day later when the union set no length, so that
    there is always a day to raise an objection (doc/domain.md §3, §4)."""
    return start + timedelta(days=days or 1)
