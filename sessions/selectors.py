from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.registry import Figure, Todo, YearSummary
from congress.scoping import get_visible_or_404, visible_to
from deputies.models import Deputy, Mandate
from deputies.selectors import deputies_in_office_on

from .models import CongressSession, SessionAttendance
from .rules import MAX_UNEXCUSED_SESSION_ABSENCES


def session_list_for_user(*, user) -> QuerySet[CongressSession]:
    """The township's sessions, for the roles READS lets read them, with attendance counts."""
    # Meta.ordering does not apply to aggregating queries: order explicitly.
    return (
        visible_to(CongressSession.objects.all(), user)
        .order_by("-start_date")
        .annotate(
            present=Count(
                "attendances", filter=Q(attendances__status=SessionAttendance.Status.PRESENT)
            ),
            on_leave=Count(
                "attendances", filter=Q(attendances__status=SessionAttendance.Status.LEAVE)
            ),
            absent=Count(
                "attendances", filter=Q(attendances__status=SessionAttendance.Status.ABSENT)
            ),
        )
    )


def session_choices(*, township) -> QuerySet[CongressSession]:
    """The township's sessions, newest first, for a form's drop-down."""
    return CongressSession.objects.filter(township=township).order_by("-start_date")


def session_get_for_user(*, user, pk: int) -> CongressSession:
    return get_visible_or_404(CongressSession.objects.all(), user, pk=pk)


def session_roll(*, session: CongressSession) -> QuerySet[Deputy]:
    """Who is on the roll of a session: the township deputies of its term in office on its
    opening day (a deputy who resigned before it is not)."""
    return deputies_in_office_on(
        township=session.township_id,
        day=session.start_date,
        level=Mandate.Level.TOWNSHIP,
        term=session.term,
    )


def session_attendance_rows(*, session: CongressSession) -> list[dict]:
    """Every deputy on the session's roll, with their attendance status (or none yet)."""
    statuses = dict(session.attendances.values_list("deputy_id", "status"))
    deputies = session_roll(session=session).order_by("name", "pk")
    return [{"deputy": d, "status": statuses.get(d.pk, "")} for d in deputies]


def absence_warnings(*, township) -> QuerySet[Deputy]:
    """Township deputies in office who missed MAX_UNEXCUSED_SESSION_ABSENCES or more sessions
    of the current term without approved leave (代表法 Art 62 ends the mandate then)."""
    absences = (
        SessionAttendance.objects.filter(
            session__township=township,
            session__term=township.current_term,
            status=SessionAttendance.Status.ABSENT,
        )
        .values("deputy_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=MAX_UNEXCUSED_SESSION_ABSENCES)
        .values("deputy_id")
    )
    in_office = deputies_in_office_on(
        township=township, day=timezone.localdate(), level=Mandate.Level.TOWNSHIP
    )
    return in_office.filter(pk__in=absences).order_by("name", "pk")


def attendance_counts_by_deputy(*, township, year: int, deputy_ids) -> dict[int, dict[str, int]]:
    """Each deputy's sessions of the year attended, on leave and missed: their performance
    record's first lines (one grouped query)."""
    rows = (
        SessionAttendance.objects.filter(
            session__township=township, session__start_date__year=year, deputy_id__in=deputy_ids
        )
        .order_by()
        .values("deputy_id", "status")
        .annotate(n=Count("pk"))
    )
    field = {
        SessionAttendance.Status.PRESENT: "sessions_attended",
        SessionAttendance.Status.LEAVE: "sessions_on_leave",
        SessionAttendance.Status.ABSENT: "sessions_absent",
    }
    counts: dict[int, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["deputy_id"], {})[field[row["status"]]] = row["n"]
    return counts


def sessions_year_summary(*, township, year: int) -> YearSummary:
    """The congress sessions held in the year: what a work report's first section counts."""
    held = CongressSession.objects.filter(township=township, start_date__year=year)
    return YearSummary(
        key="sessions",
        title=_("Congress sessions"),
        figures=[Figure("held", _("Congress sessions held"), held.count())],
    )


def sessions_dashboard(*, user, year: int) -> dict:
    """The year's sessions on the home page; for staff, held sessions without a roll call."""
    sessions = visible_to(CongressSession.objects.all(), user)
    context = {
        "figures": [
            Figure(
                "sessions",
                _("Congress sessions held"),
                sessions.filter(start_date__year=year).count(),
                url=reverse("sessions:list"),
            )
        ]
    }
    if user.has_perm("congress_sessions.change_sessionattendance"):
        unrecorded = sessions.filter(start_date__lte=timezone.localdate(), attendances__isnull=True)
        context["todo"] = [
            Todo(
                _("Sessions held without a recorded roll call"),
                unrecorded.count(),
                reverse("sessions:list"),
            )
        ]
    return context
