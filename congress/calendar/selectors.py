"""Reads of the calendar: the events a user may see, a month laid out for the page, and the
feed addresses."""

import calendar
import datetime
import re
from dataclasses import dataclass, field

from django.utils.dates import WEEKDAYS

from congress import registry
from congress.models import CalendarFeed
from congress.registry import CalendarEvent
from congress.roles import READS

# The years a month may be asked for: wider than any congress, narrower than what a date or a
# database can hold, so that any ?month= in range is safe to compute with.
FIRST_YEAR, LAST_YEAR = 1900, 2200
MONTH_PARAMETER = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})")
# How far back and ahead the phone feed reaches: a year each way.
FEED_DAYS_BACK = FEED_DAYS_AHEAD = 366


def calendar_events_for_user(
    *, user, start: datetime.date, end: datetime.date
) -> list[CalendarEvent]:
    """Every registered source's events that the user may see on the days start..end (both
    included), in the order of their first day; each source scopes its own records."""
    events = [
        event for source in registry.calendar_sources for event in source.events(user, start, end)
    ]
    # The longer of two events starting the same day first, so that it heads each of its days.
    return sorted(events, key=lambda event: (event.start, event.start - event.end, event.title))


def calendar_serves(user) -> bool:
    """Whether any source can ever have an event for the user: their role reads (READS) the
    model of at least one. Handling units and the county read none: the menu offers them no
    calendar, which would stay empty."""
    role = getattr(user, "role", "")
    return any(
        not source.model or role in READS.get(source.model.lower(), {})
        for source in registry.calendar_sources
    )


@dataclass
class CalendarDay:
    date: datetime.date
    in_month: bool
    is_today: bool
    events: list[CalendarEvent] = field(default_factory=list)


def month_start_of(value: str | None, *, today: datetime.date) -> datetime.date:
    """The first day of the month "YYYY-MM" names; this month for anything else, and for a
    year outside FIRST_YEAR..LAST_YEAR."""
    match = MONTH_PARAMETER.fullmatch(value or "")
    if match:
        year, month = int(match["year"]), int(match["month"])
        if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12:
            return datetime.date(year, month, 1)
    return today.replace(day=1)


def calendar_month_for_user(*, user, month: datetime.date, today: datetime.date) -> dict:
    """The month of `month` as the page shows it: weeks of seven days from Monday (the days of
    the neighbouring months that fill the first and last week included), each day with the
    events running on it, an event of several days on each of them; the month's days that have
    events, for the list shown on phones; and the months before and after, if in range."""
    weeks_of_dates = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
        month.year, month.month
    )
    first, last = weeks_of_dates[0][0], weeks_of_dates[-1][-1]
    days = {
        date: CalendarDay(date=date, in_month=date.month == month.month, is_today=date == today)
        for week in weeks_of_dates
        for date in week
    }
    for event in calendar_events_for_user(user=user, start=first, end=last):
        date = max(event.start, first)
        while date <= min(event.end, last):
            days[date].events.append(event)
            date += datetime.timedelta(days=1)
    weeks = [[days[date] for date in week] for week in weeks_of_dates]
    return {
        "month": month,
        "weekdays": [WEEKDAYS[number] for number in range(7)],
        "weeks": weeks,
        "month_days_with_events": [day for day in days.values() if day.in_month and day.events],
        "previous_month": _shift_month(month, -1),
        "next_month": _shift_month(month, +1),
        "this_month": today.replace(day=1),
    }


def _shift_month(month: datetime.date, step: int) -> datetime.date | None:
    index = month.year * 12 + month.month - 1 + step
    year, month_index = divmod(index, 12)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return datetime.date(year, month_index + 1, 1)


def calendar_feed_for_user(*, user) -> CalendarFeed | None:
    """The user's own feed address, if they have asked for one."""
    return CalendarFeed.objects.filter(user=user).first()


def calendar_feed_by_token(*, token: str) -> CalendarFeed | None:
    """The feed this token opens: none for an unknown token or an inactive user's, so that a
    deactivated account's address stops giving out its calendar."""
    return (
        CalendarFeed.objects.select_related("user__township")
        .filter(token=token, user__is_active=True)
        .first()
    )


def feed_window(*, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The days the phone feed covers."""
    return (
        today - datetime.timedelta(days=FEED_DAYS_BACK),
        today + datetime.timedelta(days=FEED_DAYS_AHEAD),
    )
