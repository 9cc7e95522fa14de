"""Congress sessions on the core's calendar and phone feed (congress.registry.calendar_sources)."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from congress.registry import CalendarEvent
from congress.scoping import visible_to

from .models import CongressSession


def session_events(user, start: datetime.date, end: datetime.date) -> list[CalendarEvent]:
    """The sessions of the user's township that run on any of the days start..end, for the
    roles READS lets read them; each links to its page if the user may open it."""
    sessions = (
        visible_to(CongressSession.objects.all(), user)
        .filter(start_date__lte=end, end_date__gte=start)
        .select_related("township")
    )
    may_open = user.has_perm("congress_sessions.view_congresssession")
    kind = _("Congress session")
    return [
        CalendarEvent(
            uid=f"session-{session.pk}@renda",
            title=session.full_name,
            start=session.start_date,
            end=session.end_date,
            kind=kind,
            url=reverse("sessions:detail", args=[session.pk]) if may_open else "",
            location=session.venue,
        )
        for session in sessions.order_by("start_date", "pk")
    ]
