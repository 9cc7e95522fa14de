"""The audit log: who logged in, failed, was locked out, logged out or was refused a page,
when and from where; kept at least six months; read by staff of the township."""

import datetime
import logging

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from congress.models import AuthEvent
from congress.registry import run_job
from congress.roles import Role
from congress.tests.factories import TownshipFactory

from .test_lockout import answered_challenge
from .test_platform import run_manage

Kind = AuthEvent.Kind
BROWSER = "Mozilla/5.0 (Windows NT 10.0) Chrome/120 " + "x" * 300


def log_in(client, username, password, address="10.1.2.3"):
    """Through the login page, answering the picture challenge as a person would once it is
    asked (after three failures)."""
    return client.post(
        reverse("login"),
        {"username": username, "password": password, **answered_challenge()},
        REMOTE_ADDR=address,
        HTTP_USER_AGENT=BROWSER,
    )


def kinds() -> list[str]:
    return list(AuthEvent.objects.order_by("pk").values_list("kind", flat=True))


def test_a_login_records_who_when_and_from_where(client, staff):
    with freeze_time("2025-03-03 09:00:00+08:00"):
        log_in(client, staff.username, "pw-for-tests-1")
    event = AuthEvent.objects.get()
    assert event.kind == Kind.LOGIN
    assert (event.user, event.username, event.township) == (staff, staff.username, staff.township)
    assert event.ip_address == "10.1.2.3"
    assert event.user_agent == BROWSER[:200]
    assert event.path == reverse("login")
    assert event.created_at == datetime.datetime(2025, 3, 3, 1, 0, tzinfo=datetime.UTC)


def test_failures_lockout_and_logout_one_line_each(client, staff):
    for _ in range(4):
        log_in(client, staff.username, "wrong")
    log_in(client, staff.username, "wrong")  # the fifth locks
    log_in(client, staff.username, "pw-for-tests-1")  # refused while locked
    assert kinds() == [Kind.LOGIN_FAILED] * 4 + [Kind.LOCKED_OUT] * 2
    failed = AuthEvent.objects.filter(kind=Kind.LOGIN_FAILED).first()
    assert (failed.user, failed.township) == (staff, staff.township)

    client.force_login(staff)
    client.post(reverse("logout"))
    assert kinds()[-2:] == [Kind.LOGIN, Kind.LOGOUT]


def test_a_failure_at_an_unknown_name_keeps_the_name_and_no_township(client, db):
    log_in(client, "nobody-here", "wrong")
    event = AuthEvent.objects.get()
    assert (event.kind, event.username, event.user, event.township) == (
        Kind.LOGIN_FAILED,
        "nobody-here",
        None,
        None,
    )


def test_a_refused_page_is_one_line_in_the_log_and_one_in_the_audit(client, users, caplog):
    deputy = users[Role.DEPUTY]
    client.force_login(deputy)
    AuthEvent.objects.all().delete()
    with caplog.at_level(logging.INFO, logger="django.request"):
        response = client.get(reverse("deputies:list"), REMOTE_ADDR="10.1.2.4")
    assert response.status_code == 403
    refusals = [r for r in caplog.records if r.name == "django.request"]
    assert len(refusals) == 1
    assert refusals[0].getMessage() == "Forbidden (Permission denied): /deputies/"
    assert refusals[0].exc_info is None
    event = AuthEvent.objects.get()
    assert (event.kind, event.user, event.path, event.ip_address) == (
        Kind.PERMISSION_DENIED,
        deputy,
        "/deputies/",
        "10.1.2.4",
    )


def test_a_server_error_keeps_its_traceback(caplog):
    from congress.security.logs import ForbiddenWithoutTraceback

    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord("django.request", logging.ERROR, "", 0, "x", (), sys.exc_info())
    record.status_code = 500
    assert ForbiddenWithoutTraceback().filter(record)
    assert record.exc_info is not None


# ----------------------------------------------------------------------------- retention


