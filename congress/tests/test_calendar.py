"""The calendar page and the phone feed: what each role sees on which day, the feed's
iCalendar as a phone reads it, its secret address, and bad input."""

import datetime

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from congress import registry
from congress.calendar.services import calendar_feed_create, calendar_feed_reset
from congress.models import CalendarFeed
from congress.roles import Role
from congress.tests.factories import TownshipFactory
from deputies.models import Attendance
from deputies.tests.factories import ActivityFactory
from sessions.tests.factories import CongressSessionFactory

D = datetime.date
TODAY = "2024-01-15 04:00"  # UTC: noon of 15 January in Asia/Shanghai


def day_uids(response) -> dict[datetime.date, list[str]]:
    """The events of each day of the page's month grid, by uid."""
    return {
        day.date: [event.uid for event in day.events]
        for week in response.context["weeks"]
        for day in week
    }


def feed_of(client, user) -> icalendar.Calendar:
    feed = calendar_feed_create(user=user)
    response = client.get(reverse("calendar_feed", args=[feed.token]))
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content)


@pytest.fixture
def session(township):
    return CongressSessionFactory(
        township=township, start_date=D(2024, 1, 21), end_date=D(2024, 1, 22), venue="镇大礼堂"
    )


# ----------------------------------------------------------------------------- the page


@freeze_time(TODAY)
def test_a_two_day_session_shows_on_both_days_and_nowhere_else(client, staff, session):
    client.force_login(staff)
    response = client.get(reverse("calendar"), {"month": "2024-01"})
    assert response.status_code == 200
    days = day_uids(response)
    uid = f"session-{session.pk}@renda"
    assert [day for day, uids in days.items() if uid in uids] == [D(2024, 1, 21), D(2024, 1, 22)]
    listed = response.context["month_days_with_events"]
    assert [day.date for day in listed] == [D(2024, 1, 21), D(2024, 1, 22)]
    page = response.content.decode()
    assert page.count(session.full_name) == 4  # two days in the grid, two in the phone list
    assert "镇大礼堂" in page
    assert f'href="{reverse("sessions:detail", args=[session.pk])}"' in page


@freeze_time(TODAY)
def test_an_event_that_began_last_month_shows_on_the_first_days_of_this_one(client, staff):
    long = ActivityFactory(
        township=staff.township, start_date=D(2023, 12, 30), end_date=D(2024, 1, 2)
    )
    client.force_login(staff)
    days = day_uids(client.get(reverse("calendar"), {"month": "2024-01"}))
    # The grid's first week starts on Monday 1 January 2024.
    assert [day for day, uids in days.items() if f"activity-{long.pk}@renda" in uids] == [
        D(2024, 1, 1),
        D(2024, 1, 2),
    ]


@freeze_time(TODAY)
def test_another_townships_session_is_never_shown(client, users, session):
    other = CongressSessionFactory(
        township=TownshipFactory(), start_date=session.start_date, end_date=session.end_date
    )
    for role in (Role.STAFF, Role.MEMBER, Role.DEPUTY):
        client.force_login(users[role])
        seen = {uid for uids in day_uids(client.get(reverse("calendar"))).values() for uid in uids}
        assert f"session-{session.pk}@renda" in seen, role
        assert f"session-{other.pk}@renda" not in seen, role


@freeze_time(TODAY)
def test_a_deputy_sees_only_the_activities_they_take_part_in(client, users, township):
    deputy_user = users[Role.DEPUTY]
    theirs = ActivityFactory(township=township, title="我参加的视察", start_date=D(2024, 1, 10))
    Attendance.objects.create(
        activity=theirs, deputy=deputy_user.deputy, status=Attendance.Status.PRESENT
    )
    others = ActivityFactory(township=township, title="别人的调研", start_date=D(2024, 1, 10))
    client.force_login(deputy_user)
    response = client.get(reverse("calendar"))
    assert day_uids(response)[D(2024, 1, 10)] == [f"activity-{theirs.pk}@renda"]
    page = response.content.decode()
    assert "我参加的视察" in page and "别人的调研" not in page
    assert reverse("deputies:activity_detail", args=[theirs.pk]) in page

    client.force_login(users[Role.STAFF])
    staff_day = day_uids(client.get(reverse("calendar")))[D(2024, 1, 10)]
    assert sorted(staff_day) == sorted(
        [f"activity-{theirs.pk}@renda", f"activity-{others.pk}@renda"]
    )


@freeze_time(TODAY)
@pytest.mark.parametrize("role", [Role.UNIT, Role.COUNTY, Role.COUNTY_ADMIN])
def test_roles_no_source_serves_see_an_empty_month(client, users, township, session, role):
    ActivityFactory(township=township, start_date=D(2024, 1, 10))
    client.force_login(users[role])
    response = client.get(reverse("calendar"))
    assert response.status_code == 200
    assert not any(day_uids(response).values())
    assert "本月没有日程" in response.content.decode()


