"""Relief standards, grant amounts, caps, budgets and batch runs (doc/domain.md §4).

Every figure (amounts, rates, deductibles, caps, budgets) comes from the caller's
data: the standards a union configured. This module only knows how to apply them.
Amounts are ``Decimal`` rounded to the fen (0.01 yuan).
"""

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from .errors import DomainError
from .money import MAX_AMOUNT, MAX_AMOUNT_SHOWN, money

ZERO = Decimal("0")

RECURRENCES = ("one_off", "monthly")
METHODS = ("fixed_person", "fixed_household", "rate")
SCOPES = ("any", "filed", "not_filed")

# Reasons a batch run leaves a candidate out, in the order they are checked.
EXCLUSION_CODES = (
    "not_filed",
    "no_payee",
    "already_granted",
    "no_standard",
    "cost_below_deductible",
    "household_cap_reached",
    "over_budget",
)

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


# ---------------------------------------------------------------- periods ---


def period_key(year: int, month: int | None = None) -> str:
    """The key of a grant period: "2026-11" for a month, "2026" for a year."""
    if month is None:
        return "%04d" % year
    if not 1 <= month <= 12:
        raise DomainError("period_format", period="%s-%s" % (year, month))
    return "%04d-%02d" % (year, month)


def parse_period(key: str) -> tuple[int, int | None]:
    """(year, month) of a period key; month is None for a yearly key."""
    match = _PERIOD.match((key or "").strip())
    if not match:
        raise DomainError("period_format", period=key)
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    if month is not None and not 1 <= month <= 12:
        raise DomainError("period_format", period=key)
    return year, month


def check_period(key: str, fiscal_year: int, recurrence: str) -> str:
    """Validate a grant period against its programme and return the clean key.

    A monthly programme needs a month ("2026-11"); a one-off programme takes its
    year ("2026") or a month. Either way the period lies in the fiscal year.
    """
    year, month = parse_period(key)
    if recurrence == "monthly" and month is None:
        raise DomainError("period_month_required", period=key)
    if year != fiscal_year:
        raise DomainError("period_outside_year", period=key, year=fiscal_year)
    return period_key(year, month)


def period_start(key: str) -> date:
    """First day of the period."""
    year, month = parse_period(key)
    return date(year, month or 1, 1)


def period_end(key: str) -> date:
    """Last day of the period."""
    year, month = parse_period(key)
    if month is None or month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def accounting_date(key: str, requested: date) -> date:
    """Date of a grant's journal entry: the grant's own date, brought into its
    period. A grant of an earlier period is booked at the end of that period, a
    grant requested before its period at its first day (doc/domain.md, accounting
    of relief)."""
    return min(max(requested, period_start(key)), period_end(key))


def default_period(recurrence: str, fiscal_year: int, today: date) -> str:
    """This month for a monthly programme of this year, else the fiscal year."""
    if recurrence == "monthly":
        month = today.month if today.year == fiscal_year else 1
        return period_key(fiscal_year, month)
    return period_key(fiscal_year)


# -------------------------------------------------------------- standards ---


@dataclass(frozen=True)
class Standard:
    """One line of a programme's benefit schedule.

    ``method``: ``fixed_person`` pays ``amount`` per household member,
    ``fixed_household`` pays ``amount`` once, ``rate`` pays ``rate`` of the
    out-of-pocket cost above ``deductible`` (at least ``minimum``).
    The criteria (category, cause, school level, sub-class, scope) are None when
    the standard applies to any value; ``scope`` says whether it is for filed
    households, the others, or both. Caps of zero mean no cap.
    """

    id: Hashable
    method: str
    amount: Decimal = ZERO
    rate: Decimal = ZERO
    deductible: Decimal = ZERO
    minimum: Decimal = ZERO
    grant_cap: Decimal = ZERO
    household_year_cap: Decimal = ZERO
    category: str | None = None
    cause: Hashable | None = None
    school_level: str | None = None
    subclass: Hashable | None = None
    scope: str = "any"
    date_from: date | None = None
    date_to: date | None = None
    sequence: int = 10

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise DomainError("standard_method", method=self.method)
        if self.scope not in SCOPES:
            raise DomainError("standard_scope", scope=self.scope)
        for name in ("amount", "rate", "deductible", "minimum", "grant_cap", "household_year_cap"):
            if Decimal(getattr(self, name)) < 0:
                raise DomainError("standard_negative", field=name, value=getattr(self, name))
            if not Decimal(getattr(self, name)) < MAX_AMOUNT:
                raise DomainError(
                    "standard_too_large",
                    field=name,
                    value=getattr(self, name),
                    maximum=MAX_AMOUNT_SHOWN,
                )
        if self.method == "rate" and not ZERO < Decimal(self.rate) <= 1:
            raise DomainError("standard_rate", rate=self.rate)
        if self.method != "rate" and Decimal(self.amount) <= 0:
            raise DomainError("standard_amount", amount=self.amount)
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise DomainError("standard_dates", date_from=self.date_from, date_to=self.date_to)

    @property
    def specificity(self) -> int:
        """How many criteria the standard sets: the most specific match wins."""
        criteria = (self.category, self.cause, self.school_level, self.subclass)
        return sum(value is not None for value in criteria) + (self.scope != "any")

    def is_valid_on(self, on_date: date) -> bool:
        return (self.date_from is None or self.date_from <= on_date) and (
            self.date_to is None or on_date <= self.date_to
        )

    def matches(self, beneficiary: "Beneficiary", on_date: date) -> bool:
        if not self.is_valid_on(on_date):
            return False
        if self.scope == "filed" and not beneficiary.filed:
            return False
        if self.scope == "not_filed" and beneficiary.filed:
            return False
        pairs = (
            (self.category, beneficiary.category),
            (self.cause, beneficiary.cause),
            (self.school_level, beneficiary.school_level),
            (self.subclass, beneficiary.subclass),
        )
        return all(wanted is None or wanted == actual for wanted, actual in pairs)


