"""Reading the election observations: per village, the stages observed, by whom, and the
issues found; and the year's figures for the report."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congress.models import Unit
from congress.registry import Figure, YearSummary
from congress.scoping import get_visible_or_404, visible_to
from deputies.models import Deputy

from ..models import ElectionObservation

Stage = ElectionObservation.Stage


@dataclass(frozen=True)
class ObservationLine:
    pk: int
    stage: str
    stage_label: str
    date: datetime.date
    observers: list[str]  # deputies' names, then the others as typed
    issues: str
    notes: str


@dataclass(frozen=True)
class StageTick:
    stage: str
    label: str
    observed: bool


@dataclass(frozen=True)
class VillageObservations:
    """A village's observed election in a year: a tick per stage, and each observation."""

    village_pk: int
    village: str
    ticks: list[StageTick]
    observations: list[ObservationLine]

    @property
    def stages_observed(self) -> list[str]:
        return [tick.label for tick in self.ticks if tick.observed]

    @property
    def issues(self) -> list[ObservationLine]:
        return [line for line in self.observations if line.issues]


def _observations_in(queryset: QuerySet[ElectionObservation], year: int):
    return (
        queryset.filter(date__year=year)
        .select_related("village")
        .prefetch_related(
            Prefetch("observers", queryset=Deputy.objects.order_by(*Deputy.OFFICIAL_ORDER))
        )
        .order_by("village__name", "village_id", "date", "pk")
    )


def _by_village(observations, villages=()) -> list[VillageObservations]:
    """Group observations (ordered by village) under their villages; `villages` adds the
    ones nothing was observed in, as empty rows, in name order with the others."""
    grouped: dict[int, tuple[str, list[ElectionObservation]]] = {
        village.pk: (village.name, []) for village in villages
    }
    for observation in observations:
        grouped.setdefault(observation.village_id, (observation.village.name, []))[1].append(
            observation
        )
    rows = []
    for village_pk, (name, observed) in sorted(
        grouped.items(), key=lambda entry: (entry[1][0], entry[0])
    ):
        stages = {observation.stage for observation in observed}
        rows.append(
            VillageObservations(
                village_pk=village_pk,
                village=name,
                ticks=[StageTick(s.value, s.label, s.value in stages) for s in Stage],
                observations=[
                    ObservationLine(
                        pk=observation.pk,
                        stage=observation.stage,
                        stage_label=Stage(observation.stage).label,
                        date=observation.date,
                        observers=[d.name for d in observation.observers.all()]
                        + ([observation.other_observers] if observation.other_observers else []),
                        issues=observation.issues,
                        notes=observation.notes,
                    )
                    for observation in observed
                ],
            )
        )
    return rows


def observations_for_year(*, township, year: int) -> list[VillageObservations]:
    """The villages whose elections were observed in `year`, by name, each with the stages
    observed, the observers and the issues found: for the year-end report."""
    return _by_village(
        _observations_in(ElectionObservation.objects.filter(township=township), year)
    )


def observations_for_user(*, user, year: int) -> list[VillageObservations]:
    """The page's table: every village committee in use that the user may read, and any
    other observed in `year`, with the stages observed that year."""
    observations = _observations_in(visible_to(ElectionObservation.objects.all(), user), year)
    villages = visible_to(
        Unit.objects.filter(kind=Unit.Kind.VILLAGE, is_active=True).order_by("name", "pk"), user
    )
    return _by_village(observations, villages)


def village_choices(*, township, keep: Unit | None = None) -> QuerySet[Unit]:
    """The township's village and community committees in use (and `keep`, the one a record
    names, even if no longer in use)."""
    in_use = Q(is_active=True)
    if keep is not None:
        in_use |= Q(pk=keep.pk)
    return Unit.objects.filter(in_use, township=township, kind=Unit.Kind.VILLAGE).order_by(
        "name", "pk"
    )


def observation_get_for_user(*, user, pk: int) -> ElectionObservation:
    return get_visible_or_404(
        ElectionObservation.objects.select_related("village").prefetch_related("observers"),
        user,
        pk=pk,
    )


def elections_year_summary(*, township, year: int) -> YearSummary:
    """The villages whose elections the presidium observed in the year, the observations
    made and how many of them found issues."""
    villages = observations_for_year(township=township, year=year)
    observations = [line for village in villages for line in village.observations]
    url = reverse("oversight:elections") + f"?year={year}"
    return YearSummary(
        key="elections",
        title=_("Election supervision"),
        figures=[
            Figure("villages", _("Villages whose elections were observed"), len(villages), url),
            Figure("observations", _("Election stages observed"), len(observations), url),
            Figure(
                "issues",
                _("Observations that found issues"),
                sum(1 for line in observations if line.issues),
                url,
            ),
        ],
        details={"villages": villages},
    )