@freeze_time(TODAY)
def test_today_is_marked_and_the_weeks_start_on_monday(client, staff):
    client.force_login(staff)
    response = client.get(reverse("calendar"))
    weeks = response.context["weeks"]
    assert response.context["month"] == D(2024, 1, 1)
    assert all(week[0].date.weekday() == 0 and len(week) == 7 for week in weeks)
    assert [day.date for week in weeks for day in week if day.is_today] == [D(2024, 1, 15)]
    page = response.content.decode()
    assert page.count('aria-current="date"') == 1  # the grid; the list shows days with events
    assert '<thead><tr><th scope="col">星期一</th><th scope="col">星期二</th>' in page
    assert "2024年1月" in page


@freeze_time(TODAY)
@pytest.mark.parametrize(
    "month",
    [
        "",
        "abc",
        "2024-13",
        "2024-00",
        "2024-1",
        "24-01",
        "1899-12",
        "2201-01",
        "９９９９-01",
        "2024-01-01",
        "-2024-01",
        "2024-01\n",
        "9" * 400,
    ],
)
def test_bad_months_answer_this_month(client, staff, month):
    client.force_login(staff)
    response = client.get(reverse("calendar"), {"month": month})
    assert response.status_code == 200
    assert response.context["month"] == D(2024, 1, 1)


@freeze_time(TODAY)
@pytest.mark.parametrize(
    ("month", "previous", "following"),
    [
        ("2024-03", D(2024, 2, 1), D(2024, 4, 1)),
        ("2024-12", D(2024, 11, 1), D(2025, 1, 1)),
        ("1900-01", None, D(1900, 2, 1)),
        ("2200-12", D(2200, 11, 1), None),
    ],
)
def test_the_months_before_and_after_stay_in_range(client, staff, month, previous, following):
    client.force_login(staff)
    response = client.get(reverse("calendar"), {"month": month})
    assert response.status_code == 200
    assert response.context["previous_month"] == previous
    assert response.context["next_month"] == following
    page = response.content.decode()
    assert ('rel="prev"' in page) is (previous is not None)
    assert ('rel="next"' in page) is (following is not None)


def _page_queries(client, staff, django_assert_max_num_queries, *, events: int) -> int:
    township = staff.township
    for number in range(events):
        CongressSessionFactory(
            township=township, start_date=D(2024, 1, 1 + number), end_date=D(2024, 1, 2 + number)
        )
        ActivityFactory(township=township, start_date=D(2024, 1, 1 + number))
    calendar_feed_create(user=staff)
    client.force_login(staff)
    # Session and user, the permissions (two), the sessions, the activities, the feed, the
    # township in the menu, the unread notifications: the same however many events there are.
    with django_assert_max_num_queries(9) as context:
        response = client.get(reverse("calendar"), {"month": "2024-01"})
    assert response.status_code == 200
    assert sum(len(day.events) for day in response.context["month_days_with_events"]) >= events
    return len(context.captured_queries)


@freeze_time(TODAY)
def test_the_page_makes_the_same_few_queries_however_many_events(
    client, staff, django_assert_max_num_queries
):
    few = _page_queries(client, staff, django_assert_max_num_queries, events=2)
    many = _page_queries(client, staff, django_assert_max_num_queries, events=25)
    assert few == many


def test_the_menu_links_to_the_calendar_for_the_roles_a_source_serves(client, users):
    """Units and the county read no session and no activity: no menu entry to an empty page."""
    for role, user in users.items():
        client.force_login(user)
        shown = f'href="{reverse("calendar")}"' in client.get(reverse("home")).content.decode()
        assert shown is (role in {Role.STAFF, Role.MEMBER, Role.DEPUTY}), role


# ----------------------------------------------------------------------------- the feed


@freeze_time(TODAY)
def test_the_feed_holds_the_users_events_as_all_day_events(client, users, township, session):
    deputy_user = users[Role.DEPUTY]
    theirs = ActivityFactory(
        township=township, title="代表培训", start_date=D(2024, 3, 5), place="党校"
    )
    Attendance.objects.create(
        activity=theirs, deputy=deputy_user.deputy, status=Attendance.Status.PRESENT
    )
    ActivityFactory(township=township, title="别人的调研", start_date=D(2024, 3, 5))
    feed = feed_of(Client(), deputy_user)  # a phone: no login, no cookie

    assert str(feed["X-WR-CALNAME"]) == f"{township.name}人大日程"
    events = {str(event["UID"]): event for event in feed.walk("VEVENT")}
    assert set(events) == {f"session-{session.pk}@renda", f"activity-{theirs.pk}@renda"}

    sitting = events[f"session-{session.pk}@renda"]
    assert str(sitting["SUMMARY"]) == session.full_name
    assert sitting["DTSTART"].params["VALUE"] == "DATE"
    assert sitting["DTSTART"].dt == D(2024, 1, 21)
    assert sitting["DTEND"].dt == D(2024, 1, 23)  # exclusive: the day after the last day
    assert str(sitting["LOCATION"]) == "镇大礼堂"
    assert str(sitting["URL"]) == "http://testserver" + reverse(
        "sessions:detail", args=[session.pk]
    )

    training = events[f"activity-{theirs.pk}@renda"]
    assert str(training["SUMMARY"]) == "代表培训"
    assert (training["DTSTART"].dt, training["DTEND"].dt) == (D(2024, 3, 5), D(2024, 3, 6))
    assert training.categories == ["学习培训"]
    assert str(training["LOCATION"]) == "党校"


