"""Writing the presidium's observation of the village committees' elections (村两委换届)."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.models import Township, Unit
from congress.scoping import check_same_township
from deputies.models import Deputy

from ..models import ElectionObservation


def _check(
    *,
    township: Township,
    village: Unit,
    date: datetime.date,
    observers: list[Deputy],
    other_observers: str,
) -> None:
    check_same_township(township, village=village)
    for deputy in observers:
        check_same_township(township, observers=deputy)
    errors = {}
    if village.kind != Unit.Kind.VILLAGE:
        errors["village"] = _("Choose a village or community committee.")
    if date > timezone.localdate():
        errors["date"] = _("An observation is recorded once it has taken place: not a later day.")
    if not observers and not other_observers.strip():
        errors["observers"] = _("Name at least one observer.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def observation_create(
    *,
    township: Township,
    village: Unit,
    stage: str,
    date: datetime.date,
    observers: Iterable[Deputy] = (),
    other_observers: str = "",
    issues: str = "",
    notes: str = "",
) -> ElectionObservation:
    """Record one stage of a village's election as observed: the village a village-kind unit
    of the township, the observers deputies of the township (or named others), the day not
    later than today (past days are entered from paper)."""
    observers = list(observers)
    _check(
        township=township,
        village=village,
        date=date,
        observers=observers,
        other_observers=other_observers,
    )
    observation = ElectionObservation(
        township=township,
        village=village,
        stage=stage,
        date=date,
        other_observers=other_observers,
        issues=issues,
        notes=notes,
    )
    observation.full_clean()
    observation.save()
    observation.observers.set(observers)
    return observation


@transaction.atomic
def observation_update(
    *,
    observation: ElectionObservation,
    village: Unit,
    stage: str,
    date: datetime.date,
    observers: Iterable[Deputy] = (),
    other_observers: str = "",
    issues: str = "",
    notes: str = "",
) -> ElectionObservation:
    """Correct an observation, under the same rules as recording it."""
    observers = list(observers)
    _check(
        township=observation.township,
        village=village,
        date=date,
        observers=observers,
        other_observers=other_observers,
    )
    observation.village, observation.stage, observation.date = village, stage, date
    observation.other_observers, observation.issues, observation.notes = (
        other_observers,
        issues,
        notes,
    )
    observation.full_clean()
    observation.save()
    observation.observers.set(observers)
    return observation
