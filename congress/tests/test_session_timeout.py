"""Sessions end after 30 minutes idle and 12 hours after logging in, whatever the activity;
the login page says why, and the audit log has it."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from freezegun import freeze_time

from congress.models import AuthEvent

START = datetime.datetime(2025, 3, 3, 8, 0, tzinfo=datetime.UTC)
IDLE = "您已超过30分钟未操作，为保护信息安全，系统已自动退出，请重新登录。"
LIFETIME = "您登录已超过12小时，系统已自动退出，请重新登录。"


def log_in(client, user):
    response = client.post(
        reverse("login"), {"username": user.username, "password": "pw-for-tests-1"}
    )
    assert response.status_code == 302


def home(client):
    return client.get(reverse("home"))


def shows_logged_in(response, user) -> bool:
    """The home page itself, its header naming the user (not a redirect to the login)."""
    return response.status_code == 200 and f"{user.display_name} · " in response.content.decode()


def test_defaults_are_thirty_minutes_idle_and_twelve_hours_in_all():
    assert settings.SESSION_IDLE_MINUTES == 30
    assert settings.SESSION_LIFETIME_HOURS == 12
    assert settings.SESSION_COOKIE_AGE == 12 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_twenty_nine_minutes_idle_stays_logged_in(client, staff):
    with freeze_time(START) as clock:
        log_in(client, staff)
        clock.tick(datetime.timedelta(minutes=29))
        assert shows_logged_in(home(client), staff)
        # and the clock starts again from that request
        clock.tick(datetime.timedelta(minutes=29))
        assert shows_logged_in(home(client), staff)


def test_thirty_one_minutes_idle_logs_out_with_a_chinese_message(client, staff):
    with freeze_time(START) as clock:
        log_in(client, staff)
        assert home(client).status_code == 200
        clock.tick(datetime.timedelta(minutes=31))
        response = home(client)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
        assert "_auth_user_id" not in client.session
        assert IDLE in client.get(response["Location"]).content.decode()
    event = AuthEvent.objects.filter(user=staff).first()
    assert (event.kind, event.detail) == (AuthEvent.Kind.SESSION_EXPIRED, "idle")


def test_the_idle_time_is_configurable(client, staff, settings):
    settings.SESSION_IDLE_MINUTES = 5
    with freeze_time(START) as clock:
        log_in(client, staff)
        clock.tick(datetime.timedelta(minutes=6))
        assert home(client).status_code == 302


def test_an_active_session_ends_twelve_hours_after_logging_in(client, staff):
    with freeze_time(START) as clock:
        log_in(client, staff)
        for _ in range(11 * 3 + 2):  # a request every 20 minutes, to 11 h 40
            clock.tick(datetime.timedelta(minutes=20))
            assert home(client).status_code == 200
        clock.tick(datetime.timedelta(minutes=19, seconds=59))  # 11 h 59 min 59 s
        assert home(client).status_code == 200
        clock.tick(datetime.timedelta(seconds=2))  # 12 h and a second
        response = home(client)
        assert response.status_code == 302
        assert LIFETIME in client.get(response["Location"]).content.decode()
    event = AuthEvent.objects.filter(user=staff).first()
    assert (event.kind, event.detail) == (AuthEvent.Kind.SESSION_EXPIRED, "lifetime")


def test_logging_in_again_starts_a_new_session_key(client, staff):
    client.get(reverse("login"))
    before = client.cookies.get(settings.SESSION_COOKIE_NAME)
    log_in(client, staff)
    after = client.cookies[settings.SESSION_COOKIE_NAME]
    assert before is None or before.value != after.value
    assert after["max-age"] == ""  # a browser-session cookie: it dies with the browser


@pytest.mark.parametrize(
    ("path", "shown"), [("/healthz", '"status": "ok"'), ("/accounts/login/", ">登录</h1>")]
)
def test_pages_open_without_login_do_not_need_a_session(client, db, path, shown):
    response = client.get(path)
    assert response.status_code == 200
    assert shown in response.content.decode()