@freeze_time(TODAY)
def test_the_feed_reaches_a_year_back_and_a_year_ahead(client, staff):
    township = staff.township
    inside = [
        ActivityFactory(township=township, start_date=D(2023, 1, 15)),
        ActivityFactory(township=township, start_date=D(2025, 1, 15)),
    ]
    ActivityFactory(township=township, start_date=D(2022, 12, 1))
    ActivityFactory(township=township, start_date=D(2025, 3, 1))
    events = feed_of(Client(), staff).walk("VEVENT")
    assert sorted(str(event["UID"]) for event in events) == sorted(
        f"activity-{activity.pk}@renda" for activity in inside
    )


def test_the_feed_is_private_and_calendar_typed(client, staff):
    feed = calendar_feed_create(user=staff)
    response = Client().get(reverse("calendar_feed", args=[feed.token]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "Set-Cookie" not in response.headers


def test_a_wrong_token_answers_404_and_gives_nothing_away(client, staff, session):
    real = calendar_feed_create(user=staff)
    for token in ["not-a-feed-token", real.token[:-1], real.token.upper(), "x" * 43]:
        response = Client().get(reverse("calendar_feed", args=[token]))
        assert response.status_code == 404, token
        body = response.content.decode()
        assert "VCALENDAR" not in body and "镇大礼堂" not in body and session.full_name not in body
    assert Client().get(f"/calendar/feed/{real.token}").status_code == 404  # no .ics


def test_an_inactive_users_feed_answers_404(client, staff):
    feed = calendar_feed_create(user=staff)
    url = reverse("calendar_feed", args=[feed.token])
    assert Client().get(url).status_code == 200
    staff.is_active = False
    staff.save(update_fields=["is_active"])
    assert Client().get(url).status_code == 404


def test_resetting_the_address_makes_the_old_one_404(client, staff):
    old = calendar_feed_create(user=staff).token
    client.force_login(staff)
    response = client.post(reverse("calendar_feed_reset"), follow=True)
    new = CalendarFeed.objects.get(user=staff).token
    assert new != old
    assert "日历地址已更换" in response.content.decode()
    assert Client().get(reverse("calendar_feed", args=[old])).status_code == 404
    assert Client().get(reverse("calendar_feed", args=[new])).status_code == 200


def test_the_address_is_made_once_on_request_and_shown_with_webcal(client, staff):
    client.force_login(staff)
    page = client.get(reverse("calendar")).content.decode()
    assert "webcal://" not in page and not CalendarFeed.objects.exists()
    client.post(reverse("calendar_feed_create"))
    client.post(reverse("calendar_feed_create"))  # a second click: the same address
    token = CalendarFeed.objects.get(user=staff).token
    path = reverse("calendar_feed", args=[token])
    page = client.get(reverse("calendar"), secure=True).content.decode()
    assert f'value="https://testserver{path}"' in page
    assert f'href="webcal://testserver{path}"' in page
    page = client.get(reverse("calendar")).content.decode()
    assert f'value="http://testserver{path}"' in page


def test_the_feed_pages_need_a_login_except_the_feed_itself(client, db):
    for name in ("calendar", "calendar_feed_create", "calendar_feed_reset"):
        for method in ("get", "post"):
            response = getattr(client, method)(reverse(name))
            assert response.status_code == 302, (name, method)
            assert response["Location"].startswith(reverse("login"))
    assert client.get(reverse("calendar_feed", args=["unknown"])).status_code == 404


def test_the_feed_forms_only_take_post(client, staff):
    client.force_login(staff)
    assert client.get(reverse("calendar_feed_create")).status_code == 405
    assert client.get(reverse("calendar_feed_reset")).status_code == 405
    assert not CalendarFeed.objects.exists()


def test_reset_without_an_address_makes_the_first_one(staff):
    feed = calendar_feed_reset(user=staff)
    assert CalendarFeed.objects.get(user=staff) == feed
    assert len(feed.token) >= 43


# ----------------------------------------------------------------------------- the registry


def test_every_app_with_dated_records_registers_a_source():
    assert [source.key for source in registry.calendar_sources] == ["sessions", "activities"]


def test_an_event_cannot_end_before_it_starts():
    with pytest.raises(ValueError, match="ends"):
        registry.CalendarEvent(
            uid="x@renda", title="x", start=D(2024, 1, 2), end=D(2024, 1, 1), kind="x"
        )
