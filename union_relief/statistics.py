"""The annual statistics report (帮扶工作年度统计表, doc/domain.md "Annual
statistics report"): how its figures read in sentences.

The figures themselves are sums the models take from the pivots' own queries;
this module only decides what the sentences say of them: whether a number rose
or fell, how a rate is written, and which sentences have something to say.
"""

from dataclasses import dataclass
from decimal import Decimal

from .compat import StrEnum


class Trend(StrEnum):
    FELL = "fell"
    ROSE = "rose"
    SAME = "same"


@dataclass(frozen=True)
class Change:
    trend: Trend
    difference: int


def change(before: int, after: int) -> Change:
    """How ``after`` compares with ``before``: the direction and the (positive)
    difference."""
    if after < before:
        return Change(Trend.FELL, before - after)
    if after > before:
        return Change(Trend.ROSE, after - before)
    return Change(Trend.SAME, 0)


def rate_text(rate: Decimal | None) -> str | None:
    """A rate in percent as reports write it, ``97.5%``, ``100%``; ``None``
    when there was nothing to measure (no rate is not a rate of 0 %)."""
    if rate is None:
        return None
    text = f"{rate:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def amount_text(amount: Decimal | float | int) -> str:
    """An amount of yuan as a report's sentence writes it: thousands separated,
    fen shown only when there are some (``44,540``, ``1,335,000.50``)."""
    value = Decimal(str(amount or 0)).quantize(Decimal("0.01"))
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.2f}"
