"""Translated messages for the codes of the pure domain core.

The core (``union_relief/``) has no Odoo and raises or returns codes with
English templates; each code is translated here so that every message reaches
the user in their language.
"""


def _error_templates(env):
    return {
        "negative_income": env._("The annual household income cannot be negative (%(value)s)."),
        "negative_costs": env._("The annual unavoidable costs cannot be negative (%(value)s)."),
        "negative_hardship_costs": env._("The year's hardship costs cannot be negative (%(value)s)."),
        "household_size": env._("The household must have at least one person (got %(value)s)."),
        "subsistence_line": env._("The subsistence line must be greater than zero (got %(value)s)."),
        "months_worked_missing": env._(
            "Enter how many months the migrant worker has worked; at least %(required)s "
            "are needed."
        ),
        "negative_months_worked": env._("The months worked cannot be negative (%(value)s)."),
        "resident_id_invalid": env._(
            "%(number)s is not a valid resident ID number: it must be 17 digits and a final "
            "digit or X, with a real region code and birth date."
        ),
        "resident_id_length": env._(
            "The resident ID number %(number)s has %(length)s characters; it must have 18."
        ),
        "resident_id_checksum": env._(
            "The resident ID number %(number)s has a wrong check digit; check it for typing "
            "mistakes."
        ),
        "review_interval": env._("The review interval must be at least one month (got %(interval)s)."),
        "spot_check_share": env._("The spot-check share must be between 0 and 1 (got %(share)s)."),
        "spot_check_population": env._(
            "The number of files to spot-check from cannot be negative (got %(population)s)."
        ),
        "file_number_org_code": env._(
            "The organisation code of a file number must be letters and digits only "
            "(got \"%(org_code)s\"): correct the code of the union organisation."
        ),
        "file_number_year": env._("The year of a file number must have four digits (got %(year)s)."),
        "file_number_sequence": env._(
            "The sequence of a file number must be positive (got %(sequence)s)."
        ),
        "amount_not_a_number": env._("%(value)s is not an amount of money."),
        "amount_in_words_negative": env._(
            "A negative amount (%(value)s) cannot be written on a voucher."
        ),
        "amount_not_positive": env._(
            "The amount of a grant must be greater than zero (got %(amount)s)."
        ),
        "period_format": env._(
            "The period \"%(period)s\" is not valid: write a year such as 2026 or a month "
            "such as 2026-11."
        ),
        "period_month_required": env._(
            "The programme pays monthly: the period \"%(period)s\" must name a month, such "
            "as 2026-11."
        ),
        "period_outside_year": env._(
            "The period \"%(period)s\" is outside the programme's fiscal year %(year)s."
        ),
        "standard_method": env._("Unknown way of computing a relief amount: %(method)s."),
        "standard_scope": env._("Unknown scope of a relief standard: %(scope)s."),
        "standard_negative": env._(
            "The %(field)s of a relief standard cannot be negative (got %(value)s)."
        ),
        "standard_rate": env._(
            "The rate of a relief standard must be above 0 and at most 1 (got %(rate)s)."
        ),
        "standard_amount": env._(
            "A fixed relief standard needs an amount greater than zero (got %(amount)s)."
        ),
        "standard_dates": env._(
            "A relief standard cannot end (%(date_to)s) before it starts (%(date_from)s)."
        ),
        "no_standard": env._(
            "No relief standard of the programme applies to this beneficiary on %(date)s."
        ),
        "cost_below_deductible": env._(
            "The out-of-pocket cost of %(cost)s does not exceed the deductible of "
            "%(deductible)s."
        ),
        "household_cap_reached": env._(
            "The household already received %(granted)s this year under this programme; "
            "its yearly cap is %(cap)s."
        ),
        "over_budget": env._(
            "The budget of %(budget)s has %(remaining)s left after %(committed)s approved "
            "or paid; %(amount)s does not fit."
        ),
        "not_filed": env._("The household's hardship file is not filed."),
        "no_payee": env._("The beneficiary has no contact to pay."),
        "already_granted": env._(
            "The beneficiary already has a grant of this programme for the period."
        ),
        "donation_amount": env._("A donation must be greater than zero (got %(amount)s)."),
        "donation_future_date": env._(
            "A donation cannot be dated in the future (%(date)s is after %(today)s)."
        ),
        "donation_campaign_closed": env._(
            'The campaign "%(campaign)s" is not open: it accepts no donation.'
        ),
        "donation_control_total": env._(
            "The donations add up to %(total)s but the control total is %(control)s "
            "(difference %(difference)s): check the sheet."
        ),
        "donation_cancel_settled": env._(
            "The campaign is settled: its donations can no longer be cancelled."
        ),
        "donation_cancel_spent": env._(
            "The donation of %(amount)s cannot be cancelled: the campaign has spent or "
            "transferred the money and only %(balance)s is left."
        ),
        "donation_receipt_duplicate": env._("The receipt number %(number)s is already used."),
        "fund_transfer_amount": env._("A fund transfer must be greater than zero (got %(amount)s)."),
        "fund_transfer_balance": env._(
            "The fund transfer of %(amount)s exceeds the campaign's balance of %(balance)s."
        ),
        "campaign_balance_short": env._(
            'The fund of "%(campaign)s" holds %(balance)s: it cannot pay %(amount)s of relief.'
        ),
        "import_empty": env._("The file has no donation line."),
        "import_donor_missing": env._("The donor is missing."),
        "import_amount_missing": env._("The amount is missing."),
        "import_amount_invalid": env._('"%(value)s" is not an amount.'),
        "import_date_invalid": env._('"%(value)s" is not a date; write it as 2025-01-31.'),
        "import_method_unknown": env._(
            '"%(value)s" is not a payment method; use cash, bank transfer or payroll deduction.'
        ),
        "import_visibility_unknown": env._(
            '"%(value)s" is not a visibility; use named, masked or anonymous.'
        ),
        "import_donor_unknown": env._('No employee is named "%(donor)s".'),
        "import_donor_ambiguous": env._(
            '%(count)s employees are named "%(donor)s"; give the donor an unambiguous name.'
        ),
        "amount_invalid": env._("The %(label)s must be an amount of money (got %(value)s)."),
        "amount_negative": env._(
            "The %(label)s cannot be negative (got %(value)s): enter 0 or a positive amount."
        ),
        "amount_too_large": env._(
            "The %(label)s of %(value)s is more than a union handles: amounts are below "
            "%(maximum)s yuan; check the figure."
        ),
        "count_out_of_range": env._(
            "The %(label)s must be a whole number from %(minimum)s to %(maximum)s "
            "(got %(value)s)."
        ),
        "year_out_of_range": env._(
            "The %(label)s must be a year from %(minimum)s to %(maximum)s (got %(value)s)."
        ),
        "date_too_early": env._("The %(label)s %(value)s is before %(earliest)s: check the year."),
        "date_too_late": env._(
            "The %(label)s %(value)s is too far ahead: it must be on or before %(latest)s."
        ),
        "date_in_future": env._(
            "The %(label)s %(value)s is in the future: enter the day it happened, "
            "today (%(today)s) at the latest."
        ),
        "integer_out_of_range": env._(
            "The %(label)s of %(value)s is far out of range: check the figure."
        ),
        "text_blank": env._("Enter the %(label)s: it cannot be blank."),
        "text_too_long": env._(
            "The %(label)s has %(length)s characters; shorten it to at most %(maximum)s."
        ),
        "text_control": env._(
            "The %(label)s contains control characters (such as NUL bytes); remove them."
        ),
        "resident_id_birth_date": env._(
            "The resident ID number %(number)s gives the birth date %(birth_date)s, which "
            "cannot be right (it must be from %(earliest)s to today); check it for typing "
            "mistakes."
        ),
        "amount_in_words_too_large": env._(
            "An amount of %(value)s is too large to be written in words."
        ),
        "household_amount_too_large": env._(
            "The household's income and costs must each be below %(maximum)s yuan "
            "(got %(value)s)."
        ),
        "cost_out_of_bounds": env._(
            "The out-of-pocket cost of %(cost)s is not plausible: it must be from 0 to below "
            "%(maximum)s yuan."
        ),
        "donation_amount_too_large": env._(
            "A donation of %(amount)s is more than a union handles: amounts are below "
            "%(maximum)s yuan; check the figure."
        ),
        "donation_date_too_early": env._(
            "A donation cannot be dated before %(earliest)s (got %(date)s): check the year."
        ),
        "fund_transfer_amount_too_large": env._(
            "A fund transfer of %(amount)s is more than a union handles: amounts are below "
            "%(maximum)s yuan; check the figure."
        ),
        "standard_too_large": env._(
            "The %(field)s of a relief standard must be below %(maximum)s yuan "
            "(got %(value)s)."
        ),
        "import_control_characters": env._(
            "The line contains control characters (such as NUL bytes): save the sheet again "
            "from the spreadsheet, or remove them."
        ),
    }


