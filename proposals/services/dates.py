"""The real dates of a proposal's events: what each step may be dated, and staff's corrections.

A township entering its year from paper dates each step by the day it happened, not the day
it was typed: a day is never after today, and never before the event it follows (registration
after submission, assignment after registration, answer after assignment). A correction
changes the event's own records (the proposal, its status-change row, its assignments or its
answer) and adds a ProposalDateCorrection row keeping the old date, the new one, who and why;
the changed records' simple-history rows carry the same reason.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from congress.models import User
from congress.validators import validate_plain_text

from .. import permissions
from ..models import (
    Assignment,
    Proposal,
    ProposalCounter,
    ProposalDateCorrection,
    ProposalStatusChange,
)
from ..selectors.proposals import current_answer
from ..workflow import Status

Event = DateEvent = ProposalDateCorrection.Event

# Steps that are dated but not corrected here, named in the date checks' messages.
STEP_LABELS = {
    "refused": pgettext_lazy("dated event", "refusal to register"),
    "returned": pgettext_lazy("dated event", "return of the answer"),
    "rated": pgettext_lazy("dated event", "rating"),
    "closed": pgettext_lazy("dated event", "closing"),
}

# The event each one follows, and the one that follows it, in a proposal's handling.
ORDER = [Event.SUBMITTED, Event.REGISTERED, Event.ASSIGNED, Event.ANSWERED]


def day_moment(day: datetime.date | None) -> datetime.datetime | None:
    """A day entered for a step, as a moment: now for today, noon (local time) for a past day,
    so that steps entered on one day keep their order."""
    if day is None:
        return None
    if day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _label(event: str) -> str:
    return str(STEP_LABELS[event]) if event in STEP_LABELS else str(Event(event).label)


def check_event_date(
    *,
    at: datetime.datetime,
    event: str,
    field: str,
    after: tuple[str, datetime.datetime | None] | None = None,
    before: tuple[str, datetime.datetime | None] | None = None,
) -> datetime.datetime:
    """Refuse a date after today, before the event it follows (`after`: its name and moment)
    or after the event that follows it (`before`). Returns the moment to store: on the same
    day as its neighbour, moved so that the order of the two stays right."""
    day = timezone.localdate(at)
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be later than today.")})
    if after is not None and after[1] is not None:
        previous, previous_at = after
        if day < timezone.localdate(previous_at):
            raise ValidationError(
                {
                    field: _(
                        "The %(event)s date (%(day)s) cannot be earlier than the %(previous)s "
                        "date (%(previous_day)s)."
                    )
                    % {
                        "event": _label(event),
                        "day": day.isoformat(),
                        "previous": _label(previous),
                        "previous_day": timezone.localdate(previous_at).isoformat(),
                    }
                }
            )
        at = max(at, previous_at)
    if before is not None and before[1] is not None:
        following, following_at = before
        if day > timezone.localdate(following_at):
            raise ValidationError(
                {
                    field: _(
                        "The %(event)s date (%(day)s) cannot be later than the %(following)s "
                        "date (%(following_day)s)."
                    )
                    % {
                        "event": _label(event),
                        "day": day.isoformat(),
                        "following": _label(following),
                        "following_day": timezone.localdate(following_at).isoformat(),
                    }
                }
            )
        at = min(at, following_at)
    return at


# ------------------------------------------------------------------------ the events' records


def _status_row(proposal: Proposal, event: str) -> ProposalStatusChange | None:
    """The status-change row that records the event (its latest, after a reassignment)."""
    rows = proposal.status_changes.order_by("-changed_at", "-pk")
    if event == Event.SUBMITTED:
        return rows.filter(to_status=Status.SUBMITTED).first()
    if event == Event.REGISTERED:
        return rows.filter(to_status=Status.REGISTERED).first()
    if event == Event.ASSIGNED:  # assign or reassign, not an answer sent back
        return rows.filter(
            to_status=Status.ASSIGNED, from_status__in=[Status.REGISTERED, Status.ASSIGNED]
        ).first()
    return rows.filter(to_status=Status.ANSWERED).first()


def _lead_assignment(proposal: Proposal) -> Assignment | None:
    return proposal.assignments.filter(role=Assignment.Role.LEAD).first()


def event_moment(proposal: Proposal, event: str) -> datetime.datetime | None:
    """When the event happened, as recorded; None when it has not."""
    if event == Event.SUBMITTED:
        return proposal.submitted_at
    if event == Event.REGISTERED:
        row = _status_row(proposal, event)
        return row.changed_at if row else None
    if event == Event.ASSIGNED:
        lead = _lead_assignment(proposal)
        if lead is None:
            return None
        row = _status_row(proposal, event)
        if row is not None and timezone.localdate(row.changed_at) == lead.assigned_on:
            return row.changed_at
        return day_moment(lead.assigned_on)
    answer = current_answer(proposal)
    return answer.answered_at if answer else None


def neighbours(proposal: Proposal, event: str) -> dict:
    """The recorded events just before and just after this one, as check_event_date takes
    them (an event not recorded is skipped over)."""
    index = ORDER.index(event)
    after = next(
        ((e, m) for e in reversed(ORDER[:index]) if (m := event_moment(proposal, e))), None
    )
    before = next(((e, m) for e in ORDER[index + 1 :] if (m := event_moment(proposal, e))), None)
    return {"after": after, "before": before}


@dataclass(frozen=True)
class DatedEvent:
    event: str
    label: str
    at: datetime.datetime


def proposal_dated_events(*, proposal: Proposal) -> list[DatedEvent]:
    """The events of a proposal that have a date staff may correct, in their order."""
    return [
        DatedEvent(event=e, label=_label(e), at=m)
        for e in ORDER
        if (m := event_moment(proposal, e)) is not None
    ]


# ------------------------------------------------------------------------ correcting a date


def _save_with_reason(record, fields: list[str], *, by: User, reason: str) -> None:
    record._change_reason = reason
    record._history_user = by
    record.save(update_fields=fields)


def _renumber(proposal: Proposal, year: int) -> None:
    """A registered proposal whose submission moves to another year takes the next number of
    that year; its old number goes back to its year when it was the last one given."""
    from .registration import _next_number

    old = ProposalCounter.objects.select_for_update().filter(
        township_id=proposal.township_id, year=proposal.number_year, kind=proposal.kind
    )
    old.filter(last=proposal.number).update(last=proposal.number - 1)
    proposal.number = _next_number(township_id=proposal.township_id, year=year, kind=proposal.kind)
    proposal.number_year = year


@transaction.atomic
def proposal_date_correct(
    *, proposal: Proposal, event: str, day: datetime.date, by: User, reason: str
) -> ProposalDateCorrection:
    """Staff of the township correct the date of a submission, registration, assignment or
    answer, with the reason: not after today, not before the event it follows nor after the
    one that follows it. The old date stays in the correction row and in the history."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not permissions.handles(user=by, proposal=proposal):
        raise ValidationError(_("Only the township's staff correct a proposal's dates."))
    if event not in Event.values:
        raise ValidationError({"event": _("Choose the event whose date is corrected.")})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the date is corrected.")})
    try:
        validate_plain_text(reason)
    except ValidationError as error:
        raise ValidationError({"reason": error.messages}) from error
    old_at = event_moment(proposal, event)
    if old_at is None:
        raise ValidationError({"event": _("This proposal has no such event yet.")})
    if day == timezone.localdate(old_at):
        raise ValidationError({"day": _("This is already its date.")})
    around = neighbours(proposal, event)
    if event == Event.ANSWERED:  # its ratings come after it
        first_rating = current_answer(proposal).ratings.order_by("rated_at").first()
        if first_rating is not None:
            around["before"] = ("rated", first_rating.rated_at)
    new_at = check_event_date(at=day_moment(day), event=event, field="day", **around)

    row = _status_row(proposal, event)
    if row is not None:
        row.changed_at = new_at
        _save_with_reason(row, ["changed_at"], by=by, reason=reason)
    if event == Event.SUBMITTED:
        proposal.submitted_at = new_at
        fields = ["submitted_at"]
        year = timezone.localdate(new_at).year
        if proposal.number is not None and proposal.number_year != year:
            _renumber(proposal, year)
            fields += ["number", "number_year"]
        _save_with_reason(proposal, fields, by=by, reason=reason)
        # The draft (or the paper entry) began no later than it was submitted.
        proposal.status_changes.filter(
            to_status=Status.DRAFT, from_status="", changed_at__gt=new_at
        ).update(changed_at=new_at)
    elif event == Event.ASSIGNED:
        _correct_assignment(proposal, day, by=by, reason=reason)
    elif event == Event.ANSWERED:
        answer = current_answer(proposal)
        answer.answered_at = new_at
        _save_with_reason(answer, ["answered_at"], by=by, reason=reason)
    return ProposalDateCorrection.objects.create(
        proposal=proposal,
        event=event,
        old_at=old_at,
        new_at=new_at,
        reason=reason,
        corrected_by=by,
    )


def _correct_assignment(proposal: Proposal, day: datetime.date, *, by: User, reason: str):
    """The assignments take the new day; a deadline that was the default one (three months,
    six if hard, on a working day) is computed again from it, one set by hand stays."""
    from .assignment import answer_deadline

    for assignment in proposal.assignments.all():
        fields = ["assigned_on"]
        default = answer_deadline(
            township=proposal.township, assigned_on=assignment.assigned_on, hard=assignment.is_hard
        )
        if assignment.deadline == default:
            new_deadline = answer_deadline(
                township=proposal.township, assigned_on=day, hard=assignment.is_hard
            )
            if proposal.due_date == assignment.deadline and assignment.role == Assignment.Role.LEAD:
                proposal.due_date = new_deadline
                _save_with_reason(proposal, ["due_date"], by=by, reason=reason)
            assignment.deadline = new_deadline
            fields.append("deadline")
        elif assignment.deadline < day:
            raise ValidationError(
                {
                    "day": _("The assignment cannot be dated after its deadline (%(due)s).")
                    % {"due": assignment.deadline.isoformat()}
                }
            )
        assignment.assigned_on = day
        _save_with_reason(assignment, fields, by=by, reason=reason)
