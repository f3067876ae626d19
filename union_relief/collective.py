"""Collective contracts and negotiations (doc/domain.md §6, 《集体合同规定》 2004).

Deadlines are counted the way Chinese law counts periods (Civil Code art. 201):
the day of the triggering event is not counted, so "within 20 days of the
request" ends at the close of ``request + 20 days``::

    written reply due      = request date + 20 days
    filing due             = signing date + 10 days
    labour authority review ends = receipt date + 15 days
    in force (no objection) = receipt date + 16 days (the 16th day)
    renewal may be asked   = from expiry - 3 months
    representative vacancy filled by = vacancy date + 15 days

KPIs (shown with these formulas in the interface)::

    signing rate     = organisations with a contract in force
                       / organisations that must have one         (x 100)
    performance rate (clauses)    = clauses honoured / clauses checked (x 100)
    performance rate (agreements) = agreements honoured in full
                                    / agreements checked        (x 100)

The signing rate counts organisations, not contracts, in the numerator: an
organisation with a comprehensive and a wage contract in force is one signed
organisation, so the rate never exceeds 100 %. A clause that is only partly
honoured is *not* honoured for the performance rate (the union reports it as a
shortfall to the workers' congress); it is still counted and shown on its own.
Union reports also count agreements: an agreement (one contract's yearly
performance check) is honoured when every clause checked was honoured in full,
so one partly honoured clause makes the whole agreement not honoured.
A rate whose denominator is zero is ``None`` (nothing to measure), never 0 %.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from .compat import StrEnum
from .dates import add_months
from .errors import DomainError

MIN_TERM_YEARS = 1
MAX_TERM_YEARS = 3
MIN_REPRESENTATIVES = 3
MAX_REPRESENTATIVES = 10
REPLY_DAYS = 20
FILING_DAYS = 10
REVIEW_DAYS = 15
RENEWAL_MONTHS = 3
VACANCY_DAYS = 15
RATE_QUANTUM = Decimal("0.01")
HUNDRED = Decimal(100)


class ContractError(DomainError):
    """A rule of collective contracts was broken; its sentence is in the
    catalogue of union_relief/errors.py with the others."""


class Side(StrEnum):
    """The two sides of a collective negotiation."""

    UNION = "union"
    EMPLOYER = "employer"


class ContractState(StrEnum):
    """Life cycle of a collective contract."""

    DRAFT = "draft"
    NEGOTIATING = "negotiating"
    APPROVED = "approved"
    SIGNED = "signed"
    FILED = "filed"
    IN_FORCE = "in_force"
    EXPIRED = "expired"
    TERMINATED = "terminated"
    RENEWED = "renewed"


class ClauseResult(StrEnum):
    """Outcome of the yearly performance check (履约检查) for one clause."""

    HONOURED = "honoured"
    PARTLY = "partly"
    NOT_HONOURED = "not_honoured"


# ---------------------------------------------------------------------------
# Dates


def add_years(day: date, years: int) -> date:
    """``day`` moved by ``years``; 29 February becomes 28 February if needed."""
    return add_months(day, 12 * years)


def default_expiry(date_start: date, years: int = MAX_TERM_YEARS) -> date:
    """Last day of a term of ``years`` years starting on ``date_start``."""
    return add_years(date_start, years) - timedelta(days=1)


def check_term(date_start: date | None, date_end: date | None) -> None:
    """Raise unless the term from ``date_start`` to ``date_end`` (both
    included) lasts between one and three years."""
    if not date_start or not date_end:
        raise ContractError("term_dates_missing")
    if date_end <= date_start:
        raise ContractError("term_end_before_start", date_start=date_start, date_end=date_end)
    earliest = default_expiry(date_start, MIN_TERM_YEARS)
    if date_end < earliest:
        raise ContractError(
            "term_too_short",
            min_years=MIN_TERM_YEARS,
            date_start=date_start,
            earliest=earliest,
        )
    latest = default_expiry(date_start, MAX_TERM_YEARS)
    if date_end > latest:
        raise ContractError(
            "term_too_long",
            max_years=MAX_TERM_YEARS,
            date_start=date_start,
            latest=latest,
        )


def reply_due_date(request_date: date) -> date:
    """Last day for the written reply to a written request to negotiate."""
    return request_date + timedelta(days=REPLY_DAYS)


def filing_due_date(date_signed: date) -> date:
    """Last day to file the signed contract with the labour authority."""
    return date_signed + timedelta(days=FILING_DAYS)


def review_end_date(date_received: date) -> date:
    """Last day of the labour authority's review window."""
    return date_received + timedelta(days=REVIEW_DAYS)


