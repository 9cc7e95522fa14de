"""Reads of deputies' activities and contacts, scoped to what the user may see."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, IntegerField, Q, QuerySet, Sum, Value
from django.shortcuts import get_object_or_404

from congress.scoping import get_visible_or_404, visible_to

from ..extensions import participant_sources
from ..models import (
    Activity,
    ActivityAttachment,
    Attendance,
    Deputy,
    LiaisonContact,
    ReportToVoters,
    VoterContact,
)
from .roster import deputies_in_office_on


def activity_list_for_user(*, user) -> QuerySet[Activity]:
    """Staff and members read every activity of the township; a deputy those they were in."""
    # Filter before annotating: the deputy's own-rows join must not multiply the count.
    visible = visible_to(Activity.objects.all(), user).values("pk")
    # Meta.ordering does not apply to aggregating queries: order explicitly.
    return (
        Activity.objects.filter(pk__in=visible)
        .select_related("group")
        .annotate(
            present=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT))
        )
        .annotate(named=named_participants())
        .order_by("-start_date", "-pk")
    )


def named_participants():
    """An Activity expression: the people other apps record as taking part (the staff named
    on an oversight action), so every page counts the same person-times for one event."""
    counts = [source.count() for source in participant_sources]
    if not counts:
        return Value(0, output_field=IntegerField())
    total = counts[0]
    for count in counts[1:]:
        total = total + count
    return total


def activity_get_for_user(*, user, pk: int) -> Activity:
    return get_object_or_404(activity_list_for_user(user=user), pk=pk)


def activity_roll(*, activity: Activity) -> QuerySet[Deputy]:
    """Who can take part in an activity: the township's deputies of any level in office on
    its first day."""
    return deputies_in_office_on(township=activity.township_id, day=activity.start_date)


def activity_attendance_rows(*, activity: Activity) -> list[dict]:
    """Every deputy on the activity's roll with their status for it (or none yet)."""
    statuses = dict(activity.attendances.values_list("deputy_id", "status"))
    deputies = activity_roll(activity=activity).order_by(*Deputy.OFFICIAL_ORDER)
    return [{"deputy": d, "status": statuses.get(d.pk, "")} for d in deputies]


def activity_participants(*, activity: Activity) -> QuerySet[Attendance]:
    return activity.attendances.select_related("deputy").order_by(
        "status", "deputy__name_stroke_key", "deputy_id"
    )


def activity_attachments(*, activity: Activity):
    return activity.attachments.all()


def activity_attachment_get_for_user(*, user, pk: int) -> ActivityAttachment:
    """A photo or document of an activity the user may read (staff and members of the
    township, a deputy who took part); else 404."""
    return get_visible_or_404(ActivityAttachment.objects.select_related("activity"), user, pk=pk)


def person_times(activity: Activity) -> int:
    """Deputies present, the people other apps name (an oversight action's staff) and the
    other participants: the "共86人次" of a report."""
    present = getattr(activity, "present", None)
    if present is None:
        present = activity.attendances.filter(status=Attendance.Status.PRESENT).count()
    named = getattr(activity, "named", None)
    if named is None:
        named = (
            Activity.objects.filter(pk=activity.pk)
            .annotate(named=named_participants())
            .values_list("named", flat=True)
            .get()
        )
    return present + named + activity.other_participants


def liaison_contacts_for_user(*, user) -> QuerySet[LiaisonContact]:
    """Staff read all the township's contacts; a presidium member their own."""
    return visible_to(LiaisonContact.objects.select_related("member", "deputy"), user)


def voter_contacts_for_user(*, user) -> QuerySet[VoterContact]:
    """Staff and members read the township's voter contacts; a deputy their own."""
    return visible_to(VoterContact.objects.select_related("deputy", "proposal"), user)


def voter_contact_get_for_user(*, user, pk: int) -> VoterContact:
    return get_object_or_404(voter_contacts_for_user(user=user), pk=pk)


def reports_to_voters_for_user(*, user) -> QuerySet[ReportToVoters]:
    """Staff and members read the township's reports to voters; a deputy their own."""
    return visible_to(ReportToVoters.objects.select_related("deputy"), user)


def liaison_deputies_for_user(*, user) -> QuerySet[Deputy]:
    """The deputies a presidium member keeps contact with (主席团成员联系代表)."""
    return visible_to(Deputy.objects.filter(liaison=user), user).order_by(*Deputy.OFFICIAL_ORDER)


# ------------------------------------------------------------------------ the year, for reports


@dataclass(frozen=True)
class ActivityRecord:
    """One activity of the year as a work report quotes it."""

    pk: int
    kind: str
    title: str
    start_date: datetime.date
    end_date: datetime.date | None
    present: int
    person_times: int  # as `person_times`: deputies present, people named, others


def activities_in_year(*, township, year: int, exclude_kinds=()) -> list[ActivityRecord]:
    """The township's activities begun in the year, in date order, with their person-times,
    leaving out the kinds asked (a report tells oversight actions in their own section): one
    query."""
    activities = (
        Activity.objects.filter(township=township, start_date__year=year)
        .exclude(kind__in=list(exclude_kinds))
        .annotate(
            present=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT))
        )
        .annotate(named=named_participants())
        .order_by("start_date", "pk")
    )
    return [
        ActivityRecord(
            pk=activity.pk,
            kind=activity.kind,
            title=activity.title,
            start_date=activity.start_date,
            end_date=activity.end_date,
            present=activity.present,
            person_times=activity.present + activity.named + activity.other_participants,
        )
        for activity in activities
    ]


def contacts_in_year(*, township, year: int) -> dict[str, int]:
    """The year's presidium contacts with deputies, deputies' contacts with voters (and the
    voters met) and reports to voters (and the voters attending): three queries."""
    liaison = LiaisonContact.objects.filter(township=township, date__year=year).count()
    voters = VoterContact.objects.filter(deputy__township=township, date__year=year).aggregate(
        n=Count("pk"), people=Sum("voter_count")
    )
    reports = ReportToVoters.objects.filter(deputy__township=township, date__year=year).aggregate(
        n=Count("pk"), people=Sum("voters_attended")
    )
    return {
        "liaison_contacts": liaison,
        "voter_contacts": voters["n"],
        "voters_met": voters["people"] or 0,
        "reports_to_voters": reports["n"],
        "voters_attending": reports["people"] or 0,
    }
