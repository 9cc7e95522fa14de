import datetime

from django.db import transaction

from congress.models import Township

from .models import Inspection


@transaction.atomic
def inspection_create(
    *,
    township: Township,
    kind: str,
    date: datetime.date,
    subject: str,
    participants: int,
    summary: str = "",
) -> Inspection:
    """Record an oversight activity of the presidium."""
    inspection = Inspection(
        township=township,
        kind=kind,
        date=date,
        subject=subject.strip(),
        participants=participants,
        summary=summary,
    )
    inspection.full_clean()
    inspection.save()
    return inspection
