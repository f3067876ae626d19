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
