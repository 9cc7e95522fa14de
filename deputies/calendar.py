"""Deputies' activities on the core's calendar and phone feed
(congress.registry.calendar_sources)."""

import datetime

from django.db.models import Q
from django.urls import reverse

from congress.registry import CalendarEvent
from congress.scoping import visible_to

from .models import Activity


def activity_events(user, start: datetime.date, end: datetime.date) -> list[CalendarEvent]:
    """The activities the user may read (staff and members: the township's; a deputy: those
    they are on the roll of) that run on any of the days start..end; one without an end date
    lasts its first day. Each links to its page if the user may open it."""
    # Through the ids, like activity_list_for_user: the deputy's own-rows join must not
    # repeat an activity.
    visible = visible_to(Activity.objects.all(), user).values("pk")
    activities = Activity.objects.filter(
        Q(end_date__gte=start) | Q(end_date__isnull=True, start_date__gte=start),
        pk__in=visible,
        start_date__lte=end,
    ).order_by("start_date", "pk")
    linked = user.has_perm("deputies.view_activity")
    # An oversight action's activity is one event too (oversight registers no second source),
    # opening the action's page; deputies knows only the relation's name and the URL name.
    to_oversight = user.has_perm("oversight.view_oversightaction")
    activities = activities.select_related("oversight_action")

    def url(activity) -> str:
        action = getattr(activity, "oversight_action", None)
        if action is not None and to_oversight:
            return reverse("oversight:detail", args=[action.pk])
        return reverse("deputies:activity_detail", args=[activity.pk]) if linked else ""

    return [
        CalendarEvent(
            uid=f"activity-{activity.pk}@renda",
            title=activity.title,
            start=activity.start_date,
            end=activity.end_date or activity.start_date,
            kind=activity.get_kind_display(),
            url=url(activity),
            location=activity.place,
        )
        for activity in activities
    ]
