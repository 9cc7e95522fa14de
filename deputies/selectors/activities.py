"""Reads of deputies' activities and contacts, scoped to what the user may see."""

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from congress.roles import Role

from ..models import Activity, Attendance, Deputy, LiaisonContact, ReportToVoters, VoterContact

READERS = {Role.STAFF, Role.MEMBER}


def activity_list_for_user(*, user) -> QuerySet[Activity]:
    """Staff and members read every activity of the township; a deputy those they were in."""
    # Meta.ordering does not apply to aggregating queries: order explicitly.
    activities = (
        Activity.objects.select_related("group")
        .annotate(
            present=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT))
        )
        .order_by("-start_date", "-pk")
    )
    if user.township_id is None:
        return activities.none()
    activities = activities.filter(township_id=user.township_id)
    if user.role in READERS:
        return activities
    if user.role == Role.DEPUTY:
        mine = Attendance.objects.filter(deputy__user=user).values("activity_id")
        return activities.filter(pk__in=mine)
    return activities.none()


def activity_get_for_user(*, user, pk: int) -> Activity:
    return get_object_or_404(activity_list_for_user(user=user), pk=pk)


def activity_attendance_rows(*, activity: Activity) -> list[dict]:
    """Every deputy of the township with their status for the activity (or none)."""
    statuses = dict(activity.attendances.values_list("deputy_id", "status"))
    deputies = Deputy.objects.filter(township_id=activity.township_id).order_by("name", "pk")
    return [{"deputy": d, "status": statuses.get(d.pk, "")} for d in deputies]


def activity_participants(*, activity: Activity) -> QuerySet[Attendance]:
    return activity.attendances.select_related("deputy").order_by("status", "deputy__name")


def activity_attachments(*, activity: Activity):
    return activity.attachments.all()


def person_times(activity: Activity) -> int:
    """Deputies present plus other participants: the "共86人次" of a report."""
    present = getattr(activity, "present", None)
    if present is None:
        present = activity.attendances.filter(status=Attendance.Status.PRESENT).count()
    return present + activity.other_participants


def liaison_contacts_for_user(*, user) -> QuerySet[LiaisonContact]:
    """Staff read all the township's contacts; a presidium member their own."""
    contacts = LiaisonContact.objects.select_related("member", "deputy")
    if user.role == Role.STAFF:
        return contacts.filter(township_id=user.township_id)
    if user.role == Role.MEMBER:
        return contacts.filter(township_id=user.township_id, member=user)
    return contacts.none()


def voter_contacts_for_user(*, user) -> QuerySet[VoterContact]:
    """Staff and members read the township's voter contacts; a deputy their own."""
    contacts = VoterContact.objects.select_related("deputy", "proposal")
    if user.role in READERS:
        return contacts.filter(deputy__township_id=user.township_id)
    if user.role == Role.DEPUTY:
        return contacts.filter(deputy__user=user)
    return contacts.none()


def voter_contact_get_for_user(*, user, pk: int) -> VoterContact:
    return get_object_or_404(voter_contacts_for_user(user=user), pk=pk)


def reports_to_voters_for_user(*, user) -> QuerySet[ReportToVoters]:
    """Staff and members read the township's reports to voters; a deputy their own."""
    reports = ReportToVoters.objects.select_related("deputy")
    if user.role in READERS:
        return reports.filter(deputy__township_id=user.township_id)
    if user.role == Role.DEPUTY:
        return reports.filter(deputy__user=user)
    return reports.none()


def liaison_deputies_for_user(*, user) -> QuerySet[Deputy]:
    """The deputies a presidium member keeps contact with (主席团成员联系代表)."""
    if user.role not in READERS or user.township_id is None:
        return Deputy.objects.none()
    return Deputy.objects.filter(township_id=user.township_id, liaison=user).order_by("name")
