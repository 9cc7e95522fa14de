"""What deputies adds to the core: the deputy's and the activity's history, the year's figures, the
home page's panel, the accounts' sync job and check, and the activities on the calendar."""

from django.utils.translation import gettext_lazy as _

from congress import registry
from congress.roles import Role

from . import selectors
from .calendar import activity_events
from .services import deputy_account_inactive_reason, deputy_accounts_sync


def register():
    registry.history_kinds.register(
        registry.HistoryKind(
            key="deputy",
            model="deputies.Deputy",
            children=(("deputies.Mandate", "deputy_id"),),
        )
    )
    registry.history_kinds.register(
        registry.HistoryKind(
            key="activity",
            model="deputies.Activity",
            children=(
                ("deputies.Attendance", "activity_id"),
                ("deputies.ActivityAttachment", "activity_id"),
            ),
        )
    )
    registry.year_summary_sources.register(
        registry.YearSummarySource(
            key="deputies", summary=selectors.deputies_year_summary, order=20
        )
    )
    registry.dashboard_panels.register(
        registry.DashboardPanel(
            key="deputies",
            context=selectors.deputies_dashboard,
            roles=frozenset({Role.STAFF, Role.MEMBER, Role.DEPUTY}),
            template="deputies/partials/_dashboard.html",
            order=20,
        )
    )

    # Accounts of deputies whose last mandate ended on a date entered in advance.
    registry.scheduled_jobs.register(
        registry.ScheduledJob(
            key="deputies.accounts_sync",
            label=_("Deactivate the accounts of deputies whose mandates have all ended"),
            run=deputy_accounts_sync,
        )
    )
    registry.account_checks.register(
        registry.AccountCheck(key="deputies.in_office", reason=deputy_account_inactive_reason)
    )

    registry.calendar_sources.register(
        registry.CalendarSource(
            key="activities", events=activity_events, order=20, model="deputies.Activity"
        )
    )
    # A year with deputies' activities is a year of the township's work (congress.years).
    registry.dated_records.register(
        registry.DatedRecords(key="activities", model="deputies.Activity", date_field="start_date")
    )
