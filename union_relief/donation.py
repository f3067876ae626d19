"""Donation campaigns (爱心捐款): amounts, collection sheets, imports, statements.

Plain rules over plain values: the models map donations, campaigns and
journal items to these figures and call them, so each rule is written once.
Amounts are :class:`~decimal.Decimal` in yuan, rounded to the fen.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from .bounds import EARLIEST_DATE, has_control_characters
from .errors import DomainError
from .masking import mask_name
from .money import MAX_AMOUNT, MAX_AMOUNT_SHOWN, money

#: How a donor chose to appear in public lists; the ledger always keeps the name.
VISIBILITIES = ("named", "masked", "anonymous")
#: Payment methods of a donation as they are stored.
METHODS = ("cash", "bank", "payroll", "in_kind")
#: Campaign states in which a donation may be recorded or validated.
OPEN_CAMPAIGN_STATES = ("open",)

# Words accepted in an imported collection sheet for each method and visibility,
# in English and Chinese, compared without case or surrounding blanks.
METHOD_WORDS: dict[str, str] = {
    "cash": "cash",
    "现金": "cash",
    "bank": "bank",
    "bank transfer": "bank",
    "transfer": "bank",
    "银行转账": "bank",
    "转账": "bank",
    "payroll": "payroll",
    "payroll deduction": "payroll",
    "工资代扣": "payroll",
    "代扣": "payroll",
}
VISIBILITY_WORDS: dict[str, str] = {
    "named": "named",
    "name": "named",
    "show name": "named",
    "实名": "named",
    "公开": "named",
    "masked": "masked",
    "mask": "masked",
    "部分隐藏": "masked",
    "隐去": "masked",
    "anonymous": "anonymous",
    "hidden": "anonymous",
    "匿名": "anonymous",
}
#: The example line of an import template: a donor (when the department has nobody)
#: and the Chinese word for each method and visibility.
EXAMPLE_DONOR = "张三"
METHOD_EXAMPLES: dict[str, str] = {"cash": "现金", "bank": "银行转账", "payroll": "工资代扣"}
VISIBILITY_EXAMPLES: dict[str, str] = {"named": "实名", "masked": "部分隐藏", "anonymous": "匿名"}


def check_amount(amount: Decimal) -> Decimal:
    """The amount rounded to the fen; raises ``donation_amount`` unless it is
    greater than zero, ``donation_amount_too_large`` unless it is below
    :data:`~union_relief.money.MAX_AMOUNT`, ``amount_not_a_number`` for NaN
    or infinity."""
    amount = money(amount)
    if not amount.is_finite():
        raise DomainError("amount_not_a_number", value=amount)
    if amount >= MAX_AMOUNT:
        raise DomainError("donation_amount_too_large", amount=amount, maximum=MAX_AMOUNT_SHOWN)
    if amount <= 0:
        raise DomainError("donation_amount", amount=amount)
    return amount


def check_donation_date(day: date, today: date) -> None:
    """Raises ``donation_future_date`` when a donation is dated after today,
    ``donation_date_too_early`` before :data:`~union_relief.bounds.EARLIEST_DATE`."""
    if day > today:
        raise DomainError("donation_future_date", date=day.isoformat(), today=today.isoformat())
    if day < EARLIEST_DATE:
        raise DomainError(
            "donation_date_too_early", date=day.isoformat(), earliest=EARLIEST_DATE.isoformat()
        )


def check_campaign_accepts(campaign_name: str, state: str) -> None:
    """Raises ``donation_campaign_closed`` unless the campaign is open."""
    if state not in OPEN_CAMPAIGN_STATES:
        raise DomainError("donation_campaign_closed", campaign=campaign_name)


def check_control_total(amounts: Iterable[Decimal], control_total: Decimal) -> Decimal:
    """The total of a collection sheet; raises ``donation_control_total`` when it
    differs from the control total counted by the collector."""
    total = sum((money(amount) for amount in amounts), Decimal("0.00"))
    control = money(control_total)
    if total != control:
        raise DomainError(
            "donation_control_total",
            total=total,
            control=control,
            difference=total - control,
        )
    return total


def check_can_cancel(campaign_state: str, amount: Decimal, campaign_balance: Decimal) -> None:
    """Whether a validated donation may still be cancelled.

    A settled campaign's accounts are final (``donation_cancel_settled``); and
    a donation cannot be taken back once the campaign has spent or transferred
    the money, i.e. when its balance is below the amount
    (``donation_cancel_spent``).
    """
    if campaign_state == "settled":
        raise DomainError("donation_cancel_settled")
    amount = money(amount)
    balance = money(campaign_balance)
    if balance < amount:
        raise DomainError("donation_cancel_spent", amount=amount, balance=balance)


def check_transfer_amount(amount: Decimal, available: Decimal | None = None) -> Decimal:
    """A fund transfer (matching or leftover) must be positive
    (``fund_transfer_amount``) and, when the source is a campaign, covered by
    its balance (``fund_transfer_balance``), and below
    :data:`~union_relief.money.MAX_AMOUNT` (``fund_transfer_amount_too_large``)."""
    amount = money(amount)
    if not amount.is_finite():
        raise DomainError("amount_not_a_number", value=amount)
    if not -MAX_AMOUNT < amount < MAX_AMOUNT:
        raise DomainError(
            "fund_transfer_amount_too_large", amount=amount, maximum=MAX_AMOUNT_SHOWN
        )
    if amount <= 0:
        raise DomainError("fund_transfer_amount", amount=amount)
    if available is not None and money(available) < amount:
        raise DomainError("fund_transfer_balance", amount=amount, balance=money(available))
    return amount


def check_receipt_numbers(new_numbers: Iterable[str], existing_numbers: Iterable[str]) -> None:
    """Raises ``donation_receipt_duplicate`` when a receipt number is used twice
    among the new ones or is already used; blank numbers are ignored."""
    seen = {number for number in existing_numbers if number}
    for number in new_numbers:
        if not number:
            continue
        if number in seen:
            raise DomainError("donation_receipt_duplicate", number=number)
        seen.add(number)


def check_campaign_covers(campaign_name: str, amount: Decimal, balance: Decimal) -> None:
    """Relief charged to a campaign fund cannot exceed what the fund holds
    (``campaign_balance_short``)."""
    amount, balance = money(amount), money(balance)
    if amount > balance:
        raise DomainError(
            "campaign_balance_short", campaign=campaign_name, amount=amount, balance=balance
        )


@dataclass(frozen=True)
class CampaignStatement:
    """The money of a campaign from its posted entries."""

    raised: Decimal
    matched: Decimal
    spent: Decimal
    transferred: Decimal
    balance: Decimal


def campaign_statement(
    raised: Decimal, matched: Decimal, spent: Decimal, transferred: Decimal
) -> CampaignStatement:
    """Raised (donations, net of reversals) plus matched (money moved in from
    other funds) minus spent (relief paid) minus transferred (leftover moved
    out) gives the balance."""
    raised, matched, spent, transferred = (
        money(raised), money(matched), money(spent), money(transferred)
    )
    return CampaignStatement(
        raised, matched, spent, transferred, raised + matched - spent - transferred
    )


def progress(collected: Decimal, target: Decimal) -> float:
    """Percentage of the target collected (raised plus matched); 0 without a
    target. May exceed 100."""
    target = money(target)
    if target <= 0:
        return 0.0
    return float(money(collected) * 100 / target)


def public_donor_name(name: str, visibility: str) -> str | None:
    """The donor's name as a public list shows it: full, masked with
    :func:`~union_relief.masking.mask_name`, or ``None`` when hidden."""
    if visibility == "named":
        return " ".join(name.split())
    if visibility == "masked":
        return mask_name(name)
    return None


@dataclass(frozen=True)
class LineError:
    """A problem of one line of an imported collection sheet."""

    line: int
    code: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportLine:
    """One valid line of a collection sheet."""

    line: int
    donor: str
    amount: Decimal
    day: date
    method: str
    visibility: str


def parse_amount(text: object) -> Decimal | None:
    """An amount from a cell (number or text with optional thousands
    separators and ¥/元), as written: :func:`check_amount` rounds and bounds
    it; ``None`` when it is not a finite number (NaN and infinity are not)."""
    if isinstance(text, (int, float, Decimal)) and not isinstance(text, bool):
        cleaned = str(text)
    else:
        cleaned = str(text).strip().replace(",", "").replace("，", "")
        cleaned = cleaned.removeprefix("¥").removeprefix("￥").removesuffix("元").strip()
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def parse_day(value: object) -> date | None:
    """A date from a cell: a date, or text as YYYY-MM-DD, YYYY/MM/DD or
    YYYY年MM月DD日; ``None`` when it is not a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for separator in ("-", "/", "."):
        text = text.replace(separator, "-")
    text = text.replace("年", "-").replace("月", "-").replace("日", "")
    try:
        year, month, day = (int(part) for part in text.split("-"))
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _blank(value: object) -> bool:
    return value is None or str(value).strip() == ""