@dataclass(frozen=True)
class Beneficiary:
    """What the standards look at: the household, not the person's identity."""

    filed: bool
    category: str | None = None
    cause: Hashable | None = None
    subclass: Hashable | None = None
    school_level: str | None = None
    household_size: int = 1
    cost: Decimal = ZERO


def select_standard(standards: Iterable[Standard], beneficiary: Beneficiary, on_date: date) -> Standard:
    """The standard that applies: the most specific match, then the lowest sequence."""
    matching = [standard for standard in standards if standard.matches(beneficiary, on_date)]
    if not matching:
        raise DomainError("no_standard", date=on_date.isoformat())
    return min(matching, key=lambda s: (-s.specificity, s.sequence, str(s.id)))


def base_amount(standard: Standard, beneficiary: Beneficiary) -> Decimal:
    """The amount the standard gives before the household's yearly cap."""
    if standard.method == "fixed_person":
        if beneficiary.household_size < 1:
            raise DomainError("household_size", value=beneficiary.household_size)
        amount = money(standard.amount) * beneficiary.household_size
    elif standard.method == "fixed_household":
        amount = money(standard.amount)
    else:
        if not 0 <= Decimal(beneficiary.cost) < MAX_AMOUNT:
            raise DomainError("cost_out_of_bounds", cost=beneficiary.cost, maximum=MAX_AMOUNT_SHOWN)
        cost = money(beneficiary.cost)
        deductible = money(standard.deductible)
        if cost <= deductible:
            raise DomainError("cost_below_deductible", cost=cost, deductible=deductible)
        amount = max(money((cost - deductible) * Decimal(standard.rate)), money(standard.minimum))
    if standard.grant_cap:
        amount = min(amount, money(standard.grant_cap))
    return money(amount)


def apply_household_cap(amount: Decimal, granted_this_year: Decimal, cap: Decimal) -> Decimal:
    """Reduce ``amount`` to what the household's yearly cap still allows."""
    if not cap:
        return money(amount)
    room = money(cap) - money(granted_this_year)
    if room <= 0:
        raise DomainError("household_cap_reached", cap=money(cap), granted=money(granted_this_year))
    return min(money(amount), room)


def compute_amount(standard: Standard, beneficiary: Beneficiary, granted_this_year: Decimal = ZERO) -> Decimal:
    """The grant amount: the standard's amount within the per-grant and yearly caps."""
    return apply_household_cap(
        base_amount(standard, beneficiary), granted_this_year, standard.household_year_cap
    )


def check_amount(amount: Decimal) -> Decimal:
    """A grant gives money or goods worth something: zero and less are refused."""
    value = money(amount)
    if value <= 0:
        raise DomainError("amount_not_positive", amount=value)
    return value


# ----------------------------------------------------------------- budget ---


def remaining_budget(budget: Decimal, committed: Decimal) -> Decimal:
    """What is left of the budget once approved and paid grants are counted."""
    return money(budget) - money(committed)


