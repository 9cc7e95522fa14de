from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from congress.models import Township
from congress.roles import Role
from deputies.models import Deputy, Mandate
from deputies.selectors import deputies_in_office_during
from oversight.models import Inspection
from proposals.models import Proposal
from proposals.workflow import Status
from sessions.models import CongressSession

from .models import Report


def report_list_for_user(*, user) -> QuerySet[Report]:
    """Staff and members read their township's reports; county viewers read every township's."""
    reports = Report.objects.select_related("township", "requested_by")
    if user.role == Role.COUNTY:
        return reports
    if user.role in {Role.STAFF, Role.MEMBER} and user.township_id is not None:
        return reports.filter(township_id=user.township_id)
    return reports.none()


def report_get_for_user(*, user, pk: int) -> Report:
    return get_object_or_404(report_list_for_user(user=user), pk=pk)


@dataclass(frozen=True)
class InspectionKindCount:
    label: str
    count: int
    participants: int


@dataclass(frozen=True)
class AnnualStats:
    township: Township
    year: int
    sessions: int
    deputies: int
    county_deputies: int
    township_deputies: int
    proposals: int
    key_proposals: int
    proposals_assigned: int
    inspections: int
    inspection_participants: int
    inspections_by_kind: list[InspectionKindCount]


def annual_stats(*, township: Township, year: int) -> AnnualStats:
    """The year's figures the work report quotes: sessions, roster, proposals, oversight."""
    in_office = deputies_in_office_during(Deputy.objects.filter(township=township), year)
    seats = Mandate.objects.filter(deputy__in=in_office, status=Mandate.Status.ACTIVE)
    deputies = {
        "total": in_office.count(),
        "county": seats.filter(level=Mandate.Level.COUNTY).count(),
        "town": seats.filter(level=Mandate.Level.TOWNSHIP).count(),
    }
    proposals = Proposal.objects.filter(township=township, submitted_at__year=year).aggregate(
        total=Count("pk"),
        key=Count("pk", filter=Q(is_key=True)),
        assigned=Count("pk", filter=~Q(status=Status.SUBMITTED)),
    )
    inspections = Inspection.objects.filter(township=township, date__year=year)
    by_kind = {
        row["kind"]: row
        for row in inspections.values("kind").annotate(n=Count("pk"), people=Sum("participants"))
    }
    return AnnualStats(
        township=township,
        year=year,
        sessions=CongressSession.objects.filter(township=township, start_date__year=year).count(),
        deputies=deputies["total"],
        county_deputies=deputies["county"],
        township_deputies=deputies["town"],
        proposals=proposals["total"],
        key_proposals=proposals["key"],
        proposals_assigned=proposals["assigned"],
        inspections=sum(row["n"] for row in by_kind.values()),
        inspection_participants=sum(row["people"] or 0 for row in by_kind.values()),
        inspections_by_kind=[
            InspectionKindCount(
                label=str(kind.label),
                count=by_kind[kind.value]["n"],
                participants=by_kind[kind.value]["people"] or 0,
            )
            for kind in Inspection.Kind
            if kind.value in by_kind
        ],
    )
