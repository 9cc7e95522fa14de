"""Lockout after failed logins (django-axes): an account name locked from one address only,
the picture challenge that stops guessing from elsewhere (congress.security.login), the
Chinese pages, the cool-off at the edge, and staff unlocking their township's accounts."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from captcha.models import CaptchaStore
from django.db.models import Sum
from django.urls import reverse
from freezegun import freeze_time

from congress.models import AuthEvent
from congress.roles import Role
from congress.tests.factories import TownshipFactory

PASSWORD = "pw-for-tests-1"
LOCKED = "登录失败次数过多，账号已暂时锁定。请15分钟后再试，或联系人大办解锁。"
CHALLENGE_ASKED = "请输入图中的数字。"
CHALLENGE_WRONG = "数字与图片不符，请看新的图片重新输入。"


def answered_challenge() -> dict:
    """The picture challenge's fields, answered right (as someone reading the picture)."""
    store = CaptchaStore.objects.get(hashkey=CaptchaStore.generate_key())
    return {"challenge_0": store.hashkey, "challenge_1": store.response}


def log_in(client, username, password, address="10.0.0.1", challenge=None):
    data = {"username": username, "password": password, **(challenge or {})}
    return client.post(reverse("login"), data, REMOTE_ADDR=address)


def fail(client, username, address="10.0.0.1", times=1):
    """Wrong passwords, answering the challenge whenever it is asked, as a person would."""
    for _ in range(times):
        log_in(client, username, "wrong", address=address, challenge=answered_challenge())


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("home")


def failures_of(username) -> int:
    attempts = AccessAttempt.objects.filter(username=username)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


@pytest.fixture
def deputy(users):
    return users[Role.DEPUTY]


def test_four_failures_then_the_right_password_logs_in(client, deputy):
    fail(client, deputy.username, times=4)
    assert failures_of(deputy.username) == 4
    assert logged_in(log_in(client, deputy.username, PASSWORD, challenge=answered_challenge()))


def test_the_fifth_failure_locks_the_account_with_a_chinese_page(client, deputy):
    fail(client, deputy.username, times=4)
    response = log_in(client, deputy.username, "wrong", challenge=answered_challenge())
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page
    assert f'value="{deputy.username}"' in page  # the form again, the name kept


def test_twenty_failures_then_the_right_password_is_refused(client, deputy):
    fail(client, deputy.username, times=20)
    response = log_in(client, deputy.username, PASSWORD, challenge=answered_challenge())
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lock_holds_only_at_the_address_it_came_from(client, deputy):
    """Whoever knows a name cannot lock its owner out from elsewhere."""
    fail(client, deputy.username, address="10.6.6.6", times=5)
    assert log_in(client, deputy.username, PASSWORD, address="10.6.6.6").status_code == 429
    assert logged_in(
        log_in(
            client, deputy.username, PASSWORD, address="10.0.2.1", challenge=answered_challenge()
        )
    )


def test_failures_from_many_addresses_lock_the_account_nowhere(client, deputy):
    for number in range(12):
        fail(client, deputy.username, address=f"10.0.1.{number}")
    assert failures_of(deputy.username) == 12
    response = log_in(
        client, deputy.username, PASSWORD, address="10.0.2.1", challenge=answered_challenge()
    )
    assert logged_in(response)


def test_after_three_failures_the_challenge_comes_before_the_password(client, deputy):
    """From anywhere: the password is not tried (nor counted) until the digits are right."""
    fail(client, deputy.username, address="10.6.6.6", times=3)

    response = log_in(client, deputy.username, PASSWORD, address="10.0.2.1")
    page = response.content.decode()
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert CHALLENGE_ASKED in page
    assert 'name="challenge_1"' in page and 'inputmode="numeric"' in page

    wrong = {**answered_challenge(), "challenge_1": "no"}
    response = log_in(client, deputy.username, "a guess", address="10.0.2.1", challenge=wrong)
    assert CHALLENGE_WRONG in response.content.decode()
    assert failures_of(deputy.username) == 3  # neither attempt tried the password

    # One answer, one try: the same digits again are refused too.
    once = answered_challenge()
    log_in(client, deputy.username, "a guess", address="10.0.2.1", challenge=once)
    assert failures_of(deputy.username) == 4
    response = log_in(client, deputy.username, PASSWORD, address="10.0.2.1", challenge=once)
    assert CHALLENGE_WRONG in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_two_failures_ask_no_challenge(client, deputy):
    fail(client, deputy.username, times=2)
    response = client.get(reverse("login"), {"username": deputy.username})
    assert 'name="challenge_1"' not in response.content.decode()
    assert logged_in(log_in(client, deputy.username, PASSWORD))


