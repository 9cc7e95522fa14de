"""Writes on letters and visits (信访): the township's deadlines, receiving one, its course on
PETITION_WORKFLOW (accept or decline, conclude, reopen) and the replies.

Deadlines are calendar days, as 信访工作条例 counts them (the defaults and their articles are
in petitions.models): whether to accept is decided within `accept_days` of receipt,
an accepted one is concluded within `conclude_days` of its acceptance. Staff enter last
season's paper records with their real dates, never a future one.
"""

import datetime
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.models import Township, Unit, User
from congress.notifications.reminders import reminders_notify, reminders_unsent
from congress.registry import ScheduledJob, scheduled_jobs
from congress.roles import Role
from congress.scoping import check_same_township

from .models import Petition, PetitionPolicy, PetitionReply
from .workflow import PETITION_WORKFLOW, PetitionStatus

# The person's identity: read and changed only by staff holding VIEW_PETITIONER.
IDENTITY_FIELDS = ("name", "contact", "address")
VIEW_PETITIONER = "petitions.view_petitioner"
# The most days a township may set for either deadline: a year.
MAX_POLICY_DAYS = 365


def _check_staff(by: User, township_id: int, permission: str) -> None:
    if not (by.is_active and by.has_perm(permission) and by.township_id == township_id):
        raise PermissionDenied


def _moment(day: datetime.date) -> datetime.datetime:
    """When a step entered for `day` happened: now for today, noon of that day for a paper
    record of an earlier day."""
    if day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _check_day(day: datetime.date | None, field: str, *, not_before=None, label="") -> None:
    if day is None:
        raise ValidationError({field: _("Give the date.")})
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})
    if not_before is not None and day < not_before:
        raise ValidationError(
            {
                field: _("The date cannot be before %(what)s (%(date)s).")
                % {"what": label, "date": not_before.isoformat()}
            }
        )


# ------------------------------------------------------------------------ the deadlines


def petition_policy_get(*, township: Township) -> PetitionPolicy:
    """The township's deadlines, made with the defaults (15 and 60 days) on first use."""
    policy, _created = PetitionPolicy.objects.get_or_create(township=township)
    return policy


@transaction.atomic
def petition_policy_update(
    *, township: Township, by: User, accept_days: int, conclude_days: int
) -> PetitionPolicy:
    """Set the township's deadlines in calendar days; records already received keep theirs."""
    _check_staff(by, township.pk, "petitions.change_petitionpolicy")
    errors = {}
    for field, value in (("accept_days", accept_days), ("conclude_days", conclude_days)):
        if not 1 <= value <= MAX_POLICY_DAYS:
            errors[field] = [
                _("Give a number of days from 1 to %(max)s.") % {"max": MAX_POLICY_DAYS}
            ]
    if errors:
        raise ValidationError(errors)
    policy = petition_policy_get(township=township)
    policy.accept_days, policy.conclude_days = accept_days, conclude_days
    policy.full_clean()
    policy.save(update_fields=["accept_days", "conclude_days"])
    return policy


def accept_deadline(*, received_on: datetime.date, policy: PetitionPolicy) -> datetime.date:
    """The last day to decide whether to accept: `accept_days` calendar days after receipt."""
    return received_on + datetime.timedelta(days=policy.accept_days)


def conclude_deadline(*, accepted_on: datetime.date, policy: PetitionPolicy) -> datetime.date:
    """The last day to conclude: `conclude_days` calendar days after the acceptance."""
    return accepted_on + datetime.timedelta(days=policy.conclude_days)


# ------------------------------------------------------------------------ receiving, editing


def _fill(petition: Petition, fields: dict) -> None:
    for name, value in fields.items():
        setattr(petition, name, value.strip() if isinstance(value, str) else value)


