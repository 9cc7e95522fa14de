"""What the proposal-handling report (reports.drafting.proposals) needs beyond the statistics
(proposals.selectors.stats): the year's key proposals one by one, and the assignment meetings
that handed the year's proposals to the units. Plain data, a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery

from ..models import Answer, AssignmentMeeting
from .stats import _received


@dataclass(frozen=True)
class KeyProposal:
    pk: int
    title: str
    deputy: str  # the lead deputy's name, or the proposer (主席团, 镇政府) when there is none
    unit: str  # the lead unit's name, "" before assignment
    by_deputy: bool  # led by a deputy (else proposed by the presidium or the government)
    category_code: str  # the current answer's category ("A"), "" without one
    category_label: str  # "已解决或基本解决"
    status: str
    status_label: str


@dataclass(frozen=True)
class MeetingOfYear:
    pk: int
    date: datetime.date
    place: str
    proposals: int  # of the year's proposals, how many it assigned


def key_proposals_of_year(*, township, year: int) -> list[KeyProposal]:
    """The year's key proposals (as the statistics count them), by number, with their current
    answer's category (the latest answer staff did not return). One query."""
    current = Answer.objects.filter(proposal=OuterRef("pk"), returned=False).order_by(
        "-answered_at", "-pk"
    )
    proposals = (
        _received(township=township, year=year)
        .filter(is_key=True)
        .select_related("deputy", "handling_unit")
        .annotate(
            category_code=Subquery(current.values("category__code")[:1]),
            category_label=Subquery(current.values("category__label")[:1]),
        )
        .order_by("number", "submitted_at", "pk")
    )
    return [
        KeyProposal(
            pk=proposal.pk,
            title=proposal.title,
            deputy=proposal.deputy.name if proposal.deputy else proposal.get_proposer_display(),
            unit=proposal.handling_unit.name if proposal.handling_unit else "",
            by_deputy=proposal.deputy is not None,
            category_code=proposal.category_code or "",
            category_label=proposal.category_label or "",
            status=proposal.status,
            status_label=proposal.get_status_display(),
        )
        for proposal in proposals
    ]


def assignment_meetings_of_year(*, township, year: int) -> list[MeetingOfYear]:
    """The meetings that assigned the year's proposals, oldest first, with how many of them
    each handed out. One query."""
    received = _received(township=township, year=year).values("pk")
    meetings = (
        AssignmentMeeting.objects.filter(township=township, assignments__proposal__in=received)
        .annotate(proposals=Count("assignments__proposal", distinct=True))
        .order_by("date", "pk")
    )
    return [
        MeetingOfYear(pk=m.pk, date=m.date, place=m.place, proposals=m.proposals) for m in meetings
    ]
