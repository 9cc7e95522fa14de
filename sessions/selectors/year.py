"""A township's sessions of one year: the summary, the records the work report tells, the
home page's part."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.registry import Figure, Todo, YearSummary
from congress.scoping import visible_to

from ..models import (
    AgendaItem,
    Candidate,
    CongressSession,
    Election,
    Resolution,
    Sitting,
    SittingAttendance,
)

Status = SittingAttendance.Status


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
