"""Hardship category of a household (doc/domain.md §3).

The figure compared with the local subsistence line (低保) is the household's
per-capita monthly income after unavoidable costs (刚性支出)::

    (annual income - unavoidable costs) / 12 / household size

Deep hardship is below the line, relative hardship below twice the line, and
sudden hardship is an accident, injury or major illness whose costs this year
exceed 80% of the annual household income. The most severe category that
applies wins, and every finding is kept as a :class:`Reason`.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .compat import StrEnum
from .errors import MESSAGES, DomainError
from .money import MAX_AMOUNT, MAX_AMOUNT_SHOWN, money

RELATIVE_LINE_FACTOR = 2
SUDDEN_COST_SHARE = Decimal("0.8")
MIGRANT_MIN_MONTHS = 12

# The codes of the reasons an assessment gives; their sentences are in the
# catalogue of union_relief/errors.py.
REASONS = (
    "below_line",
    "below_relative_threshold",
    "above_threshold",
    "sudden_costs",
    "sudden_costs_below",
    "excluded",
    "migrant_months",
)


class Category(StrEnum):
    """Hardship category, ordered from the most to the least severe."""

    DEEP = "deep"
    RELATIVE = "relative"
    SUDDEN = "sudden"
    NOT_ELIGIBLE = "not_eligible"


@dataclass(frozen=True)
class Reason:
    """One finding of an assessment: a :data:`REASONS` code and its values."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """The English sentence of this finding."""
        return MESSAGES[self.code] % self.params


@dataclass(frozen=True)
class HouseholdFinances:
    """A household's yearly money figures, in yuan."""

    annual_income: Decimal
    """Annual disposable household income."""
    unavoidable_costs: Decimal
    """Annual 刚性支出: medical, disability, schooling, necessary job costs."""
    household_size: int
    hardship_costs: Decimal = Decimal(0)
    """The year's costs caused by an accident, injury or major illness.

    They are not subtracted from the income; count them in
    ``unavoidable_costs`` as well when they are part of 刚性支出.
    """
    sudden_event: bool = False
    """An accident, injury or major illness happened."""


@dataclass(frozen=True)
class Assessment:
    """The outcome of :func:`assess`."""

    category: Category
    per_capita_monthly_income: Decimal
    """Rounded to 0.01; negative when the costs exceed the income."""
    reasons: tuple[Reason, ...]

    @property
    def is_eligible(self) -> bool:
        """Whether the household qualifies for a hardship file."""
        return self.category != Category.NOT_ELIGIBLE


def _check_finances(finances: HouseholdFinances) -> None:
    amounts = (finances.annual_income, finances.unavoidable_costs, finances.hardship_costs)
    for amount in amounts:
        # also keeps the arithmetic below within the precision of a Decimal
        if not amount.is_finite() or amount >= MAX_AMOUNT:
            raise DomainError(
                "household_amount_too_large", value=amount, maximum=MAX_AMOUNT_SHOWN
            )
    if finances.annual_income < 0:
        raise DomainError("negative_income", value=finances.annual_income)
    if finances.unavoidable_costs < 0:
        raise DomainError("negative_costs", value=finances.unavoidable_costs)
    if finances.hardship_costs < 0:
        raise DomainError("negative_hardship_costs", value=finances.hardship_costs)
    if finances.household_size < 1:
        raise DomainError("household_size", value=finances.household_size)


def per_capita_monthly_income(finances: HouseholdFinances) -> Decimal:
    """Per-capita monthly income after unavoidable costs, rounded to 0.01.

    Raises :class:`DomainError` on negative amounts or an empty household.
    """
    _check_finances(finances)
    disposable = finances.annual_income - finances.unavoidable_costs
    return money(disposable / 12 / finances.household_size)


def is_assessable(finances: HouseholdFinances, *, no_income_declared: bool = False) -> bool:
    """Whether the figure that decides the category, the household's income, is entered.

    An income of 0 is also what a blank form holds: assessed on it, every new
    file would be suggested as deep hardship before anything is entered. A
    household is assessed once a positive income is entered, or once it is
    declared to have no income at all (then 0 is a figure, not a blank). Costs
    alone do not count: without the income they would make any household deep.
    """
    return no_income_declared or finances.annual_income > 0


def _income_reason(per_capita: Decimal, line: Decimal) -> Reason:
    threshold = money(line * RELATIVE_LINE_FACTOR)
    if per_capita < line:
        return Reason("below_line", {"per_capita": per_capita, "line": money(line)})
    if per_capita < threshold:
        return Reason(
            "below_relative_threshold",
            {"per_capita": per_capita, "line": money(line), "threshold": threshold},
        )
    return Reason("above_threshold", {"per_capita": per_capita, "threshold": threshold})


def _sudden_reason(finances: HouseholdFinances) -> Reason | None:
    if not finances.sudden_event:
        return None
    threshold = finances.annual_income * SUDDEN_COST_SHARE
    params = {
        "hardship_costs": money(finances.hardship_costs),
        "income": money(finances.annual_income),
        "threshold": money(threshold),
    }
    if finances.hardship_costs > threshold:
        return Reason("sudden_costs", params)
    return Reason("sudden_costs_below", params)


_CATEGORY_OF_REASON = {
    "below_line": Category.DEEP,
    "below_relative_threshold": Category.RELATIVE,
    "sudden_costs": Category.SUDDEN,
}


def assess(
    finances: HouseholdFinances,
    subsistence_line: Decimal,
    *,
    exclusions: Sequence[str] = (),
    migrant_worker: bool = False,
    months_worked: int | None = None,
) -> Assessment:
    """Classify a household against the local subsistence line.

    ``exclusions`` are the codes of the checklist items that apply (e.g.
    ``"multiple_homes"``, ``"owns_business"``); any of them, or a migrant
    worker with fewer than 12 months of work, makes the household not eligible
    whatever its income. The reasons list the blockers first, then the income
    finding, then the sudden-hardship finding when an event was recorded.

    The rounded per-capita figure is the one compared with the line, so the
    figure shown in the reasons always agrees with the decision; a figure
    exactly at a threshold is not below it.

    Raises :class:`DomainError` on invalid figures, a non-positive line, or a
    migrant worker without a valid ``months_worked``.
    """
    per_capita = per_capita_monthly_income(finances)
    if subsistence_line <= 0:
        raise DomainError("subsistence_line", value=subsistence_line)
    if months_worked is not None and months_worked < 0:
        raise DomainError("negative_months_worked", value=months_worked)

    blockers = [
        Reason("excluded", {"exclusion": code}) for code in dict.fromkeys(exclusions)
    ]
    if migrant_worker:
        if months_worked is None:
            raise DomainError("months_worked_missing", required=MIGRANT_MIN_MONTHS)
        if months_worked < MIGRANT_MIN_MONTHS:
            blockers.append(
                Reason(
                    "migrant_months",
                    {"required": MIGRANT_MIN_MONTHS, "months": months_worked},
                )
            )

    findings = [_income_reason(per_capita, subsistence_line)]
    sudden = _sudden_reason(finances)
    if sudden is not None:
        findings.append(sudden)

    category = Category.NOT_ELIGIBLE
    if not blockers:
        found = {_CATEGORY_OF_REASON.get(reason.code) for reason in findings}
        # Category members are declared from the most to the least severe.
        category = next((c for c in Category if c in found), Category.NOT_ELIGIBLE)
    return Assessment(
        category=category,
        per_capita_monthly_income=per_capita,
        reasons=tuple(blockers + findings),
    )
