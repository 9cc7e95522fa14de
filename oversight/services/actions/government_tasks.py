"""Government tasks under oversight and the progress reviews of them."""

import datetime
from typing import Required, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.db import save_unique
from congress.models import Township, Unit, User
from congress.scoping import check_same_township

from ...models import GovernmentTask, OversightAction, ProgressReview
from .common import FIRST_YEAR, TASK_REVIEW_YEARS_AFTER, format_day


class TaskFields(TypedDict, total=False):
    """What staff enter for a government task (its form, or the demo's rows)."""

    year: Required[int]
    kind: Required[str]
    title: Required[str]
    number: int | None
    description: str
    unit: Unit | None
    leader: str


def _task_save(
    task: GovernmentTask,
    *,
    by: User,
    year: int,
    kind: str,
    title: str,
    number: int | None = None,
    description: str = "",
    unit: Unit | None = None,
    leader: str = "",
) -> GovernmentTask:
    check_same_township(task.township_id, unit=unit)
    last = timezone.localdate().year + 1
    if not FIRST_YEAR <= year <= last:
        raise ValidationError(
            {
                "year": _("Enter a year from %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": last}
            }
        )
    if number is not None:
        taken = (
            GovernmentTask.objects.filter(
                township_id=task.township_id, year=year, kind=kind, number=number
            )
            .exclude(pk=task.pk)
            .first()
        )
        if taken is not None:
            raise ValidationError(
                {
                    "number": _("Number %(number)s of this list is already “%(task)s”.")
                    % {"number": number, "task": taken.title}
                }
            )
    for field, value in {
        "year": year,
        "kind": kind,
        "title": title.strip(),
        "number": number,
        "description": description,
        "unit": unit,
        "leader": leader.strip(),
    }.items():
        setattr(task, field, value)
    task.full_clean()
    task._history_user = by
    return save_unique(task)


@transaction.atomic
def task_create(*, township: Township, by: User, **fields: Unpack[TaskFields]) -> GovernmentTask:
    """Put a commitment of the town government under oversight: its year, its list (work
    report target, practical project, key project) and number in it (each number once per
    list and year), the responsible unit of the township and leader."""
    return _task_save(GovernmentTask(township=township), by=by, **fields)


@transaction.atomic
def task_update(*, task: GovernmentTask, by: User, **fields: Unpack[TaskFields]) -> GovernmentTask:
    """Correct a government task, under the rules of task_create."""
    task = GovernmentTask.objects.select_for_update().get(pk=task.pk)
    return _task_save(task, by=by, **fields)


@transaction.atomic
def review_record(
    *,
    task: GovernmentTask,
    by: User,
    stage: str,
    date: datetime.date,
    progress: str,
    notes: str = "",
    action: OversightAction | None = None,
) -> ProgressReview:
    """Record where a task stood when reviewed: not in the future, in the task's year or the
    year after, and when an action of the township reviewed it, not before that action began
    (the action then oversees the task, if it did not already)."""
    check_same_township(task.township_id, action=action)
    errors: dict[str, list[str]] = {}
    if date > timezone.localdate():
        errors.setdefault("date", []).append(_("A review cannot be dated in the future."))
    if not task.year <= date.year <= task.year + TASK_REVIEW_YEARS_AFTER:
        errors.setdefault("date", []).append(
            _("A task of %(year)s is reviewed in %(year)s or the year after.") % {"year": task.year}
        )
    if action is not None and date < action.activity.start_date:
        errors.setdefault("date", []).append(
            _("The review cannot be dated before the action began (%(day)s).")
            % {"day": format_day(action.activity.start_date)}
        )
    if errors:
        raise ValidationError(errors)
    review = ProgressReview(
        task=task, action=action, stage=stage, date=date, progress=progress, notes=notes
    )
    review.full_clean()
    review._history_user = by
    review.save()
    if action is not None:
        action.tasks.add(task)
    return review
