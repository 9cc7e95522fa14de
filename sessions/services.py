import datetime

from django.db import transaction

from congress.models import Township
from congress.services import attendance_sync

from .models import CongressSession, SessionAttendance


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
    session.save()
    return session


@transaction.atomic
def session_set_attendance(*, session: CongressSession, statuses: dict[int, str]) -> None:
    """Record each deputy's attendance of the session: {deputy id: status}; others are cleared."""
    attendance_sync(
        model=SessionAttendance,
        parent={"session": session},
        statuses=statuses,
        township_id=session.township_id,
    )
