"""Proposal reminders, as one daily sweep (the registered scheduled job
`proposals.answer_deadline`, run at the core's SCHEDULED_JOBS_HOUR).

- Answer deadlines. A proposal in the assigned state must be answered by its lead unit's
  deadline, kept on the proposal as `due_date` (3 months from the assignment, on a working
  day; later if extended). Its handling unit's users and the township's staff are told it is
  due soon (REMIND_DAYS_BEFORE_DEADLINE days before), due today (the deadline day) and overdue
  (from the day after); a key proposal still unanswered ESCALATE_DAYS_AFTER_DEADLINE days
  after its deadline is also escalated to the presidium member leading it.
- Co-signatures about to lapse: a co-signer of a draft who has not confirmed is told
  REMIND_DAYS_BEFORE_COSIGN_LAPSES days before their `confirm_by`.
- Ratings outstanding: the signers who have not rated an answer RATING_DAYS after it are told.

Each reminder is keyed by its record, kind and day (the deadline, the day a signature lapses,
the last day to rate), so it goes out once however often the job runs; a missed day is caught
up on the next run; a new deadline or a new answer gets its own reminders.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.models import User
from congress.notifications.reminders import reminders_notify, reminders_unsent
from congress.registry import ScheduledJob, scheduled_jobs
from congress.roles import Role

from .models import Answer, Proposal, ProposalSigner
from .rules import (
    ANSWER_DEADLINE_MONTHS,
    ESCALATE_DAYS_AFTER_DEADLINE,
    REMIND_DAYS_BEFORE_COSIGN_LAPSES,
    REMIND_DAYS_BEFORE_DEADLINE,
)
from .selectors.queues import rating_due_day, signers_with_rating_outstanding
from .workflow import Status

DUE_SOON = "proposals.answer_due_soon"
DUE_TODAY = "proposals.answer_due_today"
OVERDUE = "proposals.answer_overdue"
ESCALATED = "proposals.key_overdue_escalated"
COSIGN_LAPSING = "proposals.cosign_lapsing"
RATING_OUTSTANDING = "proposals.rating_outstanding"

KIND_LABELS = {
    DUE_SOON: gettext_lazy("Answer due soon"),
    DUE_TODAY: gettext_lazy("Answer due today"),
    OVERDUE: gettext_lazy("Answer overdue"),
    ESCALATED: gettext_lazy("Key proposal overdue, to the member leading it"),
    COSIGN_LAPSING: gettext_lazy("Co-signature about to lapse"),
    RATING_OUTSTANDING: gettext_lazy("Rating outstanding"),
}


@dataclass
class Reminder:
    """One reminder due: what it is about (`record`, keyed with `kind` and `day`), its
    proposal, and who hears it: ("unit", unit id), ("staff", township id), ("user", user id)."""

    kind: str
    record: models.Model
    day: datetime.date
    proposal: Proposal
    to: tuple
    recipients: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])

    def url(self) -> str:
        return reverse("proposals:detail", args=[self.proposal.pk])

    def subject(self) -> str:
        values = {"title": self.proposal.title, "day": date_format(self.day)}
        if self.kind == DUE_SOON:
            return _("Due soon: “%(title)s” is to be answered by %(deadline)s") % {
                "title": self.proposal.title,
                "deadline": values["day"],
            }
        if self.kind == DUE_TODAY:
            return _("Due today: “%(title)s” is to be answered today, %(day)s") % values
        if self.kind == OVERDUE:
            return _("Overdue: “%(title)s” was to be answered by %(deadline)s") % {
                "title": self.proposal.title,
                "deadline": values["day"],
            }
        if self.kind == ESCALATED:
            return _("Key proposal overdue: “%(title)s” was to be answered by %(day)s") % values
        if self.kind == COSIGN_LAPSING:
            return _("Confirm your co-signature by %(day)s: “%(title)s”") % values
        return _("Please rate the handling of “%(title)s”") % values

    def body(self) -> str:
        proposal = self.proposal
        if self.kind in {DUE_SOON, DUE_TODAY, OVERDUE}:
            return _(
                "Assigned to %(unit)s. The Deputies Law (Art. 51) requires an answer within "
                "%(months)d months of assignment: by %(deadline)s."
            ) % {
                "months": ANSWER_DEADLINE_MONTHS,
                "unit": proposal.handling_unit.name,
                "deadline": date_format(self.day),
            }
        if self.kind == ESCALATED:
            return _(
                "You lead this key proposal. %(unit)s was to answer it by %(day)s and has not "
                "answered yet."
            ) % {"unit": proposal.handling_unit.name, "day": date_format(self.day)}
        if self.kind == COSIGN_LAPSING:
            return _(
                "%(lead)s asked you to co-sign this proposal. Unless you confirm by %(day)s, "
                "your signature lapses."
            ) % {
                "lead": proposal.deputy.name if proposal.deputy else "",
                "day": date_format(self.day),
            }
        return _(
            "%(unit)s answered on %(answered)s. Rate the handling attitude and the result; "
            "the rating was due by %(day)s."
        ) % {
            "unit": self.record.unit.name,
            "answered": date_format(timezone.localdate(self.record.answered_at)),
            "day": date_format(self.day),
        }


# ------------------------------------------------------------------------ what is due


def reminders_due(*, today: datetime.date) -> list[Reminder]:
    """Every township's reminders due on `today` and not yet sent, with their recipients
    (active users only). A fixed number of queries, whatever the number of items."""
    candidates = [
        *_deadline_reminders(today=today),
        *_cosign_reminders(today=today),
        *_rating_reminders(today=today),
    ]
    due = reminders_unsent(candidates, kinds=KIND_LABELS)
    people = _people({key for reminder in due for key in reminder.to})
    for reminder in due:
        found = {user.pk: user for key in reminder.to for user in people[key]}
        reminder.recipients = list(found.values())
    return due


def _deadline_reminders(*, today: datetime.date):
    """Assigned proposals whose deadline (the lead unit's, kept on the proposal) is near or
    past: due soon, due today or overdue, and escalated when key. One query."""
    horizon = today + datetime.timedelta(days=REMIND_DAYS_BEFORE_DEADLINE)
    proposals = (
        Proposal.objects.filter(
            status=Status.ASSIGNED, handling_unit__isnull=False, due_date__lte=horizon
        )
        .select_related("handling_unit")
        .order_by("pk")
    )
    for proposal in proposals:
        deadline = proposal.due_date
        units_and_staff = (("unit", proposal.handling_unit_id), ("staff", proposal.township_id))
        if today < deadline:
            kind = DUE_SOON
        elif today == deadline:
            kind = DUE_TODAY
        else:
            kind = OVERDUE
        yield Reminder(kind, proposal, deadline, proposal, units_and_staff)
        late = (today - deadline).days
        if proposal.is_key and proposal.lead_member_id and late >= ESCALATE_DAYS_AFTER_DEADLINE:
            yield Reminder(
                ESCALATED, proposal, deadline, proposal, (("user", proposal.lead_member_id),)
            )


def _cosign_reminders(*, today: datetime.date):
    """Co-signers of drafts who have neither confirmed nor declined, their signature lapsing
    within REMIND_DAYS_BEFORE_COSIGN_LAPSES days. One query."""
    horizon = today + datetime.timedelta(days=REMIND_DAYS_BEFORE_COSIGN_LAPSES)
    signers = (
        ProposalSigner.objects.filter(
            is_lead=False,
            confirmed_at__isnull=True,
            declined_at__isnull=True,
            confirm_by__gte=today,
            confirm_by__lte=horizon,
            proposal__status=Status.DRAFT,
            deputy__user__isnull=False,
        )
        .select_related("proposal__deputy", "deputy")
        .order_by("pk")
    )
    for signer in signers:
        yield Reminder(
            COSIGN_LAPSING,
            signer,
            signer.confirm_by,
            signer.proposal,
            (("user", signer.deputy.user_id),),
        )


def _rating_reminders(*, today: datetime.date):
    """The signers who have not rated an answer RATING_DAYS after it, one reminder per
    answer. One query, and one more for the answers when there are any."""
    by_answer = defaultdict(list)
    for signer in signers_with_rating_outstanding(today=today):
        by_answer[signer.current_answer_id].append(signer)
    if not by_answer:
        return
    answers = Answer.objects.select_related("unit").in_bulk(list(by_answer))
    for answer_id, signers in by_answer.items():
        answer = answers[answer_id]
        yield Reminder(
            RATING_OUTSTANDING,
            answer,
            rating_due_day(answer.answered_at),
            signers[0].proposal,
            tuple(("user", s.deputy.user_id) for s in signers if s.deputy.user_id),
        )


def _people(keys) -> defaultdict:
    """The active users behind the recipient keys: one query."""
    people = defaultdict(list)
    if not keys:
        return people
    units = {value for kind, value in keys if kind == "unit"}
    townships = {value for kind, value in keys if kind == "staff"}
    user_ids = {value for kind, value in keys if kind == "user"}
    users = User.objects.filter(is_active=True).filter(
        Q(role=Role.UNIT, unit_id__in=units)
        | Q(role=Role.STAFF, township_id__in=townships)
        | Q(pk__in=user_ids)
    )
    for user in users:
        if user.role == Role.UNIT and user.unit_id in units:
            people["unit", user.unit_id].append(user)
        if user.role == Role.STAFF and user.township_id in townships:
            people["staff", user.township_id].append(user)
        if user.pk in user_ids:
            people["user", user.pk].append(user)
    return people


# ------------------------------------------------------------------------ sending


def reminders_send(*, reminders: list[Reminder]) -> int:
    """Store each reminder for its recipients (at most once per recipient, kind, record and
    day, even when two runs race); returns how many notifications were stored."""
    return reminders_notify(reminders)


def answer_deadline_reminders(*, today: datetime.date) -> int:
    """Send today's reminders of every township (the scheduled job); returns how many
    notifications were stored."""
    return reminders_send(reminders=reminders_due(today=today))


def register() -> None:
    scheduled_jobs.register(
        ScheduledJob(
            key="proposals.answer_deadline",
            label=gettext_lazy("Proposal answer deadline reminders"),
            run=answer_deadline_reminders,
        )
    )