def in_force_date(date_received: date) -> date:
    """Day the contract takes effect when the authority raised no objection."""
    return review_end_date(date_received) + timedelta(days=1)


def renewal_window_start(date_end: date) -> date:
    """First day on which the union is asked to start the renewal."""
    return add_months(date_end, -RENEWAL_MONTHS)


def vacancy_fill_deadline(vacancy_date: date) -> date:
    """Last day to replace a representative who left."""
    return vacancy_date + timedelta(days=VACANCY_DAYS)


def is_overdue(due: date | None, done: date | None, today: date) -> bool:
    """True when ``due`` has passed and nothing was done by then."""
    return bool(due) and not done and today > due


def is_in_renewal_window(date_end: date, today: date) -> bool:
    """True from three months before expiry until the expiry date included."""
    return renewal_window_start(date_end) <= today <= date_end


def is_expired(date_end: date, today: date) -> bool:
    """True once the expiry date is over."""
    return today > date_end


def check_filing(
    date_signed: date,
    date_filed: date,
    date_received: date | None = None,
) -> None:
    """Raise when the filing or the authority's receipt predates what precedes it."""
    if date_filed < date_signed:
        raise ContractError(
            "filing_before_signing", date_filed=date_filed, date_signed=date_signed
        )
    if date_received and date_received < date_filed:
        raise ContractError(
            "receipt_before_filing", date_received=date_received, date_filed=date_filed
        )


# ---------------------------------------------------------------------------
# Representatives


def check_representatives_limits(
    counts: dict[Side, int], chiefs: dict[Side, int]
) -> None:
    """Limits that hold at all times: at most ten per side, at most one chief."""
    for side in Side:
        if counts.get(side, 0) > MAX_REPRESENTATIVES:
            raise ContractError(
                "representatives_too_many",
                side=side.value,
                count=counts[side],
                maximum=MAX_REPRESENTATIVES,
            )
        if chiefs.get(side, 0) > 1:
            raise ContractError("chief_count", side=side.value, count=chiefs[side])


def check_representatives(counts: dict[Side, int], chiefs: dict[Side, int]) -> None:
    """Rules for negotiating and signing: 3 to 10 per side, equal numbers,
    exactly one chief per side."""
    check_representatives_limits(counts, chiefs)
    for side in Side:
        if counts.get(side, 0) < MIN_REPRESENTATIVES:
            raise ContractError(
                "representatives_too_few",
                side=side.value,
                count=counts.get(side, 0),
                minimum=MIN_REPRESENTATIVES,
            )
    if counts[Side.UNION] != counts[Side.EMPLOYER]:
        raise ContractError(
            "representatives_unequal",
            union_count=counts[Side.UNION],
            employer_count=counts[Side.EMPLOYER],
        )
    for side in Side:
        if chiefs.get(side, 0) != 1:
            raise ContractError("chief_count", side=side.value, count=chiefs.get(side, 0))


# ---------------------------------------------------------------------------
# Workers' congress


@dataclass(frozen=True)
class CongressVote:
    """Result of a workers' congress vote on a contract draft."""

    total: int
    present: int
    in_favour: int
    required_present: int
    required_in_favour: int

    @property
    def has_quorum(self) -> bool:
        return self.present >= self.required_present

    @property
    def has_majority(self) -> bool:
        return self.in_favour >= self.required_in_favour

    @property
    def approved(self) -> bool:
        return self.has_quorum and self.has_majority


