"""The calendar as an iCalendar file (RFC 5545), for phones that subscribe to the feed."""

import datetime
from collections.abc import Callable, Iterable

import icalendar

from congress.registry import CalendarEvent

PRODID = "-//Renda//Township People's Congress//ZH"
# How often a subscribed calendar should ask again; phones may ask less often.
REFRESH_INTERVAL = datetime.timedelta(hours=6)


def calendar_ics(
    *,
    events: Iterable[CalendarEvent],
    name: str,
    uid: str,
    now: datetime.datetime,
    absolute_url: Callable[[str], str],
) -> bytes:
    """A VCALENDAR named `name` with one all-day VEVENT per event: DATE values, DTEND the day
    after the last day (RFC 5545 3.6.1: the end is exclusive), the event's stable UID, and
    its link made absolute with `absolute_url`."""
    feed = icalendar.Calendar.new(
        name=name, prodid=PRODID, uid=uid, refresh_interval=REFRESH_INTERVAL
    )
    feed["X-PUBLISHED-TTL"] = icalendar.vDuration(REFRESH_INTERVAL)
    for event in events:
        feed.add_component(
            icalendar.Event.new(
                uid=event.uid,
                summary=event.title,
                start=event.start,
                end=event.end + datetime.timedelta(days=1),
                stamp=now,
                categories=[event.kind] if event.kind else (),
                location=event.location or None,
                description=event.description or None,
                url=absolute_url(event.url) if event.url else None,
            )
        )
    return feed.to_ical()
