"""Rectification deadline reminders, as one daily sweep (the registered scheduled job
`oversight.rectification_deadline`, run at the core's SCHEDULED_JOBS_HOUR).

A problem waiting for its unit (待整改 or 整改中) must be reported fixed by its deadline. Its
unit's users and the township's staff are told it is due soon (from
REMIND_DAYS_BEFORE_RECTIFICATION_DEADLINE days before, the deadline day included) and overdue
(from the day after). A problem reported fixed waits for verification, not for its unit: it
gets nothing.

Each reminder is keyed by its problem, kind and deadline, so it goes out once however often the
job runs; a missed day is caught up on the next run; a deadline changed while the problem is
still 待整改 gets its own reminders.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.models import User
from congress.notifications.reminders import reminders_notify, reminders_unsent
from congress.registry import ScheduledJob, scheduled_jobs
from congress.roles import Role

from .models import Problem
from .rules import REMIND_DAYS_BEFORE_RECTIFICATION_DEADLINE
from .selectors.problems import LATE_STATES

DUE_SOON = "oversight.rectification_due_soon"
OVERDUE = "oversight.rectification_overdue"
KINDS = [DUE_SOON, OVERDUE]


@dataclass
class Reminder:
    """One reminder due: its problem and kind, keyed with the deadline it is about."""

    kind: str
    problem: Problem
    recipients: list = field(default_factory=list)

    @property
    def record(self) -> Problem:
        return self.problem

    @property
    def day(self) -> datetime.date:
        return self.problem.deadline

    def subject(self) -> str:
        values = {"problem": str(self.problem), "deadline": date_format(self.day)}
        if self.kind == DUE_SOON:
            return _("Rectification due by %(deadline)s: “%(problem)s”") % values
        return _("Rectification overdue since %(deadline)s: “%(problem)s”") % values

    def body(self) -> str:
        problem = self.problem
        return _(
            "Found by %(action)s; %(unit)s is to rectify it and report it with evidence by "
            "%(deadline)s."
        ) % {
            "action": problem.action.activity.title,
            "unit": problem.unit.name,
            "deadline": date_format(self.day),
        }

    def url(self) -> str:
        return reverse("oversight:problem_detail", args=[self.problem.pk])


def reminders_due(*, today: datetime.date) -> list[Reminder]:
    """Every township's rectification reminders due on `today` and not yet sent, with their
    recipients (the unit's and the township's staff's active users). Three queries, whatever
    the number of problems."""
    horizon = today + datetime.timedelta(days=REMIND_DAYS_BEFORE_RECTIFICATION_DEADLINE)
    problems = (
        Problem.objects.filter(status__in=LATE_STATES, deadline__lte=horizon)
        .select_related("unit", "action__activity")
        .order_by("deadline", "pk")
    )
    candidates = [
        Reminder(DUE_SOON if today <= problem.deadline else OVERDUE, problem)
        for problem in problems
    ]
    due = reminders_unsent(candidates, kinds=KINDS)
    if not due:
        return []
    units = {r.problem.unit_id for r in due}
    townships = {r.problem.township_id for r in due}
    people = defaultdict(list)
    for user in User.objects.filter(is_active=True).filter(
        Q(role=Role.UNIT, unit_id__in=units) | Q(role=Role.STAFF, township_id__in=townships)
    ):
        key = ("unit", user.unit_id) if user.role == Role.UNIT else ("staff", user.township_id)
        people[key].append(user)
    for reminder in due:
        problem = reminder.problem
        reminder.recipients = [
            *people["unit", problem.unit_id],
            *people["staff", problem.township_id],
        ]
    return due


def reminders_send(*, reminders: list[Reminder]) -> int:
    """Store each reminder for its recipients, at most once per recipient, kind, problem and
    deadline even when two runs race; returns how many notifications were stored."""
    return reminders_notify(reminders)


def rectification_deadline_reminders(*, today: datetime.date) -> int:
    """Send today's rectification reminders of every township (the scheduled job)."""
    return reminders_send(reminders=reminders_due(today=today))


def register() -> None:
    scheduled_jobs.register(
        ScheduledJob(
            key="oversight.rectification_deadline",
            label=gettext_lazy("Rectification deadline reminders"),
            run=rectification_deadline_reminders,
            order=110,
        )
    )
