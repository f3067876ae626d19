import pytest

from union_relief.errors import DomainError
from union_relief.numbering import format_file_number


@pytest.mark.parametrize(
    ("org_code", "year", "sequence", "number"),
    [
        ("DJGDJ", 2026, 7, "DJGDJ-2026-0007"),
        (" djgdj ", 2026, 1, "DJGDJ-2026-0001"),
        ("A1", 2025, 9999, "A1-2025-9999"),
        ("A1", 2025, 12345, "A1-2025-12345"),
    ],
)
def test_format_file_number(org_code, year, sequence, number):
    assert format_file_number(org_code, year, sequence) == number


@pytest.mark.parametrize("org_code", ["", "   ", "DJ-GDJ", "DJ GDJ", "工会"])
def test_org_code_must_be_letters_and_digits(org_code):
    with pytest.raises(DomainError) as error:
        format_file_number(org_code, 2026, 1)
    assert error.value.code == "file_number_org_code"
    assert error.value.params == {"org_code": org_code}


@pytest.mark.parametrize("year", [0, 999, 10000])
def test_year_must_have_four_digits(year):
    with pytest.raises(DomainError) as error:
        format_file_number("DJGDJ", year, 1)
    assert error.value.code == "file_number_year"


@pytest.mark.parametrize("sequence", [0, -3])
def test_sequence_must_be_positive(sequence):
    with pytest.raises(DomainError) as error:
        format_file_number("DJGDJ", 2026, sequence)
    assert error.value.code == "file_number_sequence"
    assert error.value.params == {"sequence": sequence}
