from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CongressSessionsConfig(AppConfig):
    # "sessions" is taken by django.contrib.sessions: this app's label must differ, and must
    # never change once migrations exist (management commands take the label).
    name = "sessions"
    label = "congress_sessions"
    verbose_name = _("Congress sessions")

    def ready(self):
        from congress import registry
        from congress.roles import Role
        from deputies import extensions

        from . import selectors

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

        from .calendar import session_events

        registry.calendar_sources.register(
            registry.CalendarSource(key="sessions", events=session_events, order=10)
        )
