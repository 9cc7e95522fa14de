"""Deputies' activities on the calendar: their days, and who sees which."""

import datetime

import pytest

from congress.roles import Role
from deputies.calendar import activity_events
from deputies.models import Attendance
from deputies.tests.factories import ActivityFactory, DeputyFactory

D = datetime.date
JANUARY = (D(2024, 1, 1), D(2024, 1, 31))


def test_an_activity_without_an_end_date_lasts_its_first_day(staff):
    activity = ActivityFactory(township=staff.township, start_date=D(2024, 1, 31), place="村委会")
    (event,) = activity_events(staff, *JANUARY)
    assert (event.start, event.end) == (D(2024, 1, 31), D(2024, 1, 31))
    assert (event.title, event.kind, event.location) == (activity.title, "学习培训", "村委会")
    assert event.url == f"/deputies/activities/{activity.pk}/"
    assert activity_events(staff, D(2024, 2, 1), D(2024, 2, 29)) == []


def test_an_activity_running_into_the_range_is_shown(staff):
    ActivityFactory(township=staff.township, start_date=D(2023, 12, 28), end_date=D(2024, 1, 1))
    ActivityFactory(township=staff.township, start_date=D(2023, 12, 28), end_date=D(2023, 12, 31))
    ActivityFactory(township=staff.township, start_date=D(2023, 12, 31))
    assert [(e.start, e.end) for e in activity_events(staff, *JANUARY)] == [
        (D(2023, 12, 28), D(2024, 1, 1))
    ]


def test_a_deputy_gets_the_activities_on_their_roll_once(users, township):
    deputy_user = users[Role.DEPUTY]
    theirs = ActivityFactory(township=township, start_date=D(2024, 1, 10))
    Attendance.objects.create(
        activity=theirs, deputy=deputy_user.deputy, status=Attendance.Status.PRESENT
    )
    # Others on the same roll must not repeat it (the own-rows filter joins the roll).
    for _ in range(3):
        Attendance.objects.create(
            activity=theirs, deputy=DeputyFactory(township=township), status="present"
        )
    ActivityFactory(township=township, start_date=D(2024, 1, 10))
    events = activity_events(deputy_user, *JANUARY)
    assert [event.uid for event in events] == [f"activity-{theirs.pk}@renda"]
    assert len(activity_events(users[Role.STAFF], *JANUARY)) == 2


@pytest.mark.parametrize("role", [Role.UNIT, Role.COUNTY, Role.COUNTY_ADMIN])
def test_roles_that_do_not_read_activities_get_none(users, township, role):
    ActivityFactory(township=township, start_date=D(2024, 1, 10))
    assert activity_events(users[role], *JANUARY) == []
