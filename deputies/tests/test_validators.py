import pytest
from django.core.exceptions import ValidationError

from deputies.validators import validate_phone


@pytest.mark.parametrize(
    "phone",
    [
        "13957810001",
        "19912345678",
        "0578-8123456",
        "0578 8123456",
        "05788123456",
        "(0578)8123456",
        "（0578）8123456",
        "010-81234567",
        "0578-8123456-801",
    ],
)
def test_mobile_numbers_and_landlines_with_an_area_code_are_phones(phone):
    validate_phone(phone)


@pytest.mark.parametrize(
    "phone",
    [
        "1395781",  # the example: a mobile number cut short
        "139578100011",  # one digit too many
        "23957810001",  # 11 digits not starting with 1
        "8123456",  # a local number without its area code
        "0578-0123456",  # local numbers do not start with 0
        "0578-812345",  # too short
        "139 5781 0001",
        "电话13957810001",
    ],
)
def test_anything_else_is_refused_with_a_chinese_message(phone):
    with pytest.raises(ValidationError, match="请填写以1开头的11位手机号码"):
        validate_phone(phone)
