"""Writes on oversight actions, the government tasks they oversee, the progress reviews of
those tasks and the campaigns that group actions.

An action owns the deputies' activity holding its title, dates, place, content, the deputies'
attendance and the count of other participants (deputies.services writes those parts: the
attendance and the photos go through its services unchanged). Staff who took part are named
here, so person-times are computed (oversight.selectors.actions), never typed.
"""

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from congress.db import save_unique
from congress.models import Township, Unit, User
from congress.scoping import check_same_township
from deputies.models import Activity
from deputies.services import activity_save

from ..models import (
    ActionStaff,
    Campaign,
    GovernmentTask,
    OversightAction,
    PlanItem,
    ProgressReview,
)

# A year's tasks are reviewed in that year, the year-end review sometimes early in the next:
# an action or a review may concern the tasks of its own year or of the year before.
TASK_REVIEW_YEARS_AFTER = 1
FIRST_YEAR = 1980  # the oldest paper record staff may enter

# Names typed one per line or in a run separated by 、，, ; (full-width or not).
NAME_SEPARATORS = re.compile(r"[\r\n、，,；;]+")


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


def split_names(text: str) -> list[str]:
    """The names in a text typed one per line or separated by 、，, ; — each once, in the
    order typed, without surrounding spaces."""
    return _distinct(NAME_SEPARATORS.split(text or ""))


def _distinct(names: Iterable[str]) -> list[str]:
    return [name for name in dict.fromkeys(name.strip() for name in names) if name]


def _day(value: datetime.date) -> str:
    return date_format(value, "Y-m-d")


# ----------------------------------------------------------------------------- actions


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
    if campaign is not None and not _within(campaign, start_date):
        errors.setdefault("campaign", []).append(_outside_campaign(campaign, start_date))
    for task in tasks:
        if not task.year <= start_date.year <= task.year + TASK_REVIEW_YEARS_AFTER:
            errors.setdefault("tasks", []).append(
                _("“%(task)s” is a task of %(year)s: an action of %(day)s cannot oversee it.")
                % {"task": task.title, "year": task.year, "day": _day(start_date)}
            )
    if errors:
        raise ValidationError(errors)


def _within(campaign: Campaign, day: datetime.date) -> bool:
    return campaign.start_date <= day and (campaign.end_date is None or day <= campaign.end_date)


def _outside_campaign(campaign: Campaign, day: datetime.date) -> str:
    if campaign.end_date is None:
        return _("The action on %(day)s is before the campaign began (%(start)s).") % {
            "day": _day(day),
            "start": _day(campaign.start_date),
        }
    return _("The action on %(day)s lies outside the campaign (%(start)s to %(end)s).") % {
        "day": _day(day),
        "start": _day(campaign.start_date),
        "end": _day(campaign.end_date),
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
    names = _distinct(names)
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


# ----------------------------------------------------------------------------- government tasks


def _task_save(
    task: GovernmentTask,
    *,
    by: User,
    year: int,
    kind: str,
    title: str,
    number: int | None,
    description: str,
    unit: Unit | None,
    leader: str,
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
def task_create(
    *,
    township: Township,
    by: User,
    year: int,
    kind: str,
    title: str,
    number: int | None = None,
    description: str = "",
    unit: Unit | None = None,
    leader: str = "",
) -> GovernmentTask:
    """Put a commitment of the town government under oversight: its year, its list (work
    report target, practical project, key project) and number in it (each number once per
    list and year), the responsible unit of the township and leader."""
    return _task_save(
        GovernmentTask(township=township),
        by=by,
        year=year,
        kind=kind,
        title=title,
        number=number,
        description=description,
        unit=unit,
        leader=leader,
    )


@transaction.atomic
def task_update(
    *,
    task: GovernmentTask,
    by: User,
    year: int,
    kind: str,
    title: str,
    number: int | None = None,
    description: str = "",
    unit: Unit | None = None,
    leader: str = "",
) -> GovernmentTask:
    """Correct a government task, under the rules of task_create."""
    task = GovernmentTask.objects.select_for_update().get(pk=task.pk)
    return _task_save(
        task,
        by=by,
        year=year,
        kind=kind,
        title=title,
        number=number,
        description=description,
        unit=unit,
        leader=leader,
    )


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
            % {"day": _day(action.activity.start_date)}
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


# ----------------------------------------------------------------------------- campaigns


def _campaign_save(
    campaign: Campaign,
    *,
    by: User,
    title: str,
    start_date: datetime.date,
    end_date: datetime.date | None,
    description: str,
    plan_item: PlanItem | None,
) -> Campaign:
    check_same_township(campaign.township_id, plan_item=plan_item)
    if end_date is not None and end_date < start_date:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
    campaign.title = title.strip()
    campaign.start_date = start_date
    campaign.end_date = end_date
    campaign.description = description
    campaign.plan_item = plan_item
    if campaign.pk:
        outside = [
            action
            for action in campaign.actions.select_related("activity")
            if not _within(campaign, action.activity.start_date)
        ]
        if outside:
            raise ValidationError(
                _(
                    "%(n)s of the campaign's actions would fall outside these dates, the "
                    "first “%(title)s” on %(day)s."
                )
                % {
                    "n": len(outside),
                    "title": outside[0].activity.title,
                    "day": _day(outside[0].activity.start_date),
                }
            )
    campaign.full_clean()
    campaign._history_user = by
    campaign.save()
    return campaign


@transaction.atomic
def campaign_create(
    *,
    township: Township,
    by: User,
    title: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    description: str = "",
    plan_item: PlanItem | None = None,
) -> Campaign:
    """Start a themed campaign of the township (its work plan item, if any, of the same
    township), ending not before it starts."""
    return _campaign_save(
        Campaign(township=township),
        by=by,
        title=title,
        start_date=start_date,
        end_date=end_date,
        description=description,
        plan_item=plan_item,
    )


@transaction.atomic
def campaign_update(
    *,
    campaign: Campaign,
    by: User,
    title: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    description: str = "",
    plan_item: PlanItem | None = None,
) -> Campaign:
    """Correct a campaign, under the rules of campaign_create; its dates must still hold
    every action it groups."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    return _campaign_save(
        campaign,
        by=by,
        title=title,
        start_date=start_date,
        end_date=end_date,
        description=description,
        plan_item=plan_item,
    )
