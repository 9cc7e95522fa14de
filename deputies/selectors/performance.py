"""The performance record (履职档案): what each deputy did in a year, points and grade."""

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Count, F, Q, QuerySet, Value, Window
from django.db.models.functions import Coalesce, Rank
from django.db.models.sql.constants import LOUTER
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_cte import CTE, with_cte

from congress.models import Township

from ..extensions import PerformanceSource, performance_sources
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


# The rules' weights have one decimal place: points are summed in tenths, whole numbers, so
# that equal points are equal on every database (no binary fractions) and share a rank.
POINT_SCALE = 10 ** PerformanceRules._meta.get_field("session_points").decimal_places


def _activity_field(kind: str) -> str:
    return f"activities_{kind}"


# The rules' weight each count earns; counts not named here (sessions on leave, missed) only
# show.
WEIGHTS = {
    "sessions_attended": "session_points",
    **{
        _activity_field(kind): ACTIVITY_WEIGHT.get(kind, DEFAULT_ACTIVITY_WEIGHT)
        for kind in Activity.Kind.values
    },
    "proposals": "proposal_points",
    "voter_contacts": "voter_contact_points",
    "reports_to_voters": "report_points",
}


def _activity_counts(*, township: Township, year: int) -> QuerySet[Attendance]:
    """Each deputy's activities of the year attended, one count per kind."""
    return (
        Attendance.objects.filter(
            activity__township=township,
            activity__start_date__year=year,
            status=Attendance.Status.PRESENT,
        )
        .order_by()
        .values("deputy_id")
        .annotate(
            **{
                _activity_field(kind): Count("pk", filter=Q(activity__kind=kind))
                for kind in Activity.Kind.values
            }
        )
    )


def _voter_contact_counts(*, township: Township, year: int) -> QuerySet[VoterContact]:
    return (
        VoterContact.objects.filter(deputy__township=township, date__year=year)
        .order_by()
        .values("deputy_id")
        .annotate(voter_contacts=Count("pk"))
    )


def _report_counts(*, township: Township, year: int) -> QuerySet[ReportToVoters]:
    return (
        ReportToVoters.objects.filter(deputy__township=township, date__year=year)
        .order_by()
        .values("deputy_id")
        .annotate(reports_to_voters=Count("pk"))
    )


# The deputies app's own counts; the apps above add theirs through `performance_sources`.
OWN_SOURCES = [
    PerformanceSource(key="activities", counts=_activity_counts, order=20),
    PerformanceSource(key="voter_contacts", counts=_voter_contact_counts, order=50),
    PerformanceSource(key="reports_to_voters", counts=_report_counts, order=60),
]


def _scored(
    deputies: QuerySet[Deputy],
    *,
    township: Township,
    year: int,
    rules: PerformanceRules,
    only_ids: list[int] | None = None,
) -> tuple[QuerySet[Deputy], list[str]]:
    """The deputies annotated with every source's counts (`count_<field>`, 0 when none) and
    their points in tenths. Each source is one grouped query joined as a common table
    expression, so the database reads each table once however many deputies there are;
    `only_ids` narrows every source to those deputies (a page of the ranking, one record)."""
    ctes, fields = [], []
    for source in sorted([*OWN_SOURCES, *performance_sources], key=lambda s: (s.order, s.key)):
        grouped = source.counts(township=township, year=year)
        if only_ids is not None:
            grouped = grouped.filter(deputy_id__in=only_ids)
        cte = CTE(grouped, name=f"performance_{source.key}")
        names = [
            name
            for name in grouped.query.annotation_select
            if name != "deputy_id" and name not in fields
        ]
        deputies = cte.join(deputies, pk=cte.col.deputy_id, _join_type=LOUTER).annotate(
            **{f"count_{name}": Coalesce(getattr(cte.col, name), 0) for name in names}
        )
        ctes.append(cte)
        fields.extend(names)
    terms = [
        F(f"count_{name}") * Value(int(Decimal(getattr(rules, WEIGHTS[name])) * POINT_SCALE))
        for name in fields
        if name in WEIGHTS
    ]
    points = sum(terms[1:], terms[0]) if terms else Value(0)
    # Only what a row shows travels through the sort of every deputy by points.
    scored = with_cte(*ctes, select=deputies).annotate(points_tenths=points).only("pk", "name")
    return scored, fields


def _ranked(scored: QuerySet[Deputy]) -> QuerySet[Deputy]:
    """In ranking order, with the rank: equal points share a rank and the next one skips."""
    return scored.annotate(rank=Window(Rank(), order_by=F("points_tenths").desc())).order_by(
        "-points_tenths",
        *Deputy.OFFICIAL_ORDER,  # equal points: 按姓氏笔画
    )


