"""A sitting's roll call and its quorum."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet

from deputies.models import Deputy, Mandate
from deputies.selectors import deputies_in_office_on

from .. import rules
from ..models import Sitting, SittingAttendance

Status = SittingAttendance.Status


def sitting_roll(*, sitting: Sitting) -> QuerySet[Deputy]:
    """Who is on the roll of a sitting: the township deputies of the session's term in office
    on the sitting's day (a deputy who resigned before it is not; one elected later is not)."""
    session = sitting.session
    return deputies_in_office_on(
        township=session.township_id,
        day=sitting.date,
        level=Mandate.Level.TOWNSHIP,
        term=session.term,
    )


def sitting_attendance_rows(*, sitting: Sitting) -> list[dict]:
    """Every deputy on the sitting's roll, with their attendance status (or none yet)."""
    statuses = dict(sitting.attendances.values_list("deputy_id", "status"))
    deputies = sitting_roll(sitting=sitting).order_by(*Deputy.OFFICIAL_ORDER)
    return [{"deputy": d, "status": statuses.get(d.pk, "")} for d in deputies]


@dataclass(frozen=True)
class Quorum:
    """The roll of a sitting measured against the law: 应到 (in office), 实到 (present)."""

    in_office: int
    present: int
    on_leave: int
    absent: int

    @property
    def unmarked(self) -> int:
        return self.in_office - self.present - self.on_leave - self.absent

    @property
    def needed(self) -> int:
        return rules.quorum_needed(self.in_office)

    @property
    def reached(self) -> bool:
        return rules.has_quorum(present=self.present, in_office=self.in_office)


def sitting_quorum(*, sitting: Sitting) -> Quorum:
    """The sitting's quorum from its roll: only marks of deputies still on the roll count."""
    roll = sitting_roll(sitting=sitting)
    marks = Counter(sitting.attendances.filter(deputy__in=roll).values_list("status", flat=True))
    return Quorum(
        in_office=roll.count(),
        present=marks[Status.PRESENT],
        on_leave=marks[Status.LEAVE],
        absent=marks[Status.ABSENT],
    )
