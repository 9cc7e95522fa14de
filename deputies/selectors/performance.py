"""The performance record (履职档案): what each deputy did in a year, points and grade."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.models import Township

from ..extensions import performance_sources
from ..models import Activity, Attendance, Deputy, PerformanceRules, ReportToVoters, VoterContact
from .roster import deputies_in_office_during


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    QUALIFIED = "qualified", _("Qualified")
    BASIC = "basic", _("Basically qualified")
    UNQUALIFIED = "unqualified", _("Unqualified")


# Which points weight an activity kind earns.
ACTIVITY_WEIGHT = {
    Activity.Kind.TRAINING: "training_points",
    Activity.Kind.INSPECTION: "inspection_points",
    Activity.Kind.SURVEY: "inspection_points",
    Activity.Kind.OVERSIGHT: "inspection_points",
}
DEFAULT_ACTIVITY_WEIGHT = "activity_points"


@dataclass
class PerformanceRow:
    deputy: Deputy
    sessions_attended: int = 0
    sessions_on_leave: int = 0
    sessions_absent: int = 0
    activities: dict[str, int] = field(default_factory=dict)
    proposals: int = 0
    voter_contacts: int = 0
    reports_to_voters: int = 0
    points: Decimal = Decimal(0)
    grade: str = Grade.UNQUALIFIED
    rank: int = 0
    year_complete: bool = True  # until the year is over, points are so far and there is no grade

    @property
    def trainings(self) -> int:
        return self.activities.get(Activity.Kind.TRAINING, 0)

    @property
    def inspections(self) -> int:
        return sum(
            self.activities.get(kind, 0)
            for kind, weight in ACTIVITY_WEIGHT.items()
            if weight == "inspection_points"
        )

    @property
    def other_activities(self) -> int:
        return sum(self.activities.values()) - self.trainings - self.inspections

    @property
    def grade_label(self) -> str:
        if not self.year_complete:
            return _("The year is not over: no grade yet")
        return Grade(self.grade).label


def year_is_complete(year: int) -> bool:
    """A year's record is graded once the year is over in the township (a year's work earns
    the grade, so a year under way would grade nearly everyone 不合格)."""
    return year < timezone.localdate().year


def performance_rules_for(township: Township) -> PerformanceRules:
    """The township's rules, or the defaults until staff have set their own."""
    return PerformanceRules.objects.filter(township=township).first() or PerformanceRules(
        township=township
    )


def grade_for(points: Decimal, rules: PerformanceRules) -> str:
    """The grade a number of points earns; a threshold itself earns the higher grade."""
    if points >= rules.excellent_from:
        return Grade.EXCELLENT
    if points >= rules.qualified_from:
        return Grade.QUALIFIED
    if points >= rules.basic_from:
        return Grade.BASIC
    return Grade.UNQUALIFIED


def points_for(row: PerformanceRow, rules: PerformanceRules) -> Decimal:
    points = row.sessions_attended * rules.session_points
    for kind, count in row.activities.items():
        points += count * getattr(rules, ACTIVITY_WEIGHT.get(kind, DEFAULT_ACTIVITY_WEIGHT))
    points += row.proposals * rules.proposal_points
    points += row.voter_contacts * rules.voter_contact_points
    points += row.reports_to_voters * rules.report_points
    return points


def _counts(queryset, *keys) -> dict:
    rows = queryset.order_by().values(*keys).annotate(n=Count("pk"))
    return {tuple(row[k] for k in keys): row["n"] for row in rows}


def performance_for_year(
    *, township: Township, year: int, deputies: QuerySet[Deputy] | None = None
) -> list[PerformanceRow]:
    """Every deputy in office during the year with their counts, points, grade and rank.

    A fixed number of grouped queries, whatever the number of deputies; the apps above
    deputies (sessions, proposals) add their counts through `performance_sources`.
    """
    if deputies is None:
        deputies = deputies_in_office_during(Deputy.objects.filter(township=township), year)
    rows = {d.pk: PerformanceRow(deputy=d) for d in deputies.order_by("name", "pk")}
    deputy_ids = deputies.values("pk")
    activities = _counts(
        Attendance.objects.filter(
            activity__township=township,
            activity__start_date__year=year,
            status=Attendance.Status.PRESENT,
            deputy_id__in=deputy_ids,
        ),
        "deputy_id",
        "activity__kind",
    )
    by_deputy: dict[int, dict[str, int]] = defaultdict(dict)
    for (deputy_id, kind), n in activities.items():
        by_deputy[deputy_id][kind] = n
    for deputy_id, kinds in by_deputy.items():
        rows[deputy_id].activities = kinds
    simple = {
        "voter_contacts": VoterContact.objects.filter(deputy__township=township, date__year=year),
        "reports_to_voters": ReportToVoters.objects.filter(
            deputy__township=township, date__year=year
        ),
    }
    for attribute, queryset in simple.items():
        for (deputy_id,), n in _counts(
            queryset.filter(deputy_id__in=deputy_ids), "deputy_id"
        ).items():
            setattr(rows[deputy_id], attribute, n)
    for source in performance_sources:
        for deputy_id, counts in source.counts(
            township=township, year=year, deputy_ids=deputy_ids
        ).items():
            for attribute, n in counts.items():
                setattr(rows[deputy_id], attribute, n)

    rules = performance_rules_for(township)
    complete = year_is_complete(year)
    ranked = list(rows.values())
    for row in ranked:
        row.points = points_for(row, rules)
        row.year_complete = complete
        row.grade = grade_for(row.points, rules) if complete else ""
    ranked.sort(key=lambda r: (-r.points, r.deputy.name, r.deputy.pk))
    previous, rank = None, 0
    for position, row in enumerate(ranked, start=1):
        if row.points != previous:
            rank, previous = position, row.points
        row.rank = rank
    return ranked


def performance_for_deputy(*, deputy: Deputy, year: int) -> PerformanceRow:
    """One deputy's record for a year (the same computation as the ranking)."""
    rows = performance_for_year(
        township=deputy.township, year=year, deputies=Deputy.objects.filter(pk=deputy.pk)
    )
    return rows[0]
