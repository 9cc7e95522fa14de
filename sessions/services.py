import datetime

from django.db import transaction

from congress.attendance import attendance_sync
from congress.db import save_unique
from congress.models import Township, User

from .models import CongressSession, SessionAttendance
from .selectors import session_roll


@transaction.atomic
def session_create(
    *,
    township: Township,
    term: int,
    number: int,
    start_date: datetime.date,
    end_date: datetime.date,
    venue: str,
) -> CongressSession:
    """Register a congress session; a term cannot hold two sessions with the same number."""
    session = CongressSession(
        township=township,
        term=term,
        number=number,
        start_date=start_date,
        end_date=end_date,
        venue=venue,
    )
    session.full_clean()
    return save_unique(session)


@transaction.atomic
def session_set_attendance(
    *, session: CongressSession, statuses: dict[int, str], by: User, clear: bool = False
) -> None:
    """Record the attendance of the deputies on the session's roll: {deputy id: status};
    a deputy left out was not involved. Nothing marked is refused unless `clear`. Every mark
    and change is kept in the history as done by `by` (the Art 62 warning counts them)."""
    attendance_sync(
        model=SessionAttendance,
        parent={"session": session},
        statuses=statuses,
        roll=session_roll(session=session),
        by=by,
        clear=clear,
    )
