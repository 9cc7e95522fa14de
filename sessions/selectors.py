from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from congress.roles import Role

from .models import CongressSession, SessionAttendance

READERS = {Role.STAFF, Role.MEMBER, Role.DEPUTY}


def session_list_for_user(*, user) -> QuerySet[CongressSession]:
    """Staff, presidium members and deputies read their own township's sessions."""
    if user.role not in READERS or user.township_id is None:
        return CongressSession.objects.none()
    # Meta.ordering does not apply to aggregating queries: order explicitly.
    return (
        CongressSession.objects.filter(township_id=user.township_id)
        .order_by("-start_date")
        .annotate(
            present=Count(
                "attendances", filter=Q(attendances__status=SessionAttendance.Status.PRESENT)
            ),
            excused=Count(
                "attendances", filter=Q(attendances__status=SessionAttendance.Status.EXCUSED)
            ),
            absent=Count(
                "attendances", filter=Q(attendances__status=SessionAttendance.Status.ABSENT)
            ),
        )
    )


def session_get_for_user(*, user, pk: int) -> CongressSession:
    return get_object_or_404(session_list_for_user(user=user), pk=pk)


def session_attendance_rows(*, session: CongressSession) -> list[dict]:
    """The deputies who hold a township seat in the session's term, with their status."""
    from deputies.models import Deputy, Mandate

    statuses = dict(session.attendances.values_list("deputy_id", "status"))
    deputies = (
        Deputy.objects.filter(
            township_id=session.township_id,
            mandates__level=Mandate.Level.TOWNSHIP,
            mandates__term=session.term,
        )
        .distinct()
        .order_by("name", "pk")
    )
    return [{"deputy": d, "status": statuses.get(d.pk, "")} for d in deputies]