def check_budget(budget: Decimal, committed: Decimal, amount: Decimal) -> Decimal:
    """Refuse ``amount`` when it does not fit in the budget; return what remains after it."""
    remaining = remaining_budget(budget, committed)
    if money(amount) > remaining:
        raise DomainError(
            "over_budget",
            budget=money(budget),
            committed=money(committed),
            remaining=remaining,
            amount=money(amount),
        )
    return remaining - money(amount)


# -------------------------------------------------------------- batch run ---


@dataclass(frozen=True)
class Candidate:
    """One household or person proposed for a batch run; ``payee`` is who gets paid.

    ``amount`` is a set amount (a line of an imported list, the value of the goods
    of an in-kind run) paid instead of what the standards give; the standard that
    applies, if any, is still named and its yearly cap still holds.
    """

    key: Hashable
    payee: Hashable | None
    beneficiary: Beneficiary
    amount: Decimal | None = None


@dataclass(frozen=True)
class Planned:
    key: Hashable
    payee: Hashable
    amount: Decimal
    standard_id: Hashable | None
    standard_amount: Decimal | None = None
    """What the standards give (``amount`` unless a set amount replaced it)."""
    standard_note: DomainError | None = None
    """Why the standards give nothing to a candidate paid a set amount."""


@dataclass(frozen=True)
class Excluded:
    key: Hashable
    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BatchPlan:
    planned: list[Planned]
    excluded: list[Excluded]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.planned), ZERO)


def plan_batch(
    candidates: Iterable[Candidate],
    standards: Iterable[Standard],
    on_date: date,
    already_granted: Iterable[Hashable] = (),
    year_totals: dict[Hashable, Decimal] | None = None,
    budget_remaining: Decimal | None = None,
    filed_only: bool = True,
) -> BatchPlan:
    """Who a batch run pays, how much, and who is left out and why.

    ``already_granted`` holds the payees that already have a grant for the
    period (so running the same month twice adds nobody twice); ``year_totals``
    what each payee got this year under the programme; ``budget_remaining``
    what the programme may still commit (None: no check). Candidates are taken
    in order, so the budget runs out for the last ones.
    """
    standards = list(standards)
    seen = set(already_granted)
    year_totals = dict(year_totals or {})
    remaining = None if budget_remaining is None else money(budget_remaining)
    planned: list[Planned] = []
    excluded: list[Excluded] = []
    for candidate in candidates:
        if filed_only and not candidate.beneficiary.filed:
            excluded.append(Excluded(candidate.key, "not_filed"))
            continue
        if candidate.payee is None:
            excluded.append(Excluded(candidate.key, "no_payee"))
            continue
        if candidate.payee in seen:
            excluded.append(Excluded(candidate.key, "already_granted"))
            continue
        granted = year_totals.get(candidate.payee, ZERO)
        try:
            if candidate.amount is None:
                standard = select_standard(standards, candidate.beneficiary, on_date)
                amount = compute_amount(standard, candidate.beneficiary, granted)
                line = Planned(candidate.key, candidate.payee, amount, standard.id, amount)
            else:
                line = _plan_set_amount(candidate, standards, on_date, granted)
                amount = line.amount
        except DomainError as error:
            if error.code not in EXCLUSION_CODES:
                raise
            excluded.append(Excluded(candidate.key, error.code, dict(error.params)))
            continue
        if remaining is not None:
            if amount > remaining:
                excluded.append(
                    Excluded(candidate.key, "over_budget", {"remaining": remaining, "amount": amount})
                )
                continue
            remaining -= amount
        seen.add(candidate.payee)
        year_totals[candidate.payee] = granted + amount
        planned.append(line)
    return BatchPlan(planned, excluded)


def _plan_set_amount(
    candidate: Candidate, standards: list[Standard], on_date: date, granted: Decimal
) -> Planned:
    """The plan of a candidate paid a set amount: the standard that applies (if
    any) is named with what it would give, and its yearly cap refuses a set
    amount that goes past it (``household_cap_reached``)."""
    amount = check_amount(candidate.amount)
    try:
        standard = select_standard(standards, candidate.beneficiary, on_date)
    except DomainError as error:
        return Planned(candidate.key, candidate.payee, amount, None, None, error)
    cap = money(standard.household_year_cap)
    if cap and money(granted) + amount > cap:
        raise DomainError("household_cap_reached", cap=cap, granted=money(granted))
    try:
        standard_amount = compute_amount(standard, candidate.beneficiary, granted)
    except DomainError as error:
        return Planned(candidate.key, candidate.payee, amount, None, None, error)
    return Planned(candidate.key, candidate.payee, amount, standard.id, standard_amount)
