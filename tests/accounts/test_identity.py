import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from marketplace.accounts.identity import mask_id_number, mask_name, mask_phone, parse_resident_id

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def with_check_character(first17: str) -> str:
    """GB 11643 computed independently of the code under test, from the domain brief's formula."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


def error_code(raw: str) -> str:
    with pytest.raises(ValidationError) as caught:
        parse_resident_id(raw, today=dt.date(2026, 11, 28))
    return caught.value.code


def test_brief_examples_are_valid():
    assert parse_resident_id("11010519491231002X").birth_date == dt.date(1949, 12, 31)
    nankai = parse_resident_id("120104199003070012")
    assert nankai.area_code == "120104"
    assert nankai.birth_date == dt.date(1990, 3, 7)


def test_lower_case_x_and_spaces_are_accepted():
    assert parse_resident_id(" 110105 19491231 002x ").number == "11010519491231002X"
    assert parse_resident_id("11010519491231002Ｘ").number == "11010519491231002X"


def test_wrong_check_digit_is_refused():
    assert error_code("120104199003070013") == "checksum"
    assert error_code("110105194912310021") == "checksum"


def test_impossible_birth_dates_are_refused_even_with_a_matching_check_digit():
    assert error_code(with_check_character("12010419900230001")) == "birth_date"  # 30 February
    assert error_code(with_check_character("12010420300101001")) == "birth_date"  # in the future
    assert error_code(with_check_character("12010418800101001")) == "birth_date"  # before 1900


def test_fifteen_digit_legacy_number_gets_its_own_message():
    assert error_code("120104900307001") == "legacy"


@pytest.mark.parametrize("raw", ["", "12010419900307001", "1201041990030700123", "12010419900307001A"])
def test_malformed_numbers_are_refused(raw):
    assert error_code(raw) == "format"


@given(
    birth=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2026, 1, 1)),
    sequence=st.integers(min_value=0, max_value=999),
    position=st.integers(min_value=0, max_value=16),
    delta=st.integers(min_value=1, max_value=9),
)
def test_any_single_digit_change_is_caught(birth, sequence, position, delta):
    number = with_check_character(f"120104{birth:%Y%m%d}{sequence:03d}")
    assert parse_resident_id(number).birth_date == birth
    digits = list(number)
    digits[position] = str((int(digits[position]) + delta) % 10)
    changed = "".join(digits)
    with pytest.raises(ValidationError) as caught:
        parse_resident_id(changed, today=dt.date(2026, 11, 28))
    assert caught.value.code in {"checksum", "birth_date"}


def test_masking_follows_the_conventions():
    assert mask_id_number("120104199003070012") == "1201**********0012"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("138 1234 5678") == "138****5678"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_name("") == ""
