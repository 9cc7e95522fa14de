import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, Count, Exists, Max, OuterRef, Prefetch, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.registry import Figure, Todo, YearSummary
from congress.scoping import get_visible_or_404, visible_to
from deputies.models import Activity, Deputy, Mandate
from deputies.selectors import deputies_in_office_on, mandates_not_ended_on

from . import rules
from .models import (
    AgendaDocument,
    AgendaItem,
    Candidate,
    CongressSession,
    Election,
    PreparationTask,
    Resolution,
    Sitting,
    SittingAttendance,
)
from .workflow import SESSION_WORKFLOW

Status = SittingAttendance.Status


def session_list_for_user(*, user) -> QuerySet[CongressSession]:
    """The sessions the user may read, newest first, with how many sittings each has."""
    # Meta.ordering does not apply to aggregating queries: order explicitly.
    return (
        visible_to(CongressSession.objects.all(), user)
        .select_related("township")
        .order_by("-start_date", "-pk")
        .annotate(sitting_count=Count("sittings"))
    )


def session_choices(*, township) -> QuerySet[CongressSession]:
    """The township's sessions, newest first, for a form's drop-down."""
    return CongressSession.objects.filter(township=township).order_by("-start_date")


def session_get_for_user(*, user, pk: int) -> CongressSession:
    return get_visible_or_404(CongressSession.objects.select_related("township"), user, pk=pk)


def sitting_get_for_user(*, user, pk: int) -> Sitting:
    return get_visible_or_404(Sitting.objects.select_related("session__township"), user, pk=pk)


def agenda_item_get_for_user(*, user, pk: int) -> AgendaItem:
    return get_visible_or_404(AgendaItem.objects.select_related("session"), user, pk=pk)


def agenda_document_get_for_user(*, user, pk: int) -> AgendaDocument:
    return get_visible_or_404(AgendaDocument.objects.all(), user, pk=pk)


def election_get_for_user(*, user, pk: int) -> Election:
    return get_visible_or_404(
        Election.objects.select_related("session__township", "sitting"), user, pk=pk
    )


def candidate_get_for_user(*, user, pk: int) -> Candidate:
    return get_visible_or_404(Candidate.objects.select_related("election__session"), user, pk=pk)


def preparation_task_get_for_user(*, user, pk: int) -> PreparationTask:
    return get_visible_or_404(PreparationTask.objects.all(), user, pk=pk)


def resolution_get_for_user(*, user, pk: int) -> Resolution:
    return get_visible_or_404(Resolution.objects.select_related("session"), user, pk=pk)


# ------------------------------------------------------------------------ the roll and quorum


def sitting_roll(*, sitting: Sitting) -> QuerySet[Deputy]:
    """Who is on the roll of a sitting: the township deputies of the session's term in office
    on the sitting's day (a deputy who resigned before it is not; one elected later is not)."""
    session = sitting.session
    return deputies_in_office_on(
        township=session.township_id,
        day=sitting.date,
        level=Mandate.Level.TOWNSHIP,
        term=session.term,
    )


def sitting_attendance_rows(*, sitting: Sitting) -> list[dict]:
    """Every deputy on the sitting's roll, with their attendance status (or none yet)."""
    statuses = dict(sitting.attendances.values_list("deputy_id", "status"))
    deputies = sitting_roll(sitting=sitting).order_by("name", "pk")
    return [{"deputy": d, "status": statuses.get(d.pk, "")} for d in deputies]


@dataclass(frozen=True)
class Quorum:
    """The roll of a sitting measured against the law: 应到 (in office), 实到 (present)."""

    in_office: int
    present: int
    on_leave: int
    absent: int

    @property
    def unmarked(self) -> int:
        return self.in_office - self.present - self.on_leave - self.absent

    @property
    def needed(self) -> int:
        return rules.quorum_needed(self.in_office)

    @property
    def reached(self) -> bool:
        return rules.has_quorum(present=self.present, in_office=self.in_office)


