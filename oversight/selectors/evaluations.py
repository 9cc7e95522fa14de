"""Reading work evaluations. Who rated what is read by staff and presidium members only: a
unit sees the counts, a deputy their own rating (roles.READS for EvaluationRating)."""

from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from congress.attendance import AttendanceStatus
from congress.registry import Figure, YearSummary
from congress.roles import Reach
from congress.scoping import get_visible_or_404, reach_of, visible_to
from deputies.models import Attendance, Deputy

from ..models import EvaluationRating, OversightAction, WorkEvaluation
from ..models.evaluations import Verdict

# Satisfaction counts 满意 and 基本满意 together, as the proposals' ratings do.
SATISFIED_VERDICTS = (Verdict.SATISFIED, Verdict.FAIRLY)


def _present_count() -> Coalesce:
    """A correlated COUNT of the deputies present at each evaluation's meeting."""
    present = (
        Attendance.objects.filter(
            activity=OuterRef("action__activity"), status=AttendanceStatus.PRESENT
        )
        .order_by()
        .values("activity")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(present, output_field=IntegerField()), 0)


def with_counts(evaluations: QuerySet[WorkEvaluation]) -> QuerySet[WorkEvaluation]:
    """Annotate each evaluation with `satisfied`, `fairly`, `dissatisfied`, `rated`,
    `present` (deputies present at the meeting) and `satisfaction` (the share of 满意 and
    基本满意 among those rated, in percent; None before any rating)."""
    evaluations = evaluations.annotate(
        satisfied=Count("ratings", filter=Q(ratings__verdict=Verdict.SATISFIED)),
        fairly=Count("ratings", filter=Q(ratings__verdict=Verdict.FAIRLY)),
        dissatisfied=Count("ratings", filter=Q(ratings__verdict=Verdict.DISSATISFIED)),
        rated=Count("ratings"),
        present=_present_count(),
    )
    return evaluations.annotate(
        satisfaction=Case(
            When(rated=0, then=Value(None, output_field=FloatField())),
            default=Cast(F("satisfied") + F("fairly"), FloatField())
            * 100.0
            / Cast(F("rated"), FloatField()),
            output_field=FloatField(),
        )
    )


def _visible(user) -> QuerySet[WorkEvaluation]:
    """The evaluations a user may open: staff and members their township's, a unit its own;
    a deputy, who reads no evaluation as such, those they rated."""
    evaluations = WorkEvaluation.objects.select_related("action__activity", "unit")
    if reach_of(user, WorkEvaluation) is not None:
        return visible_to(evaluations, user)
    own = visible_to(EvaluationRating.objects.all(), user).values("evaluation_id")
    return evaluations.filter(pk__in=own)


def evaluation_list_for_user(*, user, year: int | None = None) -> QuerySet[WorkEvaluation]:
    """The evaluations the user may read (of one year, by the meeting's date), newest first,
    with their counts."""
    evaluations = _visible(user)
    if year is not None:
        evaluations = evaluations.filter(action__activity__start_date__year=year)
    return with_counts(evaluations).order_by("-action__activity__start_date", "-pk")


def evaluation_get_for_user(*, user, pk: int) -> WorkEvaluation:
    """One evaluation the user may open; 404 otherwise."""
    return get_object_or_404(_visible(user), pk=pk)


def evaluation_for_action(*, action: OversightAction, user) -> WorkEvaluation | None:
    """The evaluation an action holds, if the user may read it, with its unit (what the action
    page's evaluation box shows): one query."""
    return _visible(user).filter(action=action).first()


def evaluation_action_get_for_user(*, user, pk: int) -> OversightAction:
    """The action an evaluation is started on, among those the user may read; 404 otherwise."""
    return get_visible_or_404(
        OversightAction.objects.select_related("activity", "unit", "evaluation"), user, pk=pk
    )


def evaluation_ratings_for_user(*, evaluation: WorkEvaluation, user) -> QuerySet:
    """The ratings of an evaluation the user may read, with each deputy: all of them for staff
    and members, a deputy's own, none for the unit evaluated."""
    return (
        visible_to(EvaluationRating.objects.filter(evaluation=evaluation), user)
        .select_related("deputy")
        .order_by("deputy__name_stroke_key", "pk")
    )


