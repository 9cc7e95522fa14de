"""The assignment meeting (交办会): staff record the meeting, then hand many registered
proposals to their units there in one go, all of them or none."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from congress.models import Township, Unit, User
from congress.scoping import check_same_township

from ..models import AssignmentMeeting, Proposal
from ..workflow import Status
from .assignment import proposal_assign


@transaction.atomic
def assignment_meeting_save(
    *,
    township: Township,
    date: datetime.date,
    place: str = "",
    note: str = "",
    meeting: AssignmentMeeting | None = None,
) -> AssignmentMeeting:
    """Record an assignment meeting (any real date, past ones included: staff enter last
    season's paper records), or correct one. Its date no longer changes once proposals were
    assigned at it: their deadlines were counted from that day."""
    if date is None:
        raise ValidationError({"date": _("Give the date of the meeting.")})
    if meeting is None:
        meeting = AssignmentMeeting(township=township)
    else:
        check_same_township(township, meeting=meeting)
        # Compared with the stored date: a form may already have changed the instance.
        stored = AssignmentMeeting.objects.filter(pk=meeting.pk).values_list("date", flat=True)
        if date != stored.get() and meeting.assignments.exists():
            raise ValidationError(
                {
                    "date": _(
                        "Proposals were assigned at this meeting with deadlines counted from "
                        "its date: the date can no longer change."
                    )
                }
            )
    meeting.date = date
    meeting.place = place.strip()
    meeting.note = note.strip()
    meeting.full_clean()
    meeting.save()
    return meeting


@dataclass(frozen=True)
class MeetingItem:
    """One proposal handed out at a meeting: its lead unit (主办), co-units (协办), whether it
    is hard to handle, and a deadline (empty: the default one)."""

    proposal: Proposal
    unit: Unit | None
    co_units: Sequence[Unit] = field(default_factory=tuple)
    hard: bool = False
    deadline: datetime.date | None = None


def _assign_item(item: MeetingItem, meeting: AssignmentMeeting, by: User) -> Proposal:
    """Assign one item at the meeting; its errors are raised for the batch to collect."""
    check_same_township(meeting.township_id, proposal=item.proposal)
    current = Proposal.objects.select_for_update().get(pk=item.proposal.pk)
    if current.status != Status.REGISTERED:
        raise ValidationError(
            _("It is no longer waiting to be assigned (it is %(status)s now).")
            % {"status": current.get_status_display()}
        )
    if item.unit is None:
        raise ValidationError(_("Choose its lead unit."))
    return proposal_assign(
        proposal=current,
        unit=item.unit,
        co_units=list(item.co_units),
        meeting=meeting,
        hard=item.hard,
        deadline=item.deadline,
        by=by,
    )


@transaction.atomic
def meeting_assign(
    *, meeting: AssignmentMeeting, items: Iterable[MeetingItem], by: User
) -> list[Proposal]:
    """Assign the chosen registered proposals at the meeting, on its date, each to its units
    with its deadline (3 months from the meeting, 6 if hard, on a working day, unless given).
    All or nothing: any item's error refuses the whole batch, and every such error is named
    by the item's title so staff can correct them all at once."""
    items = list(items)
    if not items:
        raise ValidationError(_("Choose at least one proposal to assign."))
    errors, assigned, seen = [], [], set()
    for item in items:
        try:
            if item.proposal.pk in seen:
                raise ValidationError(_("It is chosen twice."))
            seen.add(item.proposal.pk)
            # Each proposal_assign runs in its own savepoint: a refused item leaves nothing
            # behind, and the others are still tried so that every error is reported.
            assigned.append(_assign_item(item, meeting, by))
        except ValidationError as error:
            errors += [
                _("“%(title)s”: %(error)s") % {"title": item.proposal.title, "error": message}
                for message in error.messages
            ]
    if errors:
        raise ValidationError(errors)
    return assigned
