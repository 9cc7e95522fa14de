"""Assignment: a registered proposal goes to its lead unit and co-units, with its deadline."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from congress.models import Unit, User
from congress.scoping import check_same_township
from congress.workdays import Workdays

from .. import rules
from ..models import Assignment, AssignmentMeeting, Proposal
from ..workflow import PROPOSAL_WORKFLOW, Status
from .dates import DateEvent, check_event_date, day_moment, event_moment
from .notices import STEP_NOTICES, notify_units


def answer_deadline(*, township, assigned_on: datetime.date, hard: bool = False) -> datetime.date:
    """The last day to answer: 3 months from the assignment (6 for hard ones; 代表法 Art 51),
    moved to the next working day if it is a day off."""
    months = rules.HARD_ANSWER_DEADLINE_MONTHS if hard else rules.ANSWER_DEADLINE_MONTHS
    return Workdays(township).months_later(assigned_on, months)


@transaction.atomic
def proposal_assign(
    *,
    proposal: Proposal,
    unit: Unit,
    by: User,
    co_units: list[Unit] = (),
    meeting: AssignmentMeeting | None = None,
    assigned_on: datetime.date | None = None,
    hard: bool = False,
    deadline: datetime.date | None = None,
    note: str = "",
    at: datetime.datetime | None = None,
) -> Proposal:
    """Hand a registered proposal to its lead unit (主办) and co-units (协办), at an assignment
    meeting or not, with its deadline (3 months, up to 6 for hard ones, on a working day), or
    to other units (a reassignment needs a note and drops the old units). Dated the day it
    was assigned: not after today, not before the registration."""
    check_same_township(proposal.township_id, unit=unit, meeting=meeting)
    for co_unit in co_units:
        check_same_township(proposal.township_id, unit=co_unit)
    if unit in co_units:
        raise ValidationError({"co_units": _("The lead unit cannot also be a co-unit.")})
    assigned_on = assigned_on or (meeting.date if meeting else timezone.localdate())
    at = check_event_date(
        at=at or day_moment(assigned_on),
        event=DateEvent.ASSIGNED,
        field="assigned_on",
        after=(DateEvent.REGISTERED, event_moment(proposal, DateEvent.REGISTERED)),
    )
    latest = answer_deadline(township=proposal.township, assigned_on=assigned_on, hard=True)
    deadline = deadline or answer_deadline(
        township=proposal.township, assigned_on=assigned_on, hard=hard
    )
    if deadline > latest or deadline < assigned_on:
        raise ValidationError(
            {
                "deadline": _(
                    "The deadline is at most six months after the assignment (%(latest)s)."
                )
                % {"latest": latest}
            }
        )
    move = "assign" if proposal.status == Status.REGISTERED else "reassign"
    if move == "reassign":
        proposal.assignments.all().delete()
    units = [(unit, Assignment.Role.LEAD), *((u, Assignment.Role.CO) for u in co_units)]
    bulk_create_with_history(
        [
            Assignment(
                proposal=proposal,
                unit=each,
                role=role,
                meeting=meeting,
                assigned_on=assigned_on,
                deadline=deadline,
                is_hard=hard,
                assigned_by=by,
            )
            for each, role in units
        ],
        Assignment,
        default_user=by,
    )
    PROPOSAL_WORKFLOW.perform(
        record=proposal,
        move=move,
        by=by,
        note=note,
        at=at,
        changes={"handling_unit": unit, "due_date": deadline},
    )
    notify_units(proposal, STEP_NOTICES[move])
    return proposal