def test_many_names_from_one_address_ask_the_challenge_there_but_lock_nothing(client, users):
    """An office behind one address is slowed down, never locked out, by someone guessing
    names from inside it."""
    staff = users[Role.STAFF]
    for number in range(10):
        log_in(client, f"guess{number}", "wrong", address="10.9.9.9")
    page = client.get(reverse("login"), REMOTE_ADDR="10.9.9.9").content.decode()
    assert 'name="challenge_1"' in page
    image = re.search(r'<img src="([^"]+)"', page).group(1)
    picture = client.get(image, REMOTE_ADDR="10.9.9.9")
    assert picture.status_code == 200 and picture["Content-Type"] == "image/png"

    response = log_in(client, staff.username, PASSWORD, address="10.9.9.9")
    assert response.status_code == 200 and CHALLENGE_ASKED in response.content.decode()
    assert logged_in(
        log_in(client, staff.username, PASSWORD, address="10.9.9.9", challenge=answered_challenge())
    )
    client.logout()
    assert logged_in(log_in(client, staff.username, PASSWORD, address="10.9.9.10"))


def test_the_address_threshold_is_configurable(client, users, settings):
    settings.LOGIN_ADDRESS_CHALLENGE_AFTER = 2
    log_in(client, "guess1", "wrong", address="10.9.9.9")
    assert logged_in(log_in(client, users[Role.STAFF].username, PASSWORD, address="10.9.9.9"))
    client.logout()
    log_in(client, "guess2", "wrong", address="10.9.9.9")
    response = log_in(client, users[Role.STAFF].username, PASSWORD, address="10.9.9.9")
    assert CHALLENGE_ASKED in response.content.decode()


def test_the_lockout_lasts_fifteen_minutes_after_the_last_failure(client, deputy):
    start = datetime.datetime(2025, 3, 3, 9, 0, tzinfo=datetime.UTC)
    with freeze_time(start) as clock:
        fail(client, deputy.username, times=5)
        clock.tick(datetime.timedelta(minutes=14, seconds=59))
        response = log_in(client, deputy.username, PASSWORD, challenge=answered_challenge())
        assert response.status_code == 429
        # Trying while locked does not restart the clock: the page promised 15 minutes.
        clock.tick(datetime.timedelta(seconds=2))
        assert logged_in(log_in(client, deputy.username, PASSWORD))


def test_failures_further_apart_than_the_window_do_not_add_up(client, deputy):
    start = datetime.datetime(2025, 3, 3, 9, 0, tzinfo=datetime.UTC)
    with freeze_time(start) as clock:
        fail(client, deputy.username, times=4)
        clock.tick(datetime.timedelta(minutes=16))
        fail(client, deputy.username)
        assert logged_in(log_in(client, deputy.username, PASSWORD))


def test_force_login_still_works_for_tests(client, deputy):
    client.force_login(deputy)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert f"{deputy.display_name} · 代表" in response.content.decode()  # the header's user


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
    fail(browser, users[Role.DEPUTY].username, address="10.0.0.1", times=5)
    fail(browser, other.username, address="10.0.0.8", times=5)
    return {"deputy": users[Role.DEPUTY], "other": other}


def test_staff_see_their_townships_locked_accounts_only(client, staff, locked):
    client.force_login(staff)
    response = client.get(reverse("locked_logins"))
    page = response.content.decode()
    assert response.status_code == 200
    assert locked["deputy"].username in page
    assert "已锁定" in page and "10.0.0.1" in page and "需要图形验证码" in page
    assert "elsewhere" not in page


def test_staff_unlock_an_account_and_its_user_logs_in_again(client, staff, locked):
    deputy = locked["deputy"]
    assert log_in(client, deputy.username, PASSWORD).status_code == 429

    client.force_login(staff)
    response = client.post(reverse("login_unlock", args=[deputy.pk]), follow=True)
    assert f"{deputy.display_name}的账号已解锁，可以重新登录。" in response.content.decode()
    event = AuthEvent.objects.get(kind=AuthEvent.Kind.UNLOCKED)
    assert (event.user, event.actor, event.actor_name) == (deputy, staff, staff.username)

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
