"""What congress sessions add to the core and to deputies: the session's history, the year's
figures, the home page's panel, the attendance in each deputy's record, the absence warning on
the roster, and the sessions on the calendar."""

from django.utils.translation import gettext_lazy as _

from congress import registry
from congress.roles import Role
from deputies import extensions

from . import selectors
from .calendar import session_events
from .selectors.first_run import first_run_dashboard


def register():
    registry.history_kinds.register(
        registry.HistoryKind(
            key="session",
            model="congress_sessions.CongressSession",
            children=(
                ("congress_sessions.Sitting", "session_id"),
                ("congress_sessions.SittingAttendance", "sitting__session_id"),
                ("congress_sessions.AgendaItem", "session_id"),
                ("congress_sessions.Resolution", "session_id"),
                ("congress_sessions.Election", "session_id"),
                ("congress_sessions.Candidate", "election__session_id"),
            ),
        )
    )
    registry.year_summary_sources.register(
        registry.YearSummarySource(
            key="sessions", summary=selectors.sessions_year_summary, order=10
        )
    )
    registry.dashboard_panels.register(
        registry.DashboardPanel(
            key="sessions",
            context=selectors.sessions_dashboard,
            roles=frozenset({Role.STAFF, Role.MEMBER}),
            order=10,
        )
    )
    # A new township's setup steps, above everything else on the staff home page.
    registry.dashboard_panels.register(
        registry.DashboardPanel(
            key="first_run",
            context=first_run_dashboard,
            roles=frozenset({Role.STAFF}),
            template="sessions/partials/_first_run.html",
            order=0,
        )
    )
    extensions.performance_sources.register(
        extensions.PerformanceSource(
            key="sessions", counts=selectors.attendance_counts_by_deputy, order=10
        )
    )
    extensions.roster_warnings.register(
        extensions.RosterWarning(
            key="absence",
            title=_("Absent from two congress sessions without approved leave"),
            note=_("Deputies Law Art. 62: the mandate ends"),
            deputies=selectors.absence_warnings,
        )
    )

    registry.calendar_sources.register(
        registry.CalendarSource(
            key="sessions",
            events=session_events,
            order=10,
            model="congress_sessions.CongressSession",
        )
    )
    # A year with a congress session is a year of the township's work (congress.years).
    registry.dated_records.register(
        registry.DatedRecords(
            key="sessions", model="congress_sessions.CongressSession", date_field="start_date"
        )
    )
