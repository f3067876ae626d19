"""Numbers of filed hardship files, e.g. ``DJGDJ-2026-0007``."""

from .errors import DomainError

_SEQUENCE_WIDTH = 4


def format_file_number(org_code: str, year: int, sequence: int) -> str:
    """``ORG-YEAR-SEQUENCE`` with the sequence zero-padded to at least 4 digits.

    The organisation code is stripped and upper-cased. Raises
    :class:`DomainError` when the code is empty or not letters and digits
    (``file_number_org_code``), the year does not have four digits
    (``file_number_year``) or the sequence is not positive
    (``file_number_sequence``).
    """
    code = org_code.strip().upper()
    if not (code.isascii() and code.isalnum()):
        raise DomainError("file_number_org_code", org_code=org_code)
    if not 1000 <= year <= 9999:
        raise DomainError("file_number_year", year=year)
    if sequence < 1:
        raise DomainError("file_number_sequence", sequence=sequence)
    return f"{code}-{year}-{sequence:0{_SEQUENCE_WIDTH}d}"
