"""Chinese resident identity card numbers (居民身份证号码, GB 11643-1999).

The 18 characters are a 6-digit region code, the birth date as YYYYMMDD, a
3-digit sequence and a check digit (0-9 or X). Validation is delegated to
``stdnum.cn.ric``, which also checks the birth date and the region code.
"""

from datetime import date

from stdnum import exceptions as stdnum_exceptions
from stdnum.cn import ric

from .bounds import EARLIEST_BIRTH_DATE
from .errors import DomainError

RESIDENT_ID_LENGTH = 18
_MASK_KEEP_START = 3
_MASK_KEEP_END = 4


def _normalize(number: str) -> str:
    return "".join(number.split()).upper()


def validate_resident_id(number: str, today: date | None = None) -> str:
    """Return ``number`` without whitespace and upper-cased, if it is valid.

    Raises :class:`DomainError` with code ``resident_id_length``,
    ``resident_id_checksum``, ``resident_id_birth_date`` when ``today`` is
    given and the birth date is after it or before
    :data:`~union_relief.bounds.EARLIEST_BIRTH_DATE`, or, for any other defect
    (not a text, non-digits, impossible birth date, unknown region),
    ``resident_id_invalid``.
    """
    if not isinstance(number, str):
        # a number would lose its leading digits and its X: only text is read
        raise DomainError("resident_id_invalid", number=str(number)[:40])
    normalized = _normalize(number)
    try:
        valid = ric.validate(normalized)
    except stdnum_exceptions.InvalidLength:
        raise DomainError(
            "resident_id_length", number=normalized[:40], length=len(normalized)
        ) from None
    except stdnum_exceptions.InvalidChecksum:
        raise DomainError("resident_id_checksum", number=normalized) from None
    except stdnum_exceptions.ValidationError:
        raise DomainError("resident_id_invalid", number=normalized) from None
    birth_date = ric.get_birth_date(valid)
    if today is not None and not EARLIEST_BIRTH_DATE <= birth_date <= today:
        raise DomainError(
            "resident_id_birth_date",
            number=valid,
            birth_date=birth_date.isoformat(),
            earliest=EARLIEST_BIRTH_DATE.isoformat(),
        )
    return valid


def resident_id_birth_date(number: str) -> date:
    """The birth date encoded in a valid resident ID number.

    Raises :class:`DomainError` like :func:`validate_resident_id`.
    """
    return ric.get_birth_date(validate_resident_id(number))


def mask_resident_id(number: str) -> str:
    """Hide all but the first 3 and last 4 characters, e.g. ``110***********123X``.

    The number is not validated, so stored numbers of any shape can be shown;
    one too short to keep 7 characters visible is masked entirely.
    """
    normalized = _normalize(number)
    hidden = len(normalized) - _MASK_KEEP_START - _MASK_KEEP_END
    if hidden <= 0:
        return "*" * len(normalized)
    return normalized[:_MASK_KEEP_START] + "*" * hidden + normalized[-_MASK_KEEP_END:]