@transaction.atomic
def petition_receive(
    *,
    township: Township,
    by: User,
    received_on: datetime.date,
    channel: str,
    name: str,
    contact: str,
    address: str,
    people: int,
    category: str,
    subject: str,
    content: str,
    unit: Unit | None = None,
) -> Petition:
    """Register a letter, visit, call or online message received on `received_on` (today or
    earlier), with its deadline to accept."""
    _check_staff(by, township.pk, "petitions.add_petition")
    if not by.has_perm(VIEW_PETITIONER):
        # Who wrote is recorded by the staff who may read it; others could not check it.
        raise ValidationError(
            _("Only staff allowed to see who wrote or visited can register a letter or visit.")
        )
    _check_day(received_on, "received_on")
    check_same_township(township, unit=unit)
    policy = petition_policy_get(township=township)
    petition = Petition(
        township=township, accept_by=accept_deadline(received_on=received_on, policy=policy)
    )
    _fill(
        petition,
        {
            "received_on": received_on,
            "channel": channel,
            "name": name,
            "contact": contact,
            "address": address,
            "people": people,
            "category": category,
            "subject": subject,
            "content": content,
            "unit": unit,
        },
    )
    if petition.people is not None and petition.people < 1:
        raise ValidationError({"people": _("At least one person.")})
    petition.full_clean()
    petition.save()
    PETITION_WORKFLOW.start(record=petition, by=by, at=_moment(received_on))
    return petition


def _check_not_after_handling(petition: Petition, received_on: datetime.date) -> None:
    """A corrected receipt day may not fall after a step or a reply already recorded."""
    steps = petition.status_changes.exclude(from_status="").values_list("changed_at", flat=True)
    days = [timezone.localdate(moment) for moment in steps]
    days += list(petition.replies.values_list("date", flat=True))
    if days and received_on > min(days):
        raise ValidationError(
            {
                "received_on": _(
                    "It cannot have been received after its handling began (%(date)s)."
                )
                % {"date": min(days).isoformat()}
            }
        )


EDITABLE = ("received_on", "channel", "people", "category", "subject", "content", "unit")


@transaction.atomic
def petition_update(*, petition: Petition, by: User, **fields) -> Petition:
    """Correct a letter or visit. The person's identity (name, contact, address) is changed
    only by staff who may see it; a field not given stays as it is. A corrected receipt day
    moves the deadline to accept by as many days."""
    allowed = set(EDITABLE) | set(IDENTITY_FIELDS)
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    _check_staff(by, petition.township_id, "petitions.change_petition")
    if set(fields) & set(IDENTITY_FIELDS) and not by.has_perm(VIEW_PETITIONER):
        raise PermissionDenied
    if "received_on" in fields:
        _check_day(fields["received_on"], "received_on")
        _check_not_after_handling(petition, fields["received_on"])
    if "unit" in fields:
        check_same_township(petition.township_id, unit=fields["unit"])
    if fields.get("people") is not None and fields["people"] < 1:
        raise ValidationError({"people": _("At least one person.")})
    # Work on the row as stored (a form may have changed the instance it was given).
    stored = Petition.objects.select_for_update().get(pk=petition.pk)
    old_received = stored.received_on
    _fill(stored, fields)
    if stored.received_on != old_received:
        stored.accept_by += stored.received_on - old_received
    stored.full_clean()
    stored.save(update_fields=[*fields, "accept_by"])
    return stored


# ------------------------------------------------------------------------ the course


@transaction.atomic
def petition_move(
    *,
    petition: Petition,
    by: User,
    move: str,
    on: datetime.date | None = None,
    note: str = "",
    result: str = "",
) -> Petition:
    """One step on PETITION_WORKFLOW, dated `on` (today when not given; never in the future,
    never before the receipt): accepting (or reopening) sets the deadline to conclude,
    `conclude_days` from that day; declining needs its reason, concluding its result."""
    on = on or timezone.localdate()
    _check_day(on, "on", not_before=petition.received_on, label=_("the day it was received"))
    changes = {}
    if move == "conclude":
        # The result is the conclusion's note, unless staff wrote one of their own.
        note = note.strip() or result.strip()
    if move in {"accept", "reopen"}:
        policy = petition_policy_get(township=petition.township)
        changes["conclude_by"] = conclude_deadline(accepted_on=on, policy=policy)
    if move == "conclude":
        if not result.strip():
            raise ValidationError({"result": _("Give the result.")})
        changes["result"] = result.strip()
    return PETITION_WORKFLOW.perform(
        record=petition, move=move, by=by, note=note, at=_moment(on), changes=changes
    )