def sitting_quorum(*, sitting: Sitting) -> Quorum:
    """The sitting's quorum from its roll: only marks of deputies still on the roll count."""
    roll = sitting_roll(sitting=sitting)
    marks = Counter(sitting.attendances.filter(deputy__in=roll).values_list("status", flat=True))
    return Quorum(
        in_office=roll.count(),
        present=marks[Status.PRESENT],
        on_leave=marks[Status.LEAVE],
        absent=marks[Status.ABSENT],
    )


# ------------------------------------------------------------------------ a session's page


def session_detail(*, session: CongressSession, user=None) -> dict:
    """Everything a session's page (and its printed summary: no user) shows."""
    sittings = list(session.sittings.order_by("date", "pk"))
    quorums = {sitting.pk: sitting_quorum(sitting=sitting) for sitting in sittings}
    elections = list(
        session.elections.select_related("sitting", "agenda_item").prefetch_related(
            Prefetch("candidates", queryset=Candidate.objects.order_by("pk"))
        )
    )
    return {
        "session": session,
        "sittings": [(sitting, quorums[sitting.pk]) for sitting in sittings],
        "agenda": session.agenda_items.prefetch_related("documents"),
        "resolutions": session.resolutions.select_related("sitting", "agenda_item"),
        "elections": elections,
        "tasks": visible_to(session.preparation_tasks.all(), user) if user else [],
        "presidium": session.presidium.order_by("name", "pk"),
        "activities": session.preparatory_activities.order_by("start_date", "pk"),
        "moves": SESSION_WORKFLOW.moves_for(user=user, record=session) if user else [],
        "timeline": session.status_changes.select_related("changed_by").order_by("pk"),
    }


def term_change_preview(*, township) -> dict:
    """What starting the next term would do today: its deputies registered so far, and the
    earlier terms' township mandates still running that it would end."""
    township_mandates = Mandate.objects.filter(
        deputy__township=township, level=Mandate.Level.TOWNSHIP
    )
    next_term = township.current_term + 1
    return {
        "next_term": next_term,
        "registered": township_mandates.filter(term=next_term).count(),
        "ending": township_mandates.filter(
            mandates_not_ended_on(timezone.localdate()), term__lt=next_term
        ).count(),
    }


def presidium_choices(*, session: CongressSession) -> QuerySet[Deputy]:
    """Deputies who may sit on the session's presidium: its term's deputies in office on its
    opening day."""
    return deputies_in_office_on(
        township=session.township_id,
        day=session.start_date,
        level=Mandate.Level.TOWNSHIP,
        term=session.term,
    ).order_by("name", "pk")


def preparatory_activity_choices(*, session: CongressSession) -> QuerySet[Activity]:
    """The township's activities of the months before the session (and during it): the ones a
    session's preparation can link to."""
    since = session.start_date - datetime.timedelta(days=rules.PREPARATION_WINDOW_DAYS)
    return Activity.objects.filter(
        township=session.township_id, start_date__gte=since, start_date__lte=session.end_date
    ).order_by("-start_date", "-pk")


def sitting_choices_with_quorum(*, session: CongressSession) -> list[Sitting]:
    """The session's sittings where a vote can be recorded: those with a quorum."""
    return [
        sitting
        for sitting in session.sittings.order_by("date", "pk")
        if sitting_quorum(sitting=sitting).reached
    ]


def election_deputy_choices(*, election: Election) -> QuerySet[Deputy]:
    """Deputies who may be a candidate or nominate one: in office on the day of the vote."""
    return sitting_roll(sitting=election.sitting).order_by("name", "pk")


def election_detail(*, election: Election) -> dict:
    """An election's page: its candidates with their nominators, and the majority it needs."""
    candidates = election.candidates.select_related("deputy").prefetch_related(
        Prefetch("nominators", queryset=Deputy.objects.order_by("name", "pk"))
    )
    return {
        "election": election,
        "session": election.session,
        "candidates": candidates,
        "majority": rules.majority_needed(election.in_office),
    }


# ------------------------------------------------------------------------ attendance by deputy


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
    return in_office.filter(pk__in=missed).order_by("name", "pk")


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


# ------------------------------------------------------------------------ the year and the home


