"""What the apps above deputies contribute to deputies' pages, without deputies importing them.

Congress sessions count in a deputy's performance record and raise the Deputies Law Art 62
warning on the roster; proposals count in the record too; oversight names people taking part
in the activities its actions own. Those apps register here from their
AppConfig.ready() (see congress.registry for the mechanism).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

from congress.registry import ExtensionPoint


@dataclass(frozen=True)
class PerformanceSource:
    """`counts(township=..., year=...)` returns a queryset grouped by deputy in SQL: one row
    per deputy with work in the year, its `deputy_id` and whole-number annotations named after
    fields of deputies.selectors.PerformanceRow (e.g. "sessions_attended", "proposals"), as
    `Model.objects.filter(...).values("deputy_id").annotate(proposals=Count("pk"))`.

    The ranking joins every source to the deputies in office, so that the database sums each
    deputy's points, ranks them and hands over only the page shown: a source must stay one
    grouped query, never a Python loop."""

    key: str
    counts: Callable[..., QuerySet]
    order: int = 100


@dataclass(frozen=True)
class RosterWarning:
    """A warning above the roster: `deputies(township=...)` returns the deputies it names."""

    key: str
    title: str
    note: str
    deputies: Callable[..., object]
    order: int = 100


@dataclass(frozen=True)
class ParticipantSource:
    """People an app records as taking part in a deputies' activity besides its deputies and
    its count of others (oversight names the staff of the action owning an activity).
    `count()` returns an expression of an Activity queryset: how many for each activity (0
    when none), so lists and year figures count them in SQL."""

    key: str
    count: Callable[[], object]
    order: int = 100


performance_sources: ExtensionPoint[PerformanceSource] = ExtensionPoint("performance sources")
roster_warnings: ExtensionPoint[RosterWarning] = ExtensionPoint("roster warnings")
participant_sources: ExtensionPoint[ParticipantSource] = ExtensionPoint("participant sources")