@transaction.atomic
def petition_reply(
    *, petition: Petition, by: User, direction: str, date: datetime.date, text: str
) -> PetitionReply:
    """Record the handling unit's answer, or the reply sent to the person, on its day."""
    _check_staff(by, petition.township_id, "petitions.change_petition")
    _check_day(date, "date", not_before=petition.received_on, label=_("the day it was received"))
    reply = PetitionReply(
        petition=petition, direction=direction, date=date, text=text.strip(), recorded_by=by
    )
    reply.full_clean()
    reply.save()
    return reply


# ------------------------------------------------------------------------ deadline reminders

# Staff are told this many days before a deadline to accept or to conclude (or on the first
# run after, when it is nearer or past), once per letter or visit, kind and deadline.
REMIND_DAYS_BEFORE_PETITION_DEADLINE = 3
ACCEPT_DUE = "oversight.petition_accept_due"
CONCLUDE_DUE = "oversight.petition_conclude_due"


@dataclass
class PetitionReminder:
    """One reminder due: a letter or visit, what is due (to accept or to conclude), the staff of
    its township to tell; keyed with the deadline it is about."""

    kind: str
    record: Petition
    today: datetime.date
    recipients: list[User] = dataclass_field(default_factory=list)

    @property
    def day(self) -> datetime.date:
        return self.record.accept_by if self.kind == ACCEPT_DUE else self.record.conclude_by

    def subject(self) -> str:
        """What is due and when, never who wrote or visited."""
        values = {"subject": self.record.subject, "day": date_format(self.day)}
        if self.kind == ACCEPT_DUE:
            if self.today <= self.day:
                return _("Letter or visit to accept by %(day)s: “%(subject)s”") % values
            return _("Letter or visit not accepted by %(day)s: “%(subject)s”") % values
        if self.today <= self.day:
            return _("Letter or visit to conclude by %(day)s: “%(subject)s”") % values
        return _("Letter or visit not concluded by %(day)s: “%(subject)s”") % values

    def body(self) -> str:
        return _("%(channel)s received on %(received)s, %(category)s.") % {
            "channel": self.record.get_channel_display(),
            "received": date_format(self.record.received_on),
            "category": self.record.get_category_display(),
        }

    def url(self) -> str:
        return reverse("petitions:detail", args=[self.record.pk])


def petition_deadline_reminders(*, today: datetime.date) -> int:
    """Tell each township's staff of the letters and visits whose deadline to accept or to
    conclude is within REMIND_DAYS_BEFORE_PETITION_DEADLINE days or past (the scheduled job
    `oversight.petition_deadlines`); once per record, kind and deadline however often it runs.
    Returns how many notifications were stored. A fixed number of queries, plus the writes."""
    horizon = today + datetime.timedelta(days=REMIND_DAYS_BEFORE_PETITION_DEADLINE)
    petitions = Petition.objects.filter(
        Q(status=PetitionStatus.RECEIVED, accept_by__lte=horizon)
        | Q(status=PetitionStatus.ACCEPTED, conclude_by__lte=horizon)
    ).order_by("pk")
    candidates = [
        PetitionReminder(
            ACCEPT_DUE if p.status == PetitionStatus.RECEIVED else CONCLUDE_DUE, p, today
        )
        for p in petitions
    ]
    due = reminders_unsent(candidates, kinds=[ACCEPT_DUE, CONCLUDE_DUE])
    if not due:
        return 0
    staff: dict[int, list[User]] = {}
    for user in User.objects.filter(
        is_active=True, role=Role.STAFF, township_id__in={r.record.township_id for r in due}
    ):
        staff.setdefault(user.township_id, []).append(user)
    for reminder in due:
        reminder.recipients = staff.get(reminder.record.township_id, [])
    return reminders_notify(due)


def register_reminders() -> None:
    scheduled_jobs.register(
        ScheduledJob(
            key="oversight.petition_deadlines",
            label=gettext_lazy("Letters and visits deadline reminders"),
            run=petition_deadline_reminders,
        )
    )