def test_the_job_deletes_lines_past_the_retention_and_keeps_the_rest(db, settings):
    settings.AUDIT_RETENTION_DAYS = 400
    today = datetime.date(2026, 6, 1)
    for days_ago in (401, 400, 399):
        AuthEvent.objects.create(
            kind=Kind.LOGIN,
            username=f"ago{days_ago}",
            created_at=datetime.datetime(2026, 6, 1, 0, 0, 1, tzinfo=datetime.UTC)
            - datetime.timedelta(days=days_ago),
        )
    with freeze_time("2026-06-01 12:00:00+08:00"):
        assert run_job("security.audit_retention", today=today) == 1
    assert set(AuthEvent.objects.values_list("username", flat=True)) == {"ago400", "ago399"}


def test_the_job_refuses_a_retention_under_six_months(db, settings):
    settings.AUDIT_RETENTION_DAYS = 182
    with pytest.raises(ValueError):
        run_job("security.audit_retention", today=datetime.date(2026, 6, 1))


def test_the_job_deletes_expired_login_sessions_and_keeps_live_ones(client, staff):
    client.force_login(staff)  # a live session
    store = SessionStore()
    store.set_expiry(1)
    store.create()
    expired = store.session_key
    with freeze_time(timezone.now() + datetime.timedelta(minutes=1)):
        assert run_job("security.sessions_purge", today=datetime.date(2026, 6, 1)) == 1
    assert not Session.objects.filter(session_key=expired).exists()
    assert Session.objects.filter(session_key=client.session.session_key).exists()


@pytest.mark.parametrize(("days", "starts"), [("182", False), ("183", True)])
def test_the_retention_setting_is_six_months_at_least(days, starts):
    result = run_manage(
        "check", DJANGO_SETTINGS_MODULE="congress.settings.test", AUDIT_RETENTION_DAYS=days
    )
    assert (result.returncode == 0) is starts, result.stderr[-500:]
    if not starts:
        assert "AUDIT_RETENTION_DAYS must be at least 183" in result.stderr


# ----------------------------------------------------------------------------- the page


@pytest.fixture
def events(users):
    """60 lines of the township, and one of another township."""
    staff = users[Role.STAFF]
    rows = [
        AuthEvent(
            kind=Kind.LOGIN if n % 2 else Kind.LOGIN_FAILED,
            user=users[Role.DEPUTY] if n % 3 else staff,
            username=(users[Role.DEPUTY] if n % 3 else staff).username,
            township=staff.township,
            ip_address="10.0.0.5",
            path="/accounts/login/",
            created_at=datetime.datetime(2025, 3, 1 + n % 20, 9, tzinfo=datetime.UTC),
        )
        for n in range(60)
    ]
    other = TownshipFactory()
    rows.append(AuthEvent(kind=Kind.LOGIN, username="foreigner", township=other))
    AuthEvent.objects.bulk_create(rows)
    return rows


def test_staff_read_their_townships_log_in_pages_of_fifty(
    client, staff, events, django_assert_max_num_queries
):
    client.force_login(staff)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("auth_events"))
    page = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["events"]) == 50
    assert response.context["paginator"].count == 60 + 1  # and the force_login's own line
    assert "foreigner" not in page
    assert "登录失败" in page and "10.0.0.5" in page


def test_the_log_filters_by_kind_user_and_days(client, staff, users, events):
    client.force_login(staff)
    url = reverse("auth_events")
    deputy = users[Role.DEPUTY]

    def count(**query):
        return client.get(url, query).context["paginator"].count

    assert count(kind=Kind.LOGIN_FAILED) == 30
    assert count(username=deputy.username.upper()) == 40
    assert count(date_from="2025-03-01", date_to="2025-03-01") == 3  # n = 0, 20, 40
    assert count(kind=Kind.LOGIN, username=staff.username, date_to="2025-03-20") == 10
    response = client.get(url, {"date_from": "not a date"})
    assert "输入一个有效的日期" in response.content.decode()


@pytest.mark.parametrize("role", [Role.MEMBER, Role.DEPUTY, Role.UNIT, Role.COUNTY])
def test_only_staff_read_the_log(client, users, role):
    client.force_login(users[role])
    assert client.get(reverse("auth_events")).status_code == 403


def test_the_admin_reads_every_line_and_changes_none(admin_client, events):
    page = admin_client.get(reverse("admin:congress_authevent_changelist")).content.decode()
    assert "foreigner" in page
    event = AuthEvent.objects.first()
    response = admin_client.post(
        reverse("admin:congress_authevent_change", args=[event.pk]), {"username": "x"}
    )
    assert response.status_code == 403
