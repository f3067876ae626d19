"""The error raised by the domain core and the one catalogue of its messages.

Every sentence the core gives to the user is written here once, in English,
keyed by a code: the errors it raises, the findings it returns (an exclusion
from a batch, a line of an import) and the reasons of an assessment. The Odoo
layer translates it at the boundary (``utils/messages.py``): Odoo's translation
export extracts the literal of each ``_lt(...)`` call from the add-on's Python
files, this package included, so the sentences reach ``i18n/union_relief.pot``
and ``i18n/zh_CN.po`` translates them like any other code term.
"""

from typing import Any


def _lt(template: str) -> str:
    """Mark ``template`` for Odoo's translation export and return it unchanged.

    The core never imports Odoo, so this is not Odoo's lazy ``_lt``: it only
    carries the name the exporter looks for. The template is translated when
    the message is shown, in the user's language, not here.
    """
    return template


# English templates keyed by code; every code the core raises or returns must
# appear here (union_relief/tests/test_messages.py).
MESSAGES: dict[str, str] = {
    "negative_income": _lt("The annual household income cannot be negative (%(value)s)."),
    "negative_costs": _lt("The annual unavoidable costs cannot be negative (%(value)s)."),
    "negative_hardship_costs": _lt(
        "The year's hardship costs cannot be negative (%(value)s)."
    ),
    "household_size": _lt("The household must have at least one person (got %(value)s)."),
    "subsistence_line": _lt(
        "The subsistence line must be greater than zero (got %(value)s)."
    ),
    "months_worked_missing": _lt(
        "Enter how many months the migrant worker has worked; "
        "at least %(required)s are needed."
    ),
    "negative_months_worked": _lt("The months worked cannot be negative (%(value)s)."),
    "resident_id_invalid": _lt(
        "%(number)s is not a valid resident ID number: it must be 17 digits and "
        "a final digit or X, with a real region code and birth date."
    ),
    "resident_id_length": _lt(
        "The resident ID number %(number)s has %(length)s characters; it must have 18."
    ),
    "resident_id_checksum": _lt(
        "The resident ID number %(number)s has a wrong check digit; "
        "check it for typing mistakes."
    ),
    "review_interval": _lt(
        "The review interval must be at least one month (got %(interval)s)."
    ),
    "spot_check_share": _lt(
        "The spot-check share must be between 0 and 1 (got %(share)s)."
    ),
    "spot_check_population": _lt(
        "The number of files to spot-check from cannot be negative "
        "(got %(population)s)."
    ),
    "file_number_org_code": _lt(
        "The organisation code of a file number must be letters and digits only "
        '(got "%(org_code)s"): correct the code of the union organisation.'
    ),
    "file_number_year": _lt(
        "The year of a file number must have four digits (got %(year)s)."
    ),
    "file_number_sequence": _lt(
        "The sequence of a file number must be positive (got %(sequence)s)."
    ),
    # Relief programmes, standards and grants (union_relief/relief.py, money.py)
    "amount_not_a_number": _lt("%(value)s is not an amount of money."),
    "amount_in_words_negative": _lt(
        "A negative amount (%(value)s) cannot be written on a voucher."
    ),
    "amount_not_positive": _lt(
        "The amount of a grant must be greater than zero (got %(amount)s)."
    ),
    "period_format": _lt(
        'The period "%(period)s" is not valid: write a year such as 2026 '
        "or a month such as 2026-11."
    ),
    "period_month_required": _lt(
        'The programme pays monthly: the period "%(period)s" must name a month, '
        "such as 2026-11."
    ),
    "period_outside_year": _lt(
        'The period "%(period)s" is outside the programme\'s fiscal year %(year)s.'
    ),
    "standard_method": _lt("Unknown way of computing a relief amount: %(method)s."),
    "standard_scope": _lt("Unknown scope of a relief standard: %(scope)s."),
    "standard_negative": _lt(
        "The %(field)s of a relief standard cannot be negative (got %(value)s)."
    ),
    "standard_rate": _lt(
        "The rate of a relief standard must be above 0 and at most 1 (got %(rate)s)."
    ),
    "standard_amount": _lt(
        "A fixed relief standard needs an amount greater than zero (got %(amount)s)."
    ),
    "standard_dates": _lt(
        "A relief standard cannot end (%(date_to)s) before it starts (%(date_from)s)."
    ),
    "no_standard": _lt(
        "No relief standard of the programme applies to this beneficiary on %(date)s."
    ),
    "cost_below_deductible": _lt(
        "The out-of-pocket cost of %(cost)s does not exceed the deductible of "
        "%(deductible)s."
    ),
    "household_cap_reached": _lt(
        "The household already received %(granted)s this year under this programme; "
        "its yearly cap is %(cap)s."
    ),
    "over_budget": _lt(
        "The budget of %(budget)s has %(remaining)s left after %(committed)s approved "
        "or paid; %(amount)s does not fit."
    ),
    "not_filed": _lt("The household's hardship file is not filed."),
    "no_payee": _lt("The beneficiary has no contact to pay."),
    "already_granted": _lt(
        "The beneficiary already has a grant of this programme for the period."
    ),
    # Donation campaigns (union_relief/donation.py)
    "donation_amount": _lt("A donation must be greater than zero (got %(amount)s)."),
    "donation_future_date": _lt(
        "A donation cannot be dated in the future (%(date)s is after %(today)s)."
    ),
    "donation_campaign_closed": _lt(
        'The campaign "%(campaign)s" is not open: it accepts no donation.'
    ),
    "donation_control_total": _lt(
        "The donations add up to %(total)s but the control total is %(control)s "
        "(difference %(difference)s): check the sheet."
    ),
    "donation_cancel_settled": _lt(
        "The campaign is settled: its donations can no longer be cancelled."
    ),
    "donation_cancel_spent": _lt(
        "The donation of %(amount)s cannot be cancelled: the campaign has spent or "
        "transferred the money and only %(balance)s is left."
    ),
    "donation_receipt_duplicate": _lt("The receipt number %(number)s is already used."),
    "fund_transfer_amount": _lt("A fund transfer must be greater than zero (got %(amount)s)."),
    "fund_transfer_balance": _lt(
        "The fund transfer of %(amount)s exceeds the campaign's balance of %(balance)s."
    ),
    "campaign_balance_short": _lt(
        'The fund of "%(campaign)s" holds %(balance)s: it cannot pay %(amount)s of relief.'
    ),
    "import_empty": _lt("The file has no donation line."),
    "import_donor_missing": _lt("The donor is missing."),
    "import_amount_missing": _lt("The amount is missing."),
    "import_amount_invalid": _lt('"%(value)s" is not an amount.'),
    "import_date_invalid": _lt('"%(value)s" is not a date; write it as 2025-01-31.'),
    "import_method_unknown": _lt(
        '"%(value)s" is not a payment method; use cash, bank transfer or payroll deduction.'
    ),
    "import_visibility_unknown": _lt(
        '"%(value)s" is not a visibility; use named, masked or anonymous.'
    ),
    "import_donor_unknown": _lt('No employee is named "%(donor)s".'),
    "import_donor_ambiguous": _lt(
        '%(count)s employees are named "%(donor)s"; give the donor an unambiguous name.'
    ),
    # Plausible bounds (union_relief/bounds.py) and where they apply
    "amount_invalid": _lt("The %(label)s must be an amount of money (got %(value)s)."),
    "amount_negative": _lt(
        "The %(label)s cannot be negative (got %(value)s): enter 0 or a positive amount."
    ),
    "amount_too_large": _lt(
        "The %(label)s of %(value)s is more than a union handles: amounts are below "
        "%(maximum)s yuan; check the figure."
    ),
    "count_out_of_range": _lt(
        "The %(label)s must be a whole number from %(minimum)s to %(maximum)s "
        "(got %(value)s)."
    ),
    "year_out_of_range": _lt(
        "The %(label)s must be a year from %(minimum)s to %(maximum)s (got %(value)s)."
    ),
    "date_too_early": _lt("The %(label)s %(value)s is before %(earliest)s: check the year."),
    "date_too_late": _lt(
        "The %(label)s %(value)s is too far ahead: it must be on or before %(latest)s."
    ),
    "date_in_future": _lt(
        "The %(label)s %(value)s is in the future: enter the day it happened, "
        "today (%(today)s) at the latest."
    ),
    "integer_out_of_range": _lt(
        "The %(label)s of %(value)s is far out of range: check the figure."
    ),
    "text_blank": _lt("Enter the %(label)s: it cannot be blank."),
    "text_too_long": _lt(
        "The %(label)s has %(length)s characters; shorten it to at most %(maximum)s."
    ),
    "text_control": _lt(
        "The %(label)s contains control characters (such as NUL bytes); remove them."
    ),
    "resident_id_birth_date": _lt(
        "The resident ID number %(number)s gives the birth date %(birth_date)s, which "
        "cannot be right (it must be from %(earliest)s to today); check it for typing "
        "mistakes."
    ),
    "amount_in_words_too_large": _lt(
        "An amount of %(value)s is too large to be written in words."
    ),
    "household_amount_too_large": _lt(
        "The household's income and costs must each be below %(maximum)s yuan "
        "(got %(value)s)."
    ),
    "cost_out_of_bounds": _lt(
        "The out-of-pocket cost of %(cost)s is not plausible: it must be from 0 to below "
        "%(maximum)s yuan."
    ),
    "donation_amount_too_large": _lt(
        "A donation of %(amount)s is more than a union handles: amounts are below "
        "%(maximum)s yuan; check the figure."
    ),
    "donation_date_too_early": _lt(
        "A donation cannot be dated before %(earliest)s (got %(date)s): check the year."
    ),
    "fund_transfer_amount_too_large": _lt(
        "A fund transfer of %(amount)s is more than a union handles: amounts are below "
        "%(maximum)s yuan; check the figure."
    ),
    "standard_too_large": _lt(
        "The %(field)s of a relief standard must be below %(maximum)s yuan "
        "(got %(value)s)."
    ),
    "import_control_characters": _lt(
        "The line contains control characters (such as NUL bytes): save the sheet again "
        "from the spreadsheet, or remove them."
    ),
    # Reasons of a hardship assessment (union_relief/eligibility.py)
    "below_line": _lt(
        "The per-capita monthly income of %(per_capita)s is below "
        "the subsistence line of %(line)s."
    ),
    "below_relative_threshold": _lt(
        "The per-capita monthly income of %(per_capita)s is not below the "
        "subsistence line of %(line)s but is below twice the line (%(threshold)s)."
    ),
    "above_threshold": _lt(
        "The per-capita monthly income of %(per_capita)s is not below twice "
        "the subsistence line (%(threshold)s)."
    ),
    "sudden_costs": _lt(
        "This year's hardship costs of %(hardship_costs)s exceed 80%% of the "
        "annual household income of %(income)s (%(threshold)s)."
    ),
    "sudden_costs_below": _lt(
        "An accident, injury or major illness was recorded, but this year's "
        "hardship costs of %(hardship_costs)s do not exceed 80%% of the annual "
        "household income of %(income)s (%(threshold)s)."
    ),
    "excluded": _lt('The household is excluded by the checklist item "%(exclusion)s".'),
    "migrant_months": _lt(
        "A migrant worker needs at least %(required)s months of work; "
        "%(months)s are recorded."
    ),
    # Collective contracts (union_relief/collective.py)
    "term_dates_missing": _lt("Enter both the start date and the expiry date of the term."),
    "term_end_before_start": _lt(
        "The expiry date %(date_end)s must be after the start date %(date_start)s."
    ),
    "term_too_short": _lt(
        "The term of a collective contract is at least %(min_years)s year: "
        "from %(date_start)s it cannot expire before %(earliest)s."
    ),
    "term_too_long": _lt(
        "The term of a collective contract is at most %(max_years)s years: "
        "from %(date_start)s it must expire by %(latest)s."
    ),
    "representatives_too_few": _lt(
        "Each side needs at least %(minimum)s representatives; the %(side)s side "
        "has %(count)s."
    ),
    "representatives_too_many": _lt(
        "Each side may have at most %(maximum)s representatives; the %(side)s side "
        "has %(count)s."
    ),
    "representatives_unequal": _lt(
        "Both sides need the same number of representatives: the union side has "
        "%(union_count)s and the employer side %(employer_count)s."
    ),
    "chief_count": _lt(
        "The %(side)s side needs exactly one chief representative; it has %(count)s."
    ),
    "vote_total": _lt(
        "The workers' congress must have at least one representative (got %(total)s)."
    ),
    "vote_present_exceeds_total": _lt(
        "%(present)s representatives present is more than the %(total)s "
        "representatives of the congress."
    ),
    "vote_in_favour_exceeds_present": _lt(
        "%(in_favour)s votes in favour is more than the %(present)s "
        "representatives present."
    ),
    "vote_negative": _lt("The vote counts cannot be negative."),
    "vote_no_quorum": _lt(
        "Only %(present)s of %(total)s representatives were present; the workers' "
        "congress needs at least two thirds (%(required)s) to vote."
    ),
    "vote_no_majority": _lt(
        "Only %(in_favour)s of %(total)s representatives voted in favour; approval "
        "needs more than half of all representatives (%(required)s)."
    ),
    "filing_before_signing": _lt(
        "The filing date %(date_filed)s is before the signing date %(date_signed)s."
    ),
    "receipt_before_filing": _lt(
        "The labour authority cannot receive the contract (%(date_received)s) "
        "before it was filed (%(date_filed)s)."
    ),
    "performance_not_in_force": _lt(
        "A performance check needs a contract in force; this contract is %(state)s."
    ),
    "negative_count": _lt("The count %(name)s cannot be negative (got %(value)s)."),
    "count_exceeds_total": _lt(
        "%(part)s %(part_name)s cannot be more than %(total)s %(total_name)s."
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