def congress_vote(total: int, present: int, in_favour: int) -> CongressVote:
    """Evaluate a vote: at least two thirds present, more than half of *all*
    representatives in favour. Raise when the counts are inconsistent."""
    if total < 0 or present < 0 or in_favour < 0:
        raise ContractError("vote_negative")
    if total < 1:
        raise ContractError("vote_total", total=total)
    if present > total:
        raise ContractError("vote_present_exceeds_total", present=present, total=total)
    if in_favour > present:
        raise ContractError(
            "vote_in_favour_exceeds_present", in_favour=in_favour, present=present
        )
    # ceil(2 * total / 3) and floor(total / 2) + 1 in integers: no float rounding
    required_present = -(-2 * total // 3)
    required_in_favour = total // 2 + 1
    return CongressVote(total, present, in_favour, required_present, required_in_favour)


def check_congress_approval(total: int, present: int, in_favour: int) -> CongressVote:
    """The vote, or an error saying which threshold was missed."""
    vote = congress_vote(total, present, in_favour)
    if not vote.has_quorum:
        raise ContractError(
            "vote_no_quorum", present=present, total=total, required=vote.required_present
        )
    if not vote.has_majority:
        raise ContractError(
            "vote_no_majority",
            in_favour=in_favour,
            total=total,
            required=vote.required_in_favour,
        )
    return vote


# ---------------------------------------------------------------------------
# Performance and KPIs


def check_performance_allowed(state: str) -> None:
    """Only a contract in force is checked for performance."""
    if state != ContractState.IN_FORCE:
        raise ContractError("performance_not_in_force", state=state)


@dataclass(frozen=True)
class PerformanceTally:
    """Clause results of one or more performance checks."""

    honoured: int = 0
    partly: int = 0
    not_honoured: int = 0

    @property
    def checked(self) -> int:
        return self.honoured + self.partly + self.not_honoured

    @property
    def rate(self) -> Decimal | None:
        return performance_rate(self.honoured, self.checked)


def tally_results(results: Iterable[str]) -> PerformanceTally:
    """Count clause results; an empty result (not yet checked) is skipped."""
    counts = dict.fromkeys(ClauseResult, 0)
    for result in results:
        if result:
            counts[ClauseResult(result)] += 1
    return PerformanceTally(
        honoured=counts[ClauseResult.HONOURED],
        partly=counts[ClauseResult.PARTLY],
        not_honoured=counts[ClauseResult.NOT_HONOURED],
    )


def _rate(part: int, total: int, part_name: str, total_name: str) -> Decimal | None:
    for name, value in ((part_name, part), (total_name, total)):
        if value < 0:
            raise ContractError("negative_count", name=name, value=value)
    if part > total:
        raise ContractError(
            "count_exceeds_total",
            part=part,
            part_name=part_name,
            total=total,
            total_name=total_name,
        )
    if total == 0:
        return None
    return (HUNDRED * part / total).quantize(RATE_QUANTUM, rounding=ROUND_HALF_UP)


def signing_rate(signed_organisations: int, required_organisations: int) -> Decimal | None:
    """Percentage of the organisations that must have a contract and have one
    in force; ``None`` when no organisation must have one."""
    return _rate(
        signed_organisations,
        required_organisations,
        "organisations with a contract in force",
        "organisations that must have one",
    )


def performance_rate(honoured: int, checked: int) -> Decimal | None:
    """Performance rate by clauses: percentage of checked clauses that were
    fully honoured; ``None`` when nothing was checked."""
    return _rate(honoured, checked, "clauses honoured", "clauses checked")


def agreement_honoured(tally: PerformanceTally) -> bool:
    """Whether an agreement (one contract's performance check) was honoured in
    full: at least one clause checked and every clause checked honoured."""
    return tally.checked > 0 and tally.honoured == tally.checked


@dataclass(frozen=True)
class AgreementTally:
    """Agreements of one or more organisations or years, each checked once."""

    checked: int = 0
    honoured: int = 0

    @property
    def rate(self) -> Decimal | None:
        return agreement_performance_rate(self.honoured, self.checked)


def tally_agreements(checks: Iterable[PerformanceTally]) -> AgreementTally:
    """Count the agreements checked (a check with no clause checked is skipped)
    and those honoured in full."""
    checked = honoured = 0
    for tally in checks:
        if tally.checked:
            checked += 1
            honoured += agreement_honoured(tally)
    return AgreementTally(checked=checked, honoured=honoured)


def agreement_performance_rate(honoured: int, checked: int) -> Decimal | None:
    """Percentage of checked agreements honoured in full; ``None`` when no
    agreement was checked."""
    return _rate(honoured, checked, "agreements honoured", "agreements checked")


def workers_covered(covered_per_contract: Iterable[int]) -> int:
    """Workers covered by an organisation's contracts in force.

    The comprehensive contract and the special agreements of one organisation
    cover the same workforce, so the largest number counts, not the sum.
    """
    return max(covered_per_contract, default=0)
