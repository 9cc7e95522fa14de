"""A session's sittings and the roll call of each."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from congress.attendance import attendance_sync
from congress.models import User

from ..models import CongressSession, Sitting, SittingAttendance
from ..selectors import Quorum, sitting_quorum, sitting_roll


@transaction.atomic
def sitting_add(*, session: CongressSession, date: datetime.date, title: str = "") -> Sitting:
    if not session.start_date <= date <= session.end_date:
        raise ValidationError(
            {
                "date": _("A sitting is held between the session's dates (%(start)s to %(end)s).")
                % {"start": session.start_date, "end": session.end_date}
            }
        )
    sitting = Sitting(session=session, date=date, title=title.strip())
    sitting.full_clean()
    sitting.save()
    return sitting


@transaction.atomic
def sitting_delete(*, sitting: Sitting) -> None:
    """Remove a sitting made by mistake: not one with votes recorded at it."""
    if sitting.resolutions.exists() or sitting.elections.exists():
        raise ValidationError(_("Votes were recorded at this sitting; it cannot be removed."))
    sitting.delete()


@transaction.atomic
def sitting_set_attendance(
    *, sitting: Sitting, statuses: dict[int, str], by: User, clear: bool = False
) -> Quorum:
    """Record the roll of a sitting: {deputy id: status}; a deputy left out was not marked.
    Only deputies on the sitting's roll can be marked. Every mark and change is kept in the
    history as done by `by`. Returns the sitting's quorum as it now stands."""
    attendance_sync(
        model=SittingAttendance,
        parent={"sitting": sitting},
        statuses=statuses,
        roll=sitting_roll(sitting=sitting),
        by=by,
        clear=clear,
    )
    return sitting_quorum(sitting=sitting)
