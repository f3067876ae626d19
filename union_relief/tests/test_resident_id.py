from datetime import date

import pytest

from union_relief.errors import DomainError
from union_relief.resident_id import (
    mask_resident_id,
    resident_id_birth_date,
    validate_resident_id,
)

# GB 11643-1999 check digit, computed independently of stdnum.
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_DIGITS = "10X98765432"


def with_check_digit(first17: str) -> str:
    total = sum(
        int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True)
    )
    return first17 + CHECK_DIGITS[total % 11]


def first_number_with_check(prefix14: str, check: str) -> str:
    for order in range(1000):
        number = with_check_digit(f"{prefix14}{order:03d}")
        if number[-1] == check:
            return number
    raise AssertionError(f"no number with check digit {check}")


# 110101 is Dongcheng District, Beijing.
VALID = with_check_digit("11010119800101001")
VALID_X = first_number_with_check("11010119900615", "X")


def test_known_published_example_is_valid():
    assert validate_resident_id("360426199101010071") == "360426199101010071"


def test_valid_number_is_returned():
    assert validate_resident_id(VALID) == VALID


def test_x_check_digit_is_normalized_to_upper_case():
    assert VALID_X.endswith("X")
    assert validate_resident_id(" " + VALID_X[:-1] + "x ") == VALID_X


def test_inner_spaces_are_removed():
    spaced = f"{VALID[:6]} {VALID[6:14]} {VALID[14:]}"
    assert validate_resident_id(spaced) == VALID


def test_birth_date():
    assert resident_id_birth_date(VALID) == date(1980, 1, 1)
    assert resident_id_birth_date(VALID_X) == date(1990, 6, 15)


def test_birth_date_of_an_invalid_number_raises():
    with pytest.raises(DomainError) as error:
        resident_id_birth_date(VALID[:-1])
    assert error.value.code == "resident_id_length"


@pytest.mark.parametrize("number", [VALID[:-1], VALID + "1", "", "110101800101001"])
def test_wrong_length(number):
    with pytest.raises(DomainError) as error:
        validate_resident_id(number)
    assert error.value.code == "resident_id_length"
    assert error.value.params == {"number": number, "length": len(number)}


def test_wrong_check_digit():
    wrong = VALID[:-1] + ("0" if VALID[-1] != "0" else "1")
    with pytest.raises(DomainError) as error:
        validate_resident_id(wrong)
    assert error.value.code == "resident_id_checksum"
    assert error.value.params == {"number": wrong}


@pytest.mark.parametrize(
    "number",
    [
        with_check_digit("11010119800230001"),  # February 30
        with_check_digit("11010119801301001"),  # month 13
        with_check_digit("99999919800101001"),  # no such region
        "1101011980010100A1",  # letter before the check digit
    ],
)
def test_invalid_content(number):
    with pytest.raises(DomainError) as error:
        validate_resident_id(number)
    assert error.value.code == "resident_id_invalid"
    assert error.value.params == {"number": number}


def test_mask_keeps_first_three_and_last_four():
    assert mask_resident_id(VALID) == VALID[:3] + "*" * 11 + VALID[-4:]
    assert mask_resident_id("11010119900615123x") == "110***********123X"


def test_mask_hides_short_numbers_entirely():
    assert mask_resident_id("1234567") == "*******"
    assert mask_resident_id("12345678") == "123*5678"
    assert mask_resident_id("") == ""
