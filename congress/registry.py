"""Where apps plug into shared pages and jobs without the lower layer importing them.

The core is the bottom layer: it imports no app. A page the core owns (the home dashboard,
record histories, the year's statistics, the scheduled jobs, an account's reactivation, the
calendar and its feed) reads
what the apps registered here; each app registers in its AppConfig.ready(). An app that wants
the same from the apps above it (deputies' performance record counts sessions and proposals)
declares its own ExtensionPoint the same way.
"""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class ExtensionPoint(Generic[T]):
    """An ordered list of contributions, filled by the apps above the one that declares it."""

    def __init__(self, name: str):
        self.name = name
        self._items: dict[str, T] = {}

    def register(self, item: T) -> T:
        # Keyed, so that a ready() run twice (tests, autoreload) does not register twice.
        self._items[item.key] = item
        return item

    def __iter__(self) -> Iterator[T]:
        return iter(sorted(self._items.values(), key=lambda item: (item.order, item.key)))

    def get(self, key: str) -> T | None:
        return self._items.get(key)

    def __repr__(self):
        return f"<ExtensionPoint {self.name}: {', '.join(self._items)}>"


@dataclass(frozen=True)
class Figure:
    """One number of a year's summary, with the words a report prints beside it and, where
    there is one, the page listing the records it counts."""

    key: str
    label: str
    value: int
    url: str = ""


@dataclass(frozen=True)
class Todo:
    """Something waiting for the user on the home page: how many, and where to deal with them.
    `tone` is "danger" for what the law sets a consequence on, else "warning"."""

    label: str
    count: int
    url: str
    tone: str = "warning"


@dataclass(frozen=True)
class DashboardPanel:
    """A piece of the home page for some roles. `context(user=..., year=...)` returns a dict,
    or None when it has nothing for that user: its "todo" (Todo items) and "figures" (Figure
    items, of the year) join the page's to-do list and figures; `template`, if any, renders
    the rest of the dict in the panel's place."""

    key: str
    context: Callable[..., dict | None]
    roles: frozenset[str]
    template: str = ""
    order: int = 100


@dataclass(frozen=True)
class YearSummary:
    """What one app did in a township's year: its figures, in the order a report lists them."""

    key: str
    title: str
    figures: list[Figure]
    details: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> int:
        for figure in self.figures:
            if figure.key == key:
                return figure.value
        raise KeyError(key)


@dataclass(frozen=True)
class YearSummarySource:
    """`summary(township=..., year=...)` returns the app's YearSummary."""

    key: str
    summary: Callable[..., YearSummary]
    order: int = 100


@dataclass(frozen=True)
class HistoryKind:
    """A record whose change history staff may read at /history/<key>/<pk>/; the changes of
    its children (model label, field pointing at the parent) show on the same page."""

    key: str
    model: str
    children: tuple[tuple[str, str], ...] = ()
    order: int = 100


@dataclass(frozen=True)
class ScheduledJob:
    """A periodic job: `run(today=...)` does the day's work once and returns how many things it
    did (notifications sent, records touched). Running it twice the same day does no more."""

    key: str
    label: str
    run: Callable[..., int]
    order: int = 100


@dataclass(frozen=True)
class AccountCheck:
    """A rule of an app on who may have an active login: `reason(user=...)` returns why this
    account may not be (re)activated, in words a user can read, or "" when it may."""

    key: str
    reason: Callable[..., str]
    order: int = 100


@dataclass(frozen=True)
class CalendarEvent:
    """One entry of the calendar page and the phone feed: whole days from `start` to `end`,
    both included (a one-day event has end == start). `uid` stays the same for the same record
    ("session-12@renda") so that a phone updates the event instead of adding a second one;
    `kind` is a short label a user reads ("人代会"); `url`, if any, is a page the user may
    open."""

    uid: str
    title: str
    start: datetime.date
    end: datetime.date
    kind: str
    url: str = ""
    location: str = ""
    description: str = ""

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError(f"{self.uid}: ends ({self.end}) before it starts ({self.start})")


@dataclass(frozen=True)
class CalendarSource:
    """`events(user, start, end)` returns the CalendarEvents of the app's records that the
    user may read (starting from `visible_to`) and that touch the days `start`..`end`, both
    included: an event from before `start` still running on it is one of them. `model` (a
    label) is what it reads: a role that READS none of the sources' models has no calendar."""

    key: str
    events: Callable[[Any, datetime.date, datetime.date], list[CalendarEvent]]
    order: int = 100
    model: str = ""  # "" for a source every role may have events from


@dataclass(frozen=True)
class DatedRecords:
    """Records that make up a township's year of work (its congress sessions, its deputies'
    activities): the model (a label, scoped to its township by its Scope) and the date or
    datetime field that places a row in its year. The core reads which years hold such rows
    to choose the year a page opens on (congress.years.reporting_year)."""

    key: str
    model: str
    date_field: str
    order: int = 100


@dataclass(frozen=True)
class YearClosedCheck:
    """`closed(township=..., year=...)` says whether the township has closed that year's work
    (the reports app: its annual work report is final), after which the pages open on the
    year that follows."""

    key: str
    closed: Callable[..., bool]
    order: int = 100


def year_summaries(*, township, year: int) -> list[YearSummary]:
    """Every app's summary of the township's year, in registry order."""
    return [source.summary(township=township, year=year) for source in year_summary_sources]


def run_job(key: str, *, today: datetime.date | None = None) -> int:
    from django.utils import timezone

    job = scheduled_jobs.get(key)
    if job is None:
        raise KeyError(f"no scheduled job {key!r}")
    return job.run(today=today or timezone.localdate())


dashboard_panels: ExtensionPoint[DashboardPanel] = ExtensionPoint("dashboard panels")
year_summary_sources: ExtensionPoint[YearSummarySource] = ExtensionPoint("year summaries")
history_kinds: ExtensionPoint[HistoryKind] = ExtensionPoint("history kinds")
scheduled_jobs: ExtensionPoint[ScheduledJob] = ExtensionPoint("scheduled jobs")
account_checks: ExtensionPoint[AccountCheck] = ExtensionPoint("account checks")
calendar_sources: ExtensionPoint[CalendarSource] = ExtensionPoint("calendar sources")
dated_records: ExtensionPoint[DatedRecords] = ExtensionPoint("dated records")
year_closed_checks: ExtensionPoint[YearClosedCheck] = ExtensionPoint("year closed checks")
