"""Password rules at their edges, in Chinese; the last five passwords cannot come back."""

import pytest
from django.contrib.auth.password_validation import (
    password_validators_help_texts,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from congress.models import PasswordHistory, User
from congress.roles import Role
from congress.security.passwords import character_classes
from congress.services import user_create

SHORT = "密码太短，至少需要8个字符。"
CLASSES = "密码须至少包含大写字母、小写字母、数字、符号中的3种。"
USERNAME = "密码不能包含用户名。"
REUSED = "新密码不能与最近5次使用过的密码相同。"


@pytest.fixture
def zhangsan(township):
    return user_create(
        username="zhangsan", password="Start-pass-0", role=Role.STAFF, township=township
    )


def problems(password, user=None) -> list[str]:
    with translation.override("zh-hans"):
        try:
            validate_password(password, user)
        except ValidationError as error:
            return error.messages
    return []


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("Qwmz7kpA", []),  # 8 characters, three classes
        ("Qwmz7kp", [SHORT]),  # 7
        ("qwmz7kpa", [CLASSES]),  # lower and digits only
        ("QWMZ7KPA", [CLASSES]),
        ("qwmz!kpa", [CLASSES]),
        ("qwmz!kp1", []),  # lower, symbol, digit
        ("QWMzkpAB", [CLASSES]),
        # Long and mixed enough, but on Django's list of 20,000 common passwords.
        ("Abcdefg1", ["这个密码太常见了。"]),
        ("人大工作abc1", []),  # Chinese characters count as symbols
        ("Ab1!", [SHORT]),
        ("renda2024", [CLASSES]),
        ("renda2025", [CLASSES]),
    ],
)
def test_length_and_character_classes(db, password, expected):
    assert problems(password) == expected


@pytest.mark.parametrize("password", ["zhangsan1", "Zhangsan#1", "x-ZHANGSAN-9", "1!ZhAnGsAn"])
def test_the_user_name_inside_is_refused_in_any_case(zhangsan, password):
    assert USERNAME in problems(password, zhangsan)


def test_a_password_near_the_user_name_but_not_containing_it_is_allowed(zhangsan):
    assert problems("Zhang-san-2025", zhangsan) == []


def test_the_current_password_and_the_four_before_it_are_refused(zhangsan):
    passwords = ["Start-pass-0", *(f"Change-pass-{n}" for n in range(1, 6))]
    for password in passwords[1:]:
        assert problems(password, zhangsan) == []
        zhangsan.set_password(password)
        zhangsan.save()
    zhangsan = User.objects.get(pk=zhangsan.pk)
    for password in passwords[1:]:  # the last five, the current one included
        assert problems(password, zhangsan) == [REUSED], password
    assert problems(passwords[0], zhangsan) == []  # the sixth back may come again
    assert PasswordHistory.objects.filter(user=zhangsan).count() == 5


def test_a_user_from_before_the_history_cannot_keep_the_current_password(zhangsan):
    PasswordHistory.objects.all().delete()
    assert problems("Start-pass-0", zhangsan) == [REUSED]


def test_only_exact_reuse_is_refused_not_a_changed_digit(zhangsan):
    """Only hashes are kept: likeness to an old password cannot be told, only equality."""
    assert problems("Start-pass-1", zhangsan) == []


def test_every_way_a_password_is_set_writes_the_history(zhangsan, client):
    assert PasswordHistory.objects.filter(user=zhangsan).count() == 1  # user_create
    User.objects.create_user("lisi", password="Create-user-1")
    assert PasswordHistory.objects.filter(user__username="lisi").count() == 1
    client.force_login(zhangsan)
    client.post(
        reverse("password_change"),
        {
            "old_password": "Start-pass-0",
            "new_password1": "Brand-new-2",
            "new_password2": "Brand-new-2",
        },
    )
    assert PasswordHistory.objects.filter(user=zhangsan).count() == 2


def test_help_texts_are_chinese():
    with translation.override("zh-hans"):
        texts = password_validators_help_texts()
    assert "至少8个字符。" in texts
    assert "至少包含大写字母、小写字母、数字、符号中的3种。" in texts
    assert "不能包含用户名。" in texts
    assert "不能与最近5次使用过的密码相同。" in texts
    assert not [text for text in texts if "password" in text.lower()]


def test_the_password_change_page_explains_and_refuses_in_chinese(client, zhangsan):
    client.force_login(zhangsan)
    page = client.get(reverse("password_change")).content.decode()
    assert "至少8个字符" in page
    for new, message in [("renda2025", CLASSES), ("Start-pass-0", REUSED), ("Ab1!", SHORT)]:
        response = client.post(
            reverse("password_change"),
            {"old_password": "Start-pass-0", "new_password1": new, "new_password2": new},
        )
        assert response.status_code == 200
        assert message in response.content.decode(), new
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "Start-pass-0",
            "new_password1": "Renda-2025!",
            "new_password2": "Renda-2025!",
        },
    )
    assert response.status_code == 302
    zhangsan.refresh_from_db()
    assert zhangsan.check_password("Renda-2025!")


@pytest.mark.parametrize(
    ("password", "classes"), [("", 0), ("aaaa", 1), ("aA", 2), ("aA1", 3), ("aA1 ", 4)]
)
def test_character_classes(password, classes):
    assert character_classes(password) == classes
