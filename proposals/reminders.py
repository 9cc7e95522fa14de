"""Reminders of the statutory answer deadline, as one daily sweep (a registered scheduled job).

A proposal in the assigned state must be answered by its lead unit's deadline, kept on the
proposal as `due_date` (3 months from the assignment, on a working day; later if extended).
Its handling unit's users and the township's staff are told it is due soon
(REMIND_DAYS_BEFORE_DEADLINE days before, until the deadline) and that it is overdue (from the
day after). Each reminder is keyed by proposal, kind and deadline day, so a daily run sends it
once; a missed day is caught up on the next run; a new deadline gets its own reminders.
"""

import datetime
from collections import defaultdict

from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.models import User
from congress.notifications.selectors import notification_keys_stored
from congress.notifications.services import notify, record_key
from congress.registry import ScheduledJob, scheduled_jobs
from congress.roles import Role

from .models import Proposal
from .rules import ANSWER_DEADLINE_MONTHS, REMIND_DAYS_BEFORE_DEADLINE
from .workflow import Status

DUE_SOON = "proposals.answer_due_soon"
OVERDUE = "proposals.answer_overdue"


def answer_deadline_reminders(*, today: datetime.date) -> int:
    """Send today's due-soon and overdue reminders of every township; returns how many
    notifications were stored. A fixed number of queries for the sweep, then one notify
    per reminder actually due."""
    reminders = [
        (proposal, kind, deadline)
        for proposal, deadline in _assigned_with_deadline(today=today)
        if (kind := _reminder_kind(today=today, deadline=deadline)) is not None
    ]
    sent = _already_sent(reminders)
    reminders = [r for r in reminders if (record_key(r[0]), r[1], r[2]) not in sent]
    if not reminders:
        return 0
    people = _recipients([proposal for proposal, _kind, _deadline in reminders])
    count = 0
    for proposal, kind, deadline in reminders:
        recipients = (
            people["unit", proposal.handling_unit_id] + people["staff", proposal.township_id]
        )
        count += len(
            notify(
                recipients=recipients,
                kind=kind,
                subject=_subject(kind, proposal, deadline),
                body=_body(proposal, deadline),
                url=reverse("proposals:detail", args=[proposal.pk]),
                record=proposal,
                day=deadline,
            )
        )
    return count


def _reminder_kind(*, today: datetime.date, deadline: datetime.date) -> str | None:
    if today > deadline:
        return OVERDUE
    if today >= deadline - datetime.timedelta(days=REMIND_DAYS_BEFORE_DEADLINE):
        return DUE_SOON
    return None


def _assigned_with_deadline(*, today: datetime.date):
    """Assigned proposals whose deadline (the lead unit's, kept on the proposal) is near or
    past, with it: one query."""
    horizon = today + datetime.timedelta(days=REMIND_DAYS_BEFORE_DEADLINE)
    proposals = (
        Proposal.objects.filter(
            status=Status.ASSIGNED, handling_unit__isnull=False, due_date__lte=horizon
        )
        .select_related("handling_unit")
        .order_by("pk")
    )
    for proposal in proposals:
        yield proposal, proposal.due_date


def _already_sent(reminders) -> set[tuple[str, str, datetime.date]]:
    """The reminders stored on an earlier day: the proposals that stay overdue for months
    cost nothing on the days after theirs."""
    return notification_keys_stored(
        kinds=[DUE_SOON, OVERDUE],
        record_keys={record_key(proposal) for proposal, _kind, _deadline in reminders},
    )


def _recipients(proposals) -> defaultdict:
    """The active users of the handling units and the staff of the townships: one query."""
    units = {proposal.handling_unit_id for proposal in proposals}
    townships = {proposal.township_id for proposal in proposals}
    users = User.objects.filter(is_active=True).filter(
        Q(role=Role.UNIT, unit_id__in=units) | Q(role=Role.STAFF, township_id__in=townships)
    )
    people = defaultdict(list)
    for user in users:
        if user.role == Role.UNIT:
            people["unit", user.unit_id].append(user)
        else:
            people["staff", user.township_id].append(user)
    return people


def _subject(kind: str, proposal: Proposal, deadline: datetime.date) -> str:
    values = {"title": proposal.title, "deadline": date_format(deadline)}
    if kind == OVERDUE:
        return _("Overdue: “%(title)s” was to be answered by %(deadline)s") % values
    return _("Due soon: “%(title)s” is to be answered by %(deadline)s") % values


def _body(proposal: Proposal, deadline: datetime.date) -> str:
    return _(
        "Assigned to %(unit)s. The Deputies Law (Art. 51) requires an answer within "
        "%(months)d months of assignment: by %(deadline)s."
    ) % {
        "months": ANSWER_DEADLINE_MONTHS,
        "unit": proposal.handling_unit.name,
        "deadline": date_format(deadline),
    }


def register() -> None:
    scheduled_jobs.register(
        ScheduledJob(
            key="proposals.answer_deadline",
            label=gettext_lazy("Proposal answer deadline reminders"),
            run=answer_deadline_reminders,
        )
    )