def validate_import_rows(  # noqa: C901 (one check per column, in the order of the sheet)
    rows: Sequence[Mapping[str, object]],
    today: date,
    default_day: date,
    default_method: str,
    first_line: int = 2,
) -> tuple[list[ImportLine], list[LineError]]:
    """Check every row of a collection sheet and return its valid lines and
    the errors of the others.

    A row maps ``donor``, ``amount`` and optionally ``date``, ``method`` and
    ``visibility`` to cell values; blank rows are skipped. Lines are numbered
    from ``first_line`` (the first row under the header in a spreadsheet).
    Every problem of every line is reported, so the sheet is fixed in one go.
    """
    lines: list[ImportLine] = []
    errors: list[LineError] = []
    for number, row in enumerate(rows, start=first_line):
        if all(_blank(value) for value in row.values()):
            continue
        if any(isinstance(value, str) and has_control_characters(value) for value in row.values()):
            # nothing of such a line is shown back, nor looked up
            errors.append(LineError(number, "import_control_characters"))
            continue
        line_errors: list[LineError] = []
        donor = " ".join(str(row.get("donor") or "").split())
        if not donor:
            line_errors.append(LineError(number, "import_donor_missing"))
        amount = None
        if _blank(row.get("amount")):
            line_errors.append(LineError(number, "import_amount_missing"))
        else:
            amount = parse_amount(row.get("amount"))
            if amount is None:
                line_errors.append(
                    LineError(number, "import_amount_invalid", {"value": str(row.get("amount")).strip()})
                )
            else:
                try:
                    amount = check_amount(amount)
                except DomainError as error:
                    line_errors.append(LineError(number, error.code, error.params))
        day = default_day
        if not _blank(row.get("date")):
            day = parse_day(row.get("date"))
            if day is None:
                line_errors.append(
                    LineError(number, "import_date_invalid", {"value": str(row.get("date")).strip()})
                )
        if day is not None:
            try:
                check_donation_date(day, today)
            except DomainError as error:
                line_errors.append(LineError(number, error.code, error.params))
        method = default_method
        if not _blank(row.get("method")):
            method = METHOD_WORDS.get(str(row.get("method")).strip().lower())
            if method is None:
                line_errors.append(
                    LineError(number, "import_method_unknown", {"value": str(row.get("method")).strip()})
                )
        visibility = "masked"
        if not _blank(row.get("visibility")):
            visibility = VISIBILITY_WORDS.get(str(row.get("visibility")).strip().lower())
            if visibility is None:
                line_errors.append(
                    LineError(number, "import_visibility_unknown", {"value": str(row.get("visibility")).strip()})
                )
        if line_errors:
            errors.extend(line_errors)
        else:
            lines.append(ImportLine(number, donor, amount, day, method, visibility))
    if not lines and not errors:
        errors.append(LineError(first_line, "import_empty"))
    return lines, errors


def cell_text(value: object) -> str:
    """A cell as the user typed it: a whole number without ".0", a date as
    YYYY-MM-DD, blank for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def original_cells(row: Mapping[str, object]) -> dict[str, str] | None:
    """The cells of a row as text, to show beside its errors; ``None`` for a row
    with control characters, of which nothing is shown back."""
    if any(isinstance(value, str) and has_control_characters(value) for value in row.values()):
        return None
    return {key: cell_text(value) for key, value in row.items()}


def donor_match_error(line: int, donor: str, matches: int) -> LineError | None:
    """The error of a line whose donor name matched ``matches`` employees:
    none (``import_donor_unknown``) or several (``import_donor_ambiguous``)."""
    if matches == 0:
        return LineError(line, "import_donor_unknown", {"donor": donor})
    if matches > 1:
        return LineError(line, "import_donor_ambiguous", {"donor": donor, "count": matches})
    return None
