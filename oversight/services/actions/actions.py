"""Oversight actions: the action, the deputies' activity it owns (through deputies.services)
and the staff who took part, named."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from congress.models import Township, Unit, User
from congress.scoping import check_same_township
from deputies.models import Activity
from deputies.services import activity_save

from ...models import ActionStaff, Campaign, GovernmentTask, OversightAction, PlanItem
from .campaigns import campaign_covers
from .common import TASK_REVIEW_YEARS_AFTER, distinct_names, format_day


@dataclass(frozen=True, kw_only=True)
class ActionInput:
    """What staff enter for an oversight action (its form, or the demo's rows): all of it but
    the township, which the action has. The deputies' attendance is recorded on its own."""

    kind: str
    title: str
    start_date: datetime.date
    end_date: datetime.date | None = None
    place: str = ""
    content: str = ""
    campaign: Campaign | None = None
    plan_item: PlanItem | None = None
    tasks: Iterable[GovernmentTask] = ()
    unit: Unit | None = None
    target: str = ""
    findings: str = ""
    opinions: str = ""
    opinions_sent_on: datetime.date | None = None
    staff_names: Iterable[str] = ()
    other_participants: int = 0


def _check_action(
    *,
    township: Township,
    start_date: datetime.date,
    end_date: datetime.date | None,
    campaign: Campaign | None,
    plan_item: PlanItem | None,
    tasks: Sequence[GovernmentTask],
    unit: Unit | None,
    opinions: str,
    opinions_sent_on: datetime.date | None,
) -> None:
    """The rules of an action's links and dates, all errors at once, by form field."""
    check_same_township(township, campaign=campaign, plan_item=plan_item, unit=unit)
    for task in tasks:
        check_same_township(township, tasks=task)
    errors: dict[str, list[str]] = {}
    if end_date is not None and end_date < start_date:
        errors.setdefault("end_date", []).append(_("The end date cannot be before the start date."))
    if opinions_sent_on is not None:
        if opinions_sent_on < start_date:
            errors.setdefault("opinions_sent_on", []).append(
                _("The opinions cannot have been sent before the action began.")
            )
        if opinions_sent_on > timezone.localdate():
            errors.setdefault("opinions_sent_on", []).append(
                _("The day the opinions were sent cannot be in the future.")
            )
        if not opinions.strip():
            errors.setdefault("opinions", []).append(
                _("Write the opinions sent to the government on that day.")
            )
    if campaign is not None and not campaign_covers(campaign, start_date):
        errors.setdefault("campaign", []).append(_outside_campaign(campaign, start_date))
    for task in tasks:
        if not task.year <= start_date.year <= task.year + TASK_REVIEW_YEARS_AFTER:
            errors.setdefault("tasks", []).append(
                _("“%(task)s” is a task of %(year)s: an action of %(day)s cannot oversee it.")
                % {"task": task.title, "year": task.year, "day": format_day(start_date)}
            )
    if errors:
        raise ValidationError(errors)


def _outside_campaign(campaign: Campaign, day: datetime.date) -> str:
    if campaign.end_date is None:
        return _("The action on %(day)s is before the campaign began (%(start)s).") % {
            "day": format_day(day),
            "start": format_day(campaign.start_date),
        }
    return _("The action on %(day)s lies outside the campaign (%(start)s to %(end)s).") % {
        "day": format_day(day),
        "start": format_day(campaign.start_date),
        "end": format_day(campaign.end_date),
    }


def _staff_rows(action: OversightAction, names: Sequence[str]) -> list[ActionStaff]:
    """Unsaved ActionStaff rows for `names`, each checked (length, hidden characters)."""
    rows, errors = [], []
    for name in names:
        row = ActionStaff(action=action, name=name)
        try:
            row.full_clean(exclude=["action"], validate_constraints=False)
        except ValidationError as error:
            for message in error.messages:
                errors.append(_("%(name)s: %(error)s") % {"name": name, "error": message})
        rows.append(row)
    if errors:
        raise ValidationError({"staff_names": errors})
    return rows


def _staff_set(action: OversightAction, names: Sequence[str], by: User) -> None:
    """Make the action's staff exactly `names`; a name removed keeps its history row."""
    names = distinct_names(names)
    existing = {row.name: row for row in action.staff.all()}
    new = _staff_rows(action, [name for name in names if name not in existing])
    for name, row in existing.items():
        if name not in names:
            row._history_user = by
            row.delete()
    bulk_create_with_history(new, ActionStaff, default_user=by)


def _action_save(action: OversightAction, *, by: User, data: ActionInput) -> OversightAction:
    township = action.township
    tasks = list(data.tasks)
    _check_action(
        township=township,
        start_date=data.start_date,
        end_date=data.end_date,
        campaign=data.campaign,
        plan_item=data.plan_item,
        tasks=tasks,
        unit=data.unit,
        opinions=data.opinions,
        opinions_sent_on=data.opinions_sent_on,
    )
    activity = action.activity if action.activity_id else Activity(township=township)
    activity._history_user = by
    # The deputies' activity: counted in the deputies' performance record as an inspection.
    action.activity = activity_save(
        township=township,
        kind=Activity.Kind.OVERSIGHT,
        title=data.title,
        start_date=data.start_date,
        end_date=data.end_date,
        place=data.place,
        organiser=activity.organiser,
        group=activity.group,
        content=data.content,
        other_participants=data.other_participants,
        instance=activity,
    )
    for field, value in {
        "kind": data.kind,
        "campaign": data.campaign,
        "plan_item": data.plan_item,
        "unit": data.unit,
        "target": data.target.strip(),
        "findings": data.findings,
        "opinions": data.opinions,
        "opinions_sent_on": data.opinions_sent_on,
    }.items():
        setattr(action, field, value)
    action.full_clean()
    action._history_user = by
    action.save()
    action.tasks.set(tasks)
    _staff_set(action, list(data.staff_names), by)
    return action


@transaction.atomic
def action_create(*, township: Township, by: User, data: ActionInput) -> OversightAction:
    """Record an oversight action with the deputies' activity it owns and the staff who took
    part by name: every linked record of the township, the end not before the start, the
    opinions not sent before the action nor in the future, the date within its campaign and
    its tasks of its year (or the year before). All of it or nothing."""
    return _action_save(OversightAction(township=township), by=by, data=data)


@transaction.atomic
def action_update(*, action: OversightAction, by: User, data: ActionInput) -> OversightAction:
    """Correct an action, under the rules of action_create; the staff named become exactly
    `staff_names` (a name taken off keeps its history). The deputies' attendance is not
    touched: it is recorded on its own page."""
    action = (
        OversightAction.objects.select_for_update(of=("self",))
        .select_related("township", "activity")
        .get(pk=action.pk)
    )
    return _action_save(action, by=by, data=data)
