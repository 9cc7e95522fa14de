"""Lockout after failed logins (django-axes): per account and per address, its Chinese page,
its cool-off at the edge, and staff unlocking their township's accounts."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from freezegun import freeze_time

from congress.models import AuthEvent
from congress.roles import Role
from congress.tests.factories import TownshipFactory

PASSWORD = "pw-for-tests-1"
LOCKED = "登录失败次数过多，账号已暂时锁定。请15分钟后再试，或联系人大办解锁。"


def log_in(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("home")


@pytest.fixture
def deputy(users):
    return users[Role.DEPUTY]


def test_four_failures_then_the_right_password_logs_in(client, deputy):
    for _ in range(4):
        assert log_in(client, deputy.username, "wrong").status_code == 200
    assert logged_in(log_in(client, deputy.username, PASSWORD))


def test_the_fifth_failure_locks_the_account_with_a_chinese_page(client, deputy):
    for _ in range(4):
        log_in(client, deputy.username, "wrong")
    response = log_in(client, deputy.username, "wrong")
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page
    assert f'value="{deputy.username}"' in page  # the form again, the name kept


def test_twenty_failures_then_the_right_password_is_refused(client, deputy):
    for _ in range(20):
        log_in(client, deputy.username, "wrong")
    response = log_in(client, deputy.username, PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_account_is_locked_from_every_address(client, deputy):
    for number in range(5):
        log_in(client, deputy.username, "wrong", address=f"10.0.1.{number}")
    assert log_in(client, deputy.username, PASSWORD, address="10.0.2.1").status_code == 429


def test_twenty_failures_from_one_address_lock_it_for_every_account(client, users):
    """An office shares one address: its limit is higher than an account's."""
    staff = users[Role.STAFF]
    for number in range(19):
        log_in(client, f"guess{number // 4}", "wrong", address="10.9.9.9")
    assert logged_in(log_in(client, staff.username, PASSWORD, address="10.9.9.9"))
    client.logout()
    log_in(client, "guess-last", "wrong", address="10.9.9.9")  # the twentieth
    assert log_in(client, staff.username, PASSWORD, address="10.9.9.9").status_code == 429
    assert logged_in(log_in(client, staff.username, PASSWORD, address="10.9.9.10"))


def test_the_address_limit_is_configurable(client, users, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 5
    for number in range(5):
        log_in(client, f"guess{number}", "wrong", address="10.9.9.9")
    staff = users[Role.STAFF]
    assert log_in(client, staff.username, PASSWORD, address="10.9.9.9").status_code == 429


def test_the_lockout_lasts_fifteen_minutes_after_the_last_failure(client, deputy):
    start = datetime.datetime(2025, 3, 3, 9, 0, tzinfo=datetime.UTC)
    with freeze_time(start) as clock:
        for _ in range(5):
            log_in(client, deputy.username, "wrong")
        clock.tick(datetime.timedelta(minutes=14, seconds=59))
        assert log_in(client, deputy.username, PASSWORD).status_code == 429
        # Trying while locked does not restart the clock: the page promised 15 minutes.
        clock.tick(datetime.timedelta(seconds=2))
        assert logged_in(log_in(client, deputy.username, PASSWORD))


def test_failures_further_apart_than_the_window_do_not_add_up(client, deputy):
    start = datetime.datetime(2025, 3, 3, 9, 0, tzinfo=datetime.UTC)
    with freeze_time(start) as clock:
        for _ in range(4):
            log_in(client, deputy.username, "wrong")
        clock.tick(datetime.timedelta(minutes=16))
        log_in(client, deputy.username, "wrong")
        assert logged_in(log_in(client, deputy.username, PASSWORD))


def test_force_login_still_works_for_tests(client, deputy):
    client.force_login(deputy)
    assert client.get(reverse("home")).status_code == 200


# ----------------------------------------------------------------------------- staff unlock


@pytest.fixture
def locked(users):
    """The township's deputy, locked; and another township's staff member, locked too."""
    from django.test import Client

    from congress.services import user_create

    other = user_create(
        username="elsewhere", password=PASSWORD, role=Role.STAFF, township=TownshipFactory()
    )
    browser = Client()
    for _ in range(5):
        log_in(browser, users[Role.DEPUTY].username, "wrong", address="10.0.0.7")
        log_in(browser, other.username, "wrong", address="10.0.0.8")
    return {"deputy": users[Role.DEPUTY], "other": other}


def test_staff_see_their_townships_locked_accounts_only(client, staff, locked):
    client.force_login(staff)
    response = client.get(reverse("locked_logins"))
    page = response.content.decode()
    assert response.status_code == 200
    assert locked["deputy"].username in page
    assert "已锁定" in page
    assert "elsewhere" not in page


def test_staff_unlock_an_account_and_its_user_logs_in_again(client, staff, locked):
    deputy = locked["deputy"]
    assert log_in(client, deputy.username, PASSWORD).status_code == 429

    client.force_login(staff)
    response = client.post(reverse("login_unlock", args=[deputy.pk]), follow=True)
    assert f"{deputy.display_name}的账号已解锁，可以重新登录。" in response.content.decode()
    event = AuthEvent.objects.get(kind=AuthEvent.Kind.UNLOCKED)
    assert (event.user, event.detail) == (deputy, f"操作人：{staff.username}")

    client.logout()
    assert logged_in(log_in(client, deputy.username, PASSWORD))
    assert AccessAttempt.objects.filter(username="elsewhere").exists()


def test_staff_cannot_unlock_another_townships_account(client, staff, locked):
    client.force_login(staff)
    response = client.post(reverse("login_unlock", args=[locked["other"].pk]))
    assert response.status_code == 404
    assert AccessAttempt.objects.filter(username="elsewhere").exists()


@pytest.mark.parametrize("role", [Role.MEMBER, Role.DEPUTY, Role.UNIT, Role.COUNTY])
def test_only_staff_unlock(client, users, locked, role):
    client.force_login(users[role])
    assert client.get(reverse("locked_logins")).status_code == 403
    response = client.post(reverse("login_unlock", args=[locked["deputy"].pk]))
    assert response.status_code == 403
    assert AccessAttempt.objects.filter(username=locked["deputy"].username).exists()


def test_the_admin_lists_every_attempt_for_the_county_admin(client, locked, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="Root-pass-1")
    client.force_login(admin)
    page = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "elsewhere" in page
    assert locked["deputy"].username in page


# ----------------------------------------------------------------------------- the address


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.2.3.4", "10.0.0.1"),  # no proxy trusted: the header is the client's word
        (1, "1.2.3.4", "1.2.3.4"),
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),  # what the client sent itself is ignored
        (2, "6.6.6.6, 1.2.3.4, 172.16.0.1", "1.2.3.4"),
        (2, "1.2.3.4", "10.0.0.1"),  # fewer entries than proxies: not through them
        (1, "not-an-address", "10.0.0.1"),
    ],
)
def test_the_client_address_behind_trusted_proxies(settings, proxies, forwarded, expected):
    from django.test import RequestFactory

    from congress.security.client import client_ip

    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
