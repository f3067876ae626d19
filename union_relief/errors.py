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