class PerformanceRows(Sequence):
    """The ranking as a sequence of PerformanceRow, read a page at a time: the database
    computes and ranks every deputy's points, and only the rows asked for come to Python.

    A page takes two queries (besides any small one a source makes to build its own): the
    ranks of the page's deputies and how many there are in all (only ids and names travel
    through the sort of everyone by points), then those deputies' counts, each source
    narrowed to them."""

    def __init__(self, *, township: Township, year: int, deputies: QuerySet[Deputy]):
        self.township, self.year, self.deputies = township, year, deputies
        self.rules = performance_rules_for(township)
        self.year_complete = year_is_complete(year)

    def _scored(self, deputies: QuerySet[Deputy], only_ids: list[int] | None = None):
        return _scored(
            deputies, township=self.township, year=self.year, rules=self.rules, only_ids=only_ids
        )

    def count(self) -> int:
        return self.deputies.count()

    def page(self, number, *, per_page: int) -> Page:
        """A page of the ranking, as Paginator.get_page gives it (the first for a number that
        is not one, the last past the end), counted by the query that ranks it."""
        try:
            number = max(int(number), 1)
        except (TypeError, ValueError):
            number = 1
        ranks, total = self._ranks(number, per_page)
        if not ranks and number > 1:
            number = max(math.ceil(self.count() / per_page), 1)
            ranks, total = self._ranks(number, per_page)
        paginator = Paginator(self, per_page)
        paginator.count = total  # known already: Paginator would count again
        return Page(self.rows(ranks), number, paginator)

    def _ranks(self, number: int, per_page: int) -> tuple[dict[int, int], int]:
        scored, _fields = self._scored(self.deputies)
        ranked = _ranked(scored).annotate(total=Window(Count("pk")))
        bottom = (number - 1) * per_page
        found = list(ranked.values_list("pk", "rank", "total")[bottom : bottom + per_page])
        return {pk: rank for pk, rank, _total in found}, found[0][2] if found else 0

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        scored, _fields = self._scored(self.deputies)
        return self.rows(dict(_ranked(scored).values_list("pk", "rank")[index]))

    def rows(self, ranks: dict[int, int]) -> list[PerformanceRow]:
        """The rows of these deputies ({id: rank}), in that order, in one query."""
        if not ranks:
            return []
        page, fields = self._scored(Deputy.objects.filter(pk__in=ranks), only_ids=list(ranks))
        rows = {deputy.pk: self._row(deputy, fields, ranks[deputy.pk]) for deputy in page}
        return [rows[pk] for pk in ranks]

    def __iter__(self) -> Iterator[PerformanceRow]:
        scored, fields = self._scored(self.deputies)
        return (self._row(deputy, fields, deputy.rank) for deputy in _ranked(scored))

    def _row(self, deputy: Deputy, fields: list[str], rank: int) -> PerformanceRow:
        counts = {name: getattr(deputy, f"count_{name}") for name in fields}
        activities = {
            kind: n for kind in Activity.Kind.values if (n := counts.pop(_activity_field(kind), 0))
        }
        points = Decimal(deputy.points_tenths) / POINT_SCALE
        return PerformanceRow(
            deputy=deputy,
            activities=activities,
            points=points,
            rank=rank,
            year_complete=self.year_complete,
            grade=grade_for(points, self.rules) if self.year_complete else "",
            **counts,
        )


def _in_office(township: Township, year: int) -> QuerySet[Deputy]:
    return deputies_in_office_during(Deputy.objects.filter(township=township), year)


def performance_ranking(*, township: Township, year: int) -> PerformanceRows:
    """Every deputy in office during the year with their counts, points, grade and rank, for
    a page at a time: a fixed number of queries, and only the page's rows read."""
    return PerformanceRows(township=township, year=year, deputies=_in_office(township, year))


def performance_for_year(
    *, township: Township, year: int, deputies: QuerySet[Deputy] | None = None
) -> list[PerformanceRow]:
    """Every deputy in office during the year (or of `deputies`) with their counts, points,
    grade and rank, all read at once (the export)."""
    if deputies is None:
        deputies = _in_office(township, year)
    return list(PerformanceRows(township=township, year=year, deputies=deputies))


def performance_for_deputy(*, deputy: Deputy, year: int) -> PerformanceRow:
    """One deputy's record for a year: the ranking's computation narrowed to them (one
    query; ranked on their own, as the record shows no rank)."""
    rows = PerformanceRows(
        township=deputy.township, year=year, deputies=Deputy.objects.filter(pk=deputy.pk)
    )
    [row] = rows.rows({deputy.pk: 1})
    row.deputy = deputy
    return row