def may_read_who_rated(user) -> bool:
    """Whether the user reads every deputy's rating (staff, members): then the page also says
    who has not rated yet."""
    return reach_of(user, EvaluationRating) == Reach.TOWNSHIP


@dataclass(frozen=True)
class VerdictCount:
    key: str
    label: str
    count: int
    share: float | None  # percent of those rated


@dataclass(frozen=True)
class EvaluationResult:
    """The overall result of an evaluation: the ratings counted per verdict, the satisfaction
    (满意 + 基本满意 among those rated) and the deputies present who have not rated."""

    present: int
    rated: int
    verdicts: list[VerdictCount]
    satisfaction: float | None
    not_rated: list[Deputy]


def evaluation_result(evaluation: WorkEvaluation) -> EvaluationResult:
    """Count an evaluation's ratings: three queries at most."""
    ratings = list(
        EvaluationRating.objects.filter(evaluation=evaluation).values_list("deputy_id", "verdict")
    )
    counts = {v.value: 0 for v in Verdict}
    for _deputy_id, verdict in ratings:
        counts[verdict] += 1
    rated = len(ratings)
    present = set(
        Attendance.objects.filter(
            activity_id=evaluation.action.activity_id, status=AttendanceStatus.PRESENT
        ).values_list("deputy_id", flat=True)
    )
    waiting = present - {deputy_id for deputy_id, _verdict in ratings}
    not_rated = (
        list(Deputy.objects.filter(pk__in=waiting).order_by(*Deputy.OFFICIAL_ORDER))
        if waiting
        else []
    )

    def share(n: int) -> float | None:
        return n * 100 / rated if rated else None

    return EvaluationResult(
        present=len(present),
        rated=rated,
        verdicts=[
            VerdictCount(v.value, str(v.label), counts[v.value], share(counts[v.value]))
            for v in Verdict
        ],
        satisfaction=share(sum(counts[v.value] for v in SATISFIED_VERDICTS)),
        not_rated=not_rated,
    )


def evaluation_rating_rows(*, evaluation: WorkEvaluation) -> list[dict]:
    """The ratings grid: each deputy present at the meeting, by name, with their rating so far
    (verdict and opinion, empty when not rated). Two queries."""
    present = (
        Attendance.objects.filter(
            activity_id=evaluation.action.activity_id, status=AttendanceStatus.PRESENT
        )
        .select_related("deputy")
        .order_by("deputy__name_stroke_key", "deputy_id")
    )
    ratings = {r.deputy_id: r for r in EvaluationRating.objects.filter(evaluation=evaluation)}
    rows = []
    for attendance in present:
        rating = ratings.get(attendance.deputy_id)
        rows.append(
            {
                "deputy": attendance.deputy,
                "verdict": rating.verdict if rating else "",
                "opinion": rating.opinion if rating else "",
            }
        )
    return rows


def evaluations_in_year(*, township, year: int) -> QuerySet[WorkEvaluation]:
    return with_counts(
        WorkEvaluation.objects.filter(
            action__township=township, action__activity__start_date__year=year
        ).select_related("action__activity", "unit")
    ).order_by("action__activity__start_date", "pk")


def evaluations_year_summary(*, township, year: int) -> YearSummary:
    """The year's work evaluations: how many were held, the ratings by verdict, and per
    evaluation its unit, date, counts and satisfaction."""
    evaluations = list(evaluations_in_year(township=township, year=year))
    totals = {v.value: sum(getattr(e, v.value) for e in evaluations) for v in Verdict}
    return YearSummary(
        key="evaluations",
        title=_("Work evaluations"),
        figures=[
            Figure(
                "held",
                _("Work evaluations held"),
                len(evaluations),
                reverse("oversight:evaluations") + f"?year={year}",
            ),
            *(
                Figure(
                    f"rated_{v.value}",
                    format_lazy(_("Deputies' ratings: {verdict}"), verdict=v.label),
                    totals[v.value],
                )
                for v in Verdict
            ),
        ],
        details={
            "evaluations": [
                {
                    "pk": e.pk,
                    "unit": e.unit.name,
                    "date": e.action.activity.start_date,
                    "present": e.present,
                    "counts": {v.value: getattr(e, v.value) for v in Verdict},
                    "rated": e.rated,
                    "satisfaction": e.satisfaction,
                }
                for e in evaluations
            ]
        },
    )
