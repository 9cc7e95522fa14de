"""Writes on work evaluations (工作评议): starting one on an oversight action of that kind, the
deputies' ratings, and the evaluated unit's response."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from congress.attendance import AttendanceStatus
from congress.db import save_unique
from congress.models import Unit, User
from congress.scoping import check_same_township
from deputies.models import Attendance, Deputy

from ..models import EvaluationRating, OversightAction, WorkEvaluation
from ..models.evaluations import Verdict
from ..permissions import is_township_staff, may_respond


def _check_staff(by: User, township_id: int, permission: str) -> None:
    """Staff of the record's township holding `permission`; anyone else is refused."""
    if not is_township_staff(user=by, township_id=township_id, permission=permission):
        raise PermissionDenied


@transaction.atomic
def evaluation_start(
    *, action: OversightAction, by: User, unit: Unit, conclusion: str = ""
) -> WorkEvaluation:
    """Start the evaluation an action of kind 工作评议 holds, of one unit of its township; an
    action holds one evaluation at most."""
    _check_staff(by, action.township_id, "oversight.add_workevaluation")
    if action.kind != OversightAction.Kind.EVALUATION:
        raise ValidationError(
            _("Only an oversight action of the kind “work evaluation” can hold an evaluation.")
        )
    check_same_township(action.township_id, unit=unit)
    if WorkEvaluation.objects.filter(action=action).exists():
        raise ValidationError(_("This oversight action already holds its evaluation."))
    evaluation = WorkEvaluation(action=action, unit=unit, conclusion=conclusion.strip())
    evaluation.full_clean(validate_unique=False)
    return save_unique(evaluation)


@transaction.atomic
def evaluation_update(
    *, evaluation: WorkEvaluation, by: User, unit: Unit, conclusion: str
) -> WorkEvaluation:
    """Correct the unit evaluated or write the presidium's conclusion."""
    township_id = evaluation.action.township_id
    _check_staff(by, township_id, "oversight.change_workevaluation")
    check_same_township(township_id, unit=unit)
    evaluation.unit = unit
    evaluation.conclusion = conclusion.strip()
    evaluation.full_clean()
    evaluation.save(update_fields=["unit", "conclusion"])
    return evaluation


def present_deputy_ids(evaluation: WorkEvaluation) -> set[int]:
    """The deputies marked present at the evaluation's meeting: the only ones who rate."""
    return set(
        Attendance.objects.filter(
            activity_id=evaluation.action.activity_id, status=AttendanceStatus.PRESENT
        ).values_list("deputy_id", flat=True)
    )


@transaction.atomic
def evaluation_ratings_set(
    *,
    evaluation: WorkEvaluation,
    by: User,
    ratings: dict[int, tuple[str, str]],
) -> list[EvaluationRating]:
    """Record the deputies' ratings {deputy id: (verdict, opinion)} in one go: new ones are
    added, changed ones updated, each in the history as done by `by`; the others stay as they
    are. Only deputies marked present at the meeting rate; any other refuses the whole set."""
    _check_staff(by, evaluation.action.township_id, "oversight.change_evaluationrating")
    if not ratings:
        raise ValidationError(_("No rating is marked."))
    # One set at a time per evaluation: the second of two waits here and sees the first's.
    WorkEvaluation.objects.select_for_update().filter(pk=evaluation.pk).first()
    absent = set(ratings) - present_deputy_ids(evaluation)
    if absent:
        absentees = Deputy.objects.filter(pk__in=absent).order_by(*Deputy.OFFICIAL_ORDER)
        names = absentees.values_list("name", flat=True)
        raise ValidationError(
            _("Only deputies present at the evaluation can rate it; not present: %(names)s.")
            % {"names": "、".join(names) or ", ".join(str(pk) for pk in sorted(absent))}
        )
    if any(verdict not in Verdict.values for verdict, _opinion in ratings.values()):
        raise ValidationError(_("Unknown rating."))
    existing = {r.deputy_id: r for r in EvaluationRating.objects.filter(evaluation=evaluation)}
    create, update = [], []
    for deputy_id, (verdict, opinion) in ratings.items():
        opinion = (opinion or "").strip()
        row = existing.get(deputy_id)
        if row is None:
            create.append(
                EvaluationRating(
                    evaluation=evaluation, deputy_id=deputy_id, verdict=verdict, opinion=opinion
                )
            )
        elif (row.verdict, row.opinion) != (verdict, opinion):
            row.verdict, row.opinion = verdict, opinion
            update.append(row)
    for row in create + update:
        row.full_clean(exclude=["evaluation", "deputy"], validate_unique=False)
    created = bulk_create_with_history(create, EvaluationRating, default_user=by)
    if update:
        bulk_update_with_history(update, EvaluationRating, ["verdict", "opinion"], default_user=by)
    return [*created, *update]


@transaction.atomic
def evaluation_respond(
    *,
    evaluation: WorkEvaluation,
    by: User,
    response: str,
    improvements: str,
    responded_on: datetime.date,
) -> WorkEvaluation:
    """Record the evaluated unit's response and the improvements it made, on the day it
    responded: not before the evaluation, not in the future."""
    if not may_respond(user=by, evaluation=evaluation):
        raise ValidationError(_("Only the evaluated unit or staff can record its response."))
    errors = {}
    if not response.strip():
        errors["response"] = [_("Give the unit's response.")]
    held_on = evaluation.action.activity.start_date
    if responded_on > timezone.localdate():
        errors["responded_on"] = [_("The date cannot be in the future.")]
    elif responded_on < held_on:
        errors["responded_on"] = [
            _("The response cannot be dated before the evaluation (%(date)s).")
            % {"date": held_on.isoformat()}
        ]
    if errors:
        raise ValidationError(errors)
    evaluation.response = response.strip()
    evaluation.improvements = improvements.strip()
    evaluation.responded_on = responded_on
    evaluation.full_clean()
    evaluation.save(update_fields=["response", "improvements", "responded_on"])
    return evaluation
