"""Sessions on the calendar: the days they touch, and who sees them."""

import datetime

import pytest

from congress.roles import Role
from sessions.calendar import session_events
from sessions.tests.factories import CongressSessionFactory

D = datetime.date


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        (D(2024, 1, 22), D(2024, 1, 31), True),  # its last day is the range's first
        (D(2024, 1, 1), D(2024, 1, 21), True),  # its first day is the range's last
        (D(2024, 1, 21), D(2024, 1, 21), True),
        (D(2024, 1, 23), D(2024, 1, 31), False),
        (D(2024, 1, 1), D(2024, 1, 20), False),
    ],
)
def test_a_session_is_shown_for_any_range_that_touches_its_days(staff, start, end, shown):
    session = CongressSessionFactory(
        township=staff.township, start_date=D(2024, 1, 21), end_date=D(2024, 1, 22)
    )
    events = session_events(staff, start, end)
    assert [event.uid for event in events] == ([f"session-{session.pk}@renda"] if shown else [])


def test_a_session_event_carries_its_name_days_venue_and_page(staff):
    session = CongressSessionFactory(
        township=staff.township, start_date=D(2024, 1, 21), end_date=D(2024, 1, 22), venue="礼堂"
    )
    (event,) = session_events(staff, D(2024, 1, 1), D(2024, 1, 31))
    assert (event.title, event.start, event.end) == (
        session.full_name,
        session.start_date,
        D(2024, 1, 22),
    )
    assert (event.kind, event.location, event.url) == ("人代会", "礼堂", f"/sessions/{session.pk}/")


@pytest.mark.parametrize("role", [Role.UNIT, Role.COUNTY, Role.COUNTY_ADMIN])
def test_roles_that_do_not_read_sessions_get_none(users, township, role):
    CongressSessionFactory(township=township, start_date=D(2024, 1, 21), end_date=D(2024, 1, 22))
    assert session_events(users[role], D(2024, 1, 1), D(2024, 1, 31)) == []
