"""Bank reconciliation (银行对账): what a bank statement line may settle, best first.

The models hand over a statement line and the open journal items of its bank
journal's outstanding payments and receipts accounts (relief payment runs,
grant payments, donation receipts) as plain values. A proposal is one item, or
several items that belong together, whose open amounts add up to the
statement line's amount to the fen; it is ranked by the evidence that it is
the right one: a reference of the item (run name, receipt number, entry
number) printed in the bank's label, and the same partner.

Amounts are :class:`~decimal.Decimal` in the company currency, signed as the
balances are: money leaving the bank is negative on the statement line and on
the payment it settles (a credit on the outstanding payments account).
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .money import money

#: A reference shorter than this (letters and digits only) is not looked for in
#: labels: "1" or "A1" would be found everywhere.
MIN_REFERENCE_LENGTH = 4
#: Proposals listed for one statement line; the ranking is made on all of them.
MAX_PROPOSALS = 20
#: Weight of each kind of evidence: a reference printed by the bank outweighs
#: any partner (a partner pays several receipts of the same amount).
REFERENCE_WEIGHT = 4
PARTNER_WEIGHT = 2

# Reason codes, translated by the models.
AMOUNT = "amount"
PARTNER = "partner"
REFERENCE = "reference"
SAME_REFERENCE = "same_reference"
SAME_GROUP = "same_group"
SAME_PARTNER = "same_partner"
REASONS = (AMOUNT, PARTNER, REFERENCE, SAME_REFERENCE, SAME_GROUP, SAME_PARTNER)

_SEPARATORS = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class StatementLine:
    """A line of the bank statement still to reconcile."""

    amount: Decimal
    partner_id: int | None = None
    #: what the bank printed: the label and the reference of the line
    texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class OpenItem:
    """An open journal item on an outstanding payments or receipts account."""

    id: int
    #: the amount still open, signed as its balance
    residual: Decimal
    partner_id: int | None = None
    #: the entry's reference and number: a run name, a receipt number
    references: tuple[str, ...] = ()
    #: the collection sheet (收款单) that gathered the receipt, if any
    group_id: int | None = None
    group_name: str = ""


@dataclass(frozen=True)
class Reason:
    """Why a proposal is made: a code of :data:`REASONS`, the reference or
    sheet it names and how many items it gathers."""

    code: str
    value: str = ""
    count: int = 0


@dataclass(frozen=True)
class Proposal:
    item_ids: tuple[int, ...]
    reasons: tuple[Reason, ...]
    score: int

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(reason.code for reason in self.reasons)


def settles(amount: Decimal, residuals: Iterable[Decimal]) -> bool:
    """Whether items with these open amounts settle a statement line of
    ``amount`` exactly: same sign, same total to the fen."""
    total = money(sum((money(residual) for residual in residuals), Decimal(0)))
    return bool(total) and total == money(amount)


@lru_cache(maxsize=4096)
def _reference_pattern(reference: str) -> re.Pattern | None:
    """How ``reference`` is found in a bank label: without case, whatever
    separators the bank printed between its parts ("PAYRUN/0001", "payrun 0001"),
    and not as part of a longer code ("PAYRUN/00012")."""
    chunks = [chunk for chunk in _SEPARATORS.split(reference.casefold()) if chunk]
    if sum(len(chunk) for chunk in chunks) < MIN_REFERENCE_LENGTH:
        return None
    body = r"[\W_]*".join(re.escape(chunk) for chunk in chunks)
    return re.compile(r"(?<![0-9a-z])" + body + r"(?![0-9a-z])")


def reference_key(reference: str) -> str:
    """The reference compared without case and separators."""
    return "".join(_SEPARATORS.split(reference.casefold()))


def find_reference(references: Iterable[str], texts: Sequence[str]) -> str | None:
    """The first of ``references`` printed in one of ``texts``, if any."""
    folded = [text.casefold() for text in texts if text]
    for reference in references:
        pattern = reference and _reference_pattern(reference)
        if pattern and any(pattern.search(text) for text in folded):
            return reference
    return None


def propose(
    line: StatementLine, items: Iterable[OpenItem], limit: int = MAX_PROPOSALS
) -> list[Proposal]:
    """The proposals that settle ``line`` exactly, best first.

    Single items of the exact amount, then groups whose total is exact: the
    items sharing a reference, the receipts of one collection sheet, and all
    the open items of the line's partner (no search among subsets: the
    accountant ticks single proposals for that). Ties keep the fewest items,
    then the oldest.
    """
    amount = money(line.amount)
    if not amount:
        return []
    texts = tuple(text for text in line.texts if text)
    candidates = [
        item for item in items
        if item.residual and (item.residual > 0) == (amount > 0)
        and abs(money(item.residual)) <= abs(amount)
    ]
    found: dict[tuple[int, ...], list[Reason]] = {}

    def add(members: list[OpenItem], reason: Reason | None = None) -> None:
        key = tuple(sorted(item.id for item in members))
        reasons = found.setdefault(key, [])
        if reason and reason not in reasons:
            reasons.append(reason)

    for item in candidates:
        if money(item.residual) == amount:
            add([item])
    by_reference: dict[str, list[OpenItem]] = defaultdict(list)
    by_group: dict[int, list[OpenItem]] = defaultdict(list)
    for item in candidates:
        for key in {reference_key(reference) for reference in item.references if reference}:
            by_reference[key].append(item)
        if item.group_id:
            by_group[item.group_id].append(item)
    for members in by_reference.values():
        if len(members) > 1 and settles(amount, (item.residual for item in members)):
            common = set(members[0].references).intersection(*(item.references for item in members))
            value = min(common) if common else members[0].references[0]
            add(members, Reason(SAME_REFERENCE, value, len(members)))
    for members in by_group.values():
        if len(members) > 1 and settles(amount, (item.residual for item in members)):
            add(members, Reason(SAME_GROUP, members[0].group_name, len(members)))
    if line.partner_id:
        members = [item for item in candidates if item.partner_id == line.partner_id]
        if len(members) > 1 and settles(amount, (item.residual for item in members)):
            add(members, Reason(SAME_PARTNER, "", len(members)))

    by_id = {item.id: item for item in candidates}
    proposals = [
        _rank(line, [by_id[item_id] for item_id in key], group_reasons, texts)
        for key, group_reasons in found.items()
    ]
    proposals.sort(key=lambda proposal: (-proposal.score, len(proposal.item_ids), proposal.item_ids))
    return proposals[:limit]


def _rank(
    line: StatementLine, members: list[OpenItem], group_reasons: list[Reason], texts: tuple[str, ...]
) -> Proposal:
    reasons = [Reason(AMOUNT, "", len(members)), *group_reasons]
    score = 0
    if line.partner_id and all(item.partner_id == line.partner_id for item in members):
        reasons.append(Reason(PARTNER))
        score += PARTNER_WEIGHT
    sheet_names = [reason.value for reason in group_reasons if reason.code == SAME_GROUP]
    reference = find_reference(
        [*(reference for item in members for reference in item.references), *sheet_names], texts
    )
    if reference:
        reasons.append(Reason(REFERENCE, reference))
        score += REFERENCE_WEIGHT
    return Proposal(tuple(item.id for item in members), tuple(reasons), score)


def unambiguous(proposals: Sequence[Proposal]) -> Proposal | None:
    """The proposal to reconcile without asking: the only one, or the one whose
    evidence is stronger than all others'. Equal evidence is left to the
    accountant."""
    if not proposals:
        return None
    ranked = sorted(proposals, key=lambda proposal: -proposal.score)
    if len(ranked) == 1 or ranked[0].score > ranked[1].score:
        return ranked[0]
    return None
