"""What the apps above deputies contribute to deputies' pages, without deputies importing them.

Congress sessions count in a deputy's performance record and raise the Deputies Law Art 62
warning on the roster; proposals count in the record too. Those apps register here from their
AppConfig.ready() (see congress.registry for the mechanism).
"""

from collections.abc import Callable
from dataclasses import dataclass

from congress.registry import ExtensionPoint


@dataclass(frozen=True)
class PerformanceSource:
    """`counts(township=..., year=..., deputy_ids=...)` returns {deputy id: {field: count}} for
    fields of deputies.selectors.PerformanceRow (e.g. "sessions_attended", "proposals")."""

    key: str
    counts: Callable[..., dict[int, dict[str, int]]]
    order: int = 100


@dataclass(frozen=True)
class RosterWarning:
    """A warning above the roster: `deputies(township=...)` returns the deputies it names."""

    key: str
    title: str
    note: str
    deputies: Callable[..., object]
    order: int = 100


performance_sources: ExtensionPoint[PerformanceSource] = ExtensionPoint("performance sources")
roster_warnings: ExtensionPoint[RosterWarning] = ExtensionPoint("roster warnings")
