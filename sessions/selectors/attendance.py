"""Attendance by deputy: absences to warn of, sittings attended in a year."""

from django.db.models import Case, Count, Exists, Max, OuterRef, QuerySet, Value, When
from django.utils import timezone

from deputies.models import Deputy, Mandate
from deputies.selectors import deputies_in_office_on

from .. import rules
from ..models import CongressSession, SittingAttendance

Status = SittingAttendance.Status


def absence_warnings(*, township) -> QuerySet[Deputy]:
    """Township deputies in office who missed MAX_UNEXCUSED_SESSION_ABSENCES or more sessions
    of the current term without approved leave (代表法 Art 62 ends the mandate then).

    A session is missed when the deputy was marked absent at a sitting of it and present or on
    leave at none. One query that starts from the absent marks (few, and indexed), so it costs
    the same for a township of 50 deputies as for a roll of 50,000."""
    excused_same_session = SittingAttendance.objects.filter(
        deputy_id=OuterRef("deputy_id"),
        sitting__session_id=OuterRef("sitting__session_id"),
        status__in=[Status.PRESENT, Status.LEAVE],
    )
    missed = (
        SittingAttendance.objects.filter(
            sitting__session__township=township,
            sitting__session__term=township.current_term,
            status=Status.ABSENT,
        )
        .exclude(Exists(excused_same_session))
        .order_by()
        .values("deputy_id")
        .annotate(sessions=Count("sitting__session_id", distinct=True))
        .filter(sessions__gte=rules.MAX_UNEXCUSED_SESSION_ABSENCES)
        .values("deputy_id")
    )
    in_office = deputies_in_office_on(
        township=township, day=timezone.localdate(), level=Mandate.Level.TOWNSHIP
    )
    return in_office.filter(pk__in=missed).order_by(*Deputy.OFFICIAL_ORDER)


def attendance_counts_by_deputy(*, township, year: int) -> QuerySet[SittingAttendance]:
    """Each deputy's sessions of the year attended, on leave and missed, grouped in SQL: their
    performance record's first lines. A session counts once, as a whole: attended if present
    at any sitting, else on leave if on leave at any, else missed.

    Each of the year's sessions (a township holds one or two) gets a column of each deputy's
    best mark over its sittings, so that one grouping by deputy counts them: counting
    distinct sessions instead sorts every deputy's rows and takes twice as long."""
    sessions = list(
        CongressSession.objects.filter(township=township, start_date__year=year).values_list(
            "pk", flat=True
        )
    )
    best = Case(When(status=Status.PRESENT, then=2), When(status=Status.LEAVE, then=1), default=0)
    marks = {f"session_{pk}": Max(Case(When(sitting__session_id=pk, then=best))) for pk in sessions}

    def sessions_marked(value: int):
        counted = [Case(When(**{mark: value}, then=1), default=0) for mark in marks]
        return sum(counted[1:], counted[0]) if counted else Value(0)

    return (
        SittingAttendance.objects.filter(
            sitting__session__township=township, sitting__session__start_date__year=year
        )
        .order_by()
        .values("deputy_id")
        .annotate(**marks)
        .annotate(
            sessions_attended=sessions_marked(2),
            sessions_on_leave=sessions_marked(1),
            sessions_absent=sessions_marked(0),
        )
        .values("deputy_id", "sessions_attended", "sessions_on_leave", "sessions_absent")
    )
