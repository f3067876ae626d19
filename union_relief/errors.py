"""The error raised by the domain core and the English catalogue of its messages."""

from typing import Any

# English templates keyed by error code; the Odoo layer maps each code to a
# translated message, so every code raised in this package must appear here.
MESSAGES: dict[str, str] = {
    "negative_income": "The annual household income cannot be negative (%(value)s).",
    "negative_costs": "The annual unavoidable costs cannot be negative (%(value)s).",
    "negative_hardship_costs": (
        "The year's hardship costs cannot be negative (%(value)s)."
    ),
    "household_size": "The household must have at least one person (got %(value)s).",
    "subsistence_line": (
        "The subsistence line must be greater than zero (got %(value)s)."
    ),
    "months_worked_missing": (
        "Enter how many months the migrant worker has worked; "
        "at least %(required)s are needed."
    ),
    "negative_months_worked": "The months worked cannot be negative (%(value)s).",
    "resident_id_invalid": (
        "%(number)s is not a valid resident ID number: it must be 17 digits and "
        "a final digit or X, with a real region code and birth date."
    ),
    "resident_id_length": (
        "The resident ID number %(number)s has %(length)s characters; it must have 18."
    ),
    "resident_id_checksum": (
        "The resident ID number %(number)s has a wrong check digit; "
        "check it for typing mistakes."
    ),
    "review_interval": (
        "The review interval must be at least one month (got %(interval)s)."
    ),
    "spot_check_share": (
        "The spot-check share must be between 0 and 1 (got %(share)s)."
    ),
    "spot_check_population": (
        "The number of files to spot-check from cannot be negative "
        "(got %(population)s)."
    ),
    "file_number_org_code": (
        "The organisation code of a file number must be letters and digits only "
        '(got "%(org_code)s").'
    ),
    "file_number_year": (
        "The year of a file number must have four digits (got %(year)s)."
    ),
    "file_number_sequence": (
        "The sequence of a file number must be positive (got %(sequence)s)."
    ),
    # Relief programmes, standards and grants (union_relief/relief.py, money.py)
    "amount_not_a_number": "%(value)s is not an amount of money.",
    "amount_in_words_negative": (
        "A negative amount (%(value)s) cannot be written on a voucher."
    ),
    "amount_not_positive": (
        "The amount of a grant must be greater than zero (got %(amount)s)."
    ),
    "period_format": (
        'The period "%(period)s" is not valid: write a year such as 2026 '
        "or a month such as 2026-11."
    ),
    "period_month_required": (
        'The programme pays monthly: the period "%(period)s" must name a month, '
        "such as 2026-11."
    ),
    "period_outside_year": (
        'The period "%(period)s" is outside the programme\'s fiscal year %(year)s.'
    ),
    "standard_method": "Unknown way of computing a relief amount: %(method)s.",
    "standard_scope": "Unknown scope of a relief standard: %(scope)s.",
    "standard_negative": (
        "The %(field)s of a relief standard cannot be negative (got %(value)s)."
    ),
    "standard_rate": (
        "The rate of a relief standard must be above 0 and at most 1 (got %(rate)s)."
    ),
    "standard_amount": (
        "A fixed relief standard needs an amount greater than zero (got %(amount)s)."
    ),
    "standard_dates": (
        "A relief standard cannot end (%(date_to)s) before it starts (%(date_from)s)."
    ),
    "no_standard": (
        "No relief standard of the programme applies to this beneficiary on %(date)s."
    ),
    "cost_below_deductible": (
        "The out-of-pocket cost of %(cost)s does not exceed the deductible of "
        "%(deductible)s."
    ),
    "household_cap_reached": (
        "The household already received %(granted)s this year under this programme; "
        "its yearly cap is %(cap)s."
    ),
    "over_budget": (
        "The budget of %(budget)s has %(remaining)s left after %(committed)s approved "
        "or paid; %(amount)s does not fit."
    ),
    "not_filed": "The household's hardship file is not filed.",
    "no_payee": "The beneficiary has no contact to pay.",
    "already_granted": "The beneficiary already has a grant of this programme for the period.",
    # Donation campaigns (union_relief/donation.py)
    "donation_amount": "A donation must be greater than zero (got %(amount)s).",
    "donation_future_date": (
        "A donation cannot be dated in the future (%(date)s is after %(today)s)."
    ),
    "donation_campaign_closed": (
        'The campaign "%(campaign)s" is not open: it accepts no donation.'
    ),
    "donation_control_total": (
        "The donations add up to %(total)s but the control total is %(control)s "
        "(difference %(difference)s): check the sheet."
    ),
    "donation_cancel_settled": (
        "The campaign is settled: its donations can no longer be cancelled."
    ),
    "donation_cancel_spent": (
        "The donation of %(amount)s cannot be cancelled: the campaign has spent or "
        "transferred the money and only %(balance)s is left."
    ),
    "donation_receipt_duplicate": "The receipt number %(number)s is already used.",
    "fund_transfer_amount": "A fund transfer must be greater than zero (got %(amount)s).",
    "fund_transfer_balance": (
        "The fund transfer of %(amount)s exceeds the campaign's balance of %(balance)s."
    ),
    "campaign_balance_short": (
        'The fund of "%(campaign)s" holds %(balance)s: it cannot pay %(amount)s of relief.'
    ),
    "import_empty": "The file has no donation line.",
    "import_donor_missing": "The donor is missing.",
    "import_amount_missing": "The amount is missing.",
    "import_amount_invalid": '"%(value)s" is not an amount.',
    "import_date_invalid": '"%(value)s" is not a date; write it as 2025-01-31.',
    "import_method_unknown": (
        '"%(value)s" is not a payment method; use cash, bank transfer or payroll deduction.'
    ),
    "import_visibility_unknown": (
        '"%(value)s" is not a visibility; use named, masked or anonymous.'
    ),
    "import_donor_unknown": 'No employee is named "%(donor)s".',
    "import_donor_ambiguous": (
        '%(count)s employees are named "%(donor)s"; give the donor an unambiguous name.'
    ),
    # Plausible bounds (union_relief/bounds.py) and where they apply
    "amount_invalid": "The %(label)s must be an amount of money (got %(value)s).",
    "amount_negative": (
        "The %(label)s cannot be negative (got %(value)s): enter 0 or a positive amount."
    ),
    "amount_too_large": (
        "The %(label)s of %(value)s is more than a union handles: amounts are below "
        "%(maximum)s yuan; check the figure."
    ),
    "count_out_of_range": (
        "The %(label)s must be a whole number from %(minimum)s to %(maximum)s "
        "(got %(value)s)."
    ),
    "year_out_of_range": (
        "The %(label)s must be a year from %(minimum)s to %(maximum)s (got %(value)s)."
    ),
    "date_too_early": "The %(label)s %(value)s is before %(earliest)s: check the year.",
    "date_too_late": (
        "The %(label)s %(value)s is too far ahead: it must be on or before %(latest)s."
    ),
    "date_in_future": (
        "The %(label)s %(value)s is in the future: enter the day it happened, "
        "today (%(today)s) at the latest."
    ),
    "integer_out_of_range": "The %(label)s of %(value)s is far out of range: check the figure.",
    "text_blank": "Enter the %(label)s: it cannot be blank.",
    "text_too_long": (
        "The %(label)s has %(length)s characters; shorten it to at most %(maximum)s."
    ),
    "text_control": (
        "The %(label)s contains control characters (such as NUL bytes); remove them."
    ),
    "resident_id_birth_date": (
        "The resident ID number %(number)s gives the birth date %(birth_date)s, which "
        "cannot be right (it must be from %(earliest)s to today); check it for typing "
        "mistakes."
    ),
    "amount_in_words_too_large": (
        "An amount of %(value)s is too large to be written in words."
    ),
    "household_amount_too_large": (
        "The household's income and costs must each be below %(maximum)s yuan "
        "(got %(value)s)."
    ),
    "cost_out_of_bounds": (
        "The out-of-pocket cost of %(cost)s is not plausible: it must be from 0 to below "
        "%(maximum)s yuan."
    ),
    "donation_amount_too_large": (
        "A donation of %(amount)s is more than a union handles: amounts are below "
        "%(maximum)s yuan; check the figure."
    ),
    "donation_date_too_early": (
        "A donation cannot be dated before %(earliest)s (got %(date)s): check the year."
    ),
    "fund_transfer_amount_too_large": (
        "A fund transfer of %(amount)s is more than a union handles: amounts are below "
        "%(maximum)s yuan; check the figure."
    ),
    "standard_too_large": (
        "The %(field)s of a relief standard must be below %(maximum)s yuan "
        "(got %(value)s)."
    ),
    "import_control_characters": (
        "The line contains control characters (such as NUL bytes): save the sheet again "
        "from the spreadsheet, or remove them."
    ),
}


class DomainError(ValueError):
    """A business rule was broken by the input.

    ``code`` is a key of :data:`MESSAGES` and ``params`` fills its
    placeholders; ``str()`` gives the English message.
    """

    code: str
    params: dict[str, Any]

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(MESSAGES[code] % params)