def _reason_templates(env):
    return {
        "below_line": env._(
            "The per-capita monthly income of %(per_capita)s is below the subsistence line "
            "of %(line)s."
        ),
        "below_relative_threshold": env._(
            "The per-capita monthly income of %(per_capita)s is not below the subsistence "
            "line of %(line)s but is below twice the line (%(threshold)s)."
        ),
        "above_threshold": env._(
            "The per-capita monthly income of %(per_capita)s is not below twice the "
            "subsistence line (%(threshold)s)."
        ),
        "sudden_costs": env._(
            "This year's hardship costs of %(hardship_costs)s exceed 80%% of the annual "
            "household income of %(income)s (%(threshold)s)."
        ),
        "sudden_costs_below": env._(
            "An accident, injury or major illness was recorded, but this year's hardship "
            "costs of %(hardship_costs)s do not exceed 80%% of the annual household income "
            "of %(income)s (%(threshold)s)."
        ),
        "excluded": env._("The household is excluded by the checklist item \"%(exclusion)s\"."),
        "migrant_months": env._(
            "A migrant worker needs at least %(required)s months of work; %(months)s are "
            "recorded."
        ),
    }


def domain_error_message(env, error):
    """The translated message of a ``DomainError`` raised by the core."""
    template = _error_templates(env).get(error.code)
    if template is None:
        return str(error)
    return template % error.params


def reason_message(env, reason):
    """The translated sentence of an eligibility ``Reason``."""
    params = dict(reason.params)
    if reason.code == "excluded":
        exclusion = env["union.hardship.exclusion"].search(
            [("code", "=", params.get("exclusion"))], limit=1
        )
        params["exclusion"] = exclusion.name or params.get("exclusion")
    template = _reason_templates(env).get(reason.code)
    if template is None:
        return reason.message
    return template % params