def sessions_year_summary(*, township, year: int) -> YearSummary:
    """The congress sessions held in the year, the reports they reviewed, the resolutions they
    adopted and who they elected: what a work report's first section counts."""
    held = CongressSession.objects.filter(township=township, start_date__year=year)
    reports = AgendaItem.objects.filter(session__in=held, kind=AgendaItem.Kind.REPORT).count()
    adopted = Resolution.objects.filter(session__in=held, adopted=True).count()
    elected = Candidate.objects.filter(election__session__in=held, result=Candidate.Result.ELECTED)
    return YearSummary(
        key="sessions",
        title=_("Congress sessions"),
        figures=[
            Figure("held", _("Congress sessions held"), held.count()),
            Figure("reports", _("Reports heard and reviewed"), reports),
            Figure("resolutions", _("Resolutions and decisions adopted"), adopted),
            Figure("elected", _("People elected"), elected.count()),
            Figure(
                "elected_unanimously",
                _("Of them with every vote"),
                elected.filter(unanimous=True).count(),
            ),
        ],
    )


@dataclass(frozen=True)
class CandidateResult:
    name: str
    votes_for: int | None
    votes_against: int | None
    votes_abstain: int | None
    elected: bool
    unanimous: bool


@dataclass(frozen=True)
class ElectionRecord:
    pk: int
    office: str  # an Election.Office value
    office_name: str  # for an other office
    by_election: bool
    seats: int
    candidates: list[CandidateResult]


@dataclass(frozen=True)
class ResolutionRecord:
    pk: int
    title: str
    adopted: bool


@dataclass(frozen=True)
class SessionRecord:
    """One session of the year as a work report tells it: its dates, the reports it heard,
    the resolutions it voted and each election with every candidate's count."""

    pk: int
    term: int
    number: int
    start_date: datetime.date
    end_date: datetime.date
    reports: list[tuple[int, str]]  # (agenda item pk, title)
    resolutions: list[ResolutionRecord]
    elections: list[ElectionRecord]


def sessions_of_year(*, township, year: int) -> list[SessionRecord]:
    """The sessions opened in the year, in date order, with their reports, resolutions and
    elections: five queries however many sessions."""
    sessions = (
        CongressSession.objects.filter(township=township, start_date__year=year)
        .order_by("start_date", "pk")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.filter(kind=AgendaItem.Kind.REPORT).order_by(
                    "order", "pk"
                ),
                to_attr="report_items",
            ),
            Prefetch(
                "resolutions",
                queryset=Resolution.objects.order_by("sitting__date", "pk"),
                to_attr="resolution_list",
            ),
            Prefetch(
                "elections",
                queryset=Election.objects.order_by("sitting__date", "pk").prefetch_related(
                    Prefetch("candidates", queryset=Candidate.objects.order_by("pk"))
                ),
                to_attr="election_list",
            ),
        )
    )
    return [
        SessionRecord(
            pk=session.pk,
            term=session.term,
            number=session.number,
            start_date=session.start_date,
            end_date=session.end_date,
            reports=[(item.pk, item.title) for item in session.report_items],
            resolutions=[
                ResolutionRecord(pk=r.pk, title=r.title, adopted=r.adopted)
                for r in session.resolution_list
            ],
            elections=[
                ElectionRecord(
                    pk=election.pk,
                    office=election.office,
                    office_name=election.office_name,
                    by_election=election.kind == Election.Kind.BY_ELECTION,
                    seats=election.seats,
                    candidates=[
                        CandidateResult(
                            name=c.name,
                            votes_for=c.votes_for,
                            votes_against=c.votes_against,
                            votes_abstain=c.votes_abstain,
                            elected=c.result == Candidate.Result.ELECTED,
                            unanimous=c.unanimous,
                        )
                        for c in election.candidates.all()
                    ],
                )
                for election in session.election_list
            ],
        )
        for session in sessions
    ]


def sessions_dashboard(*, user, year: int) -> dict:
    """The year's sessions on the home page; for staff, sittings held without a roll call."""
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
    if user.has_perm("congress_sessions.change_sittingattendance"):
        unrecorded = Sitting.objects.filter(
            session__in=sessions, date__lte=timezone.localdate(), attendances__isnull=True
        )
        context["todo"] = [
            Todo(
                _("Sittings held without a recorded roll call"),
                unrecorded.count(),
                reverse("sessions:list"),
            )
        ]
    return context
