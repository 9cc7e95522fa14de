"""What letters and visits (信访) add to the core: the year's figures, staff's to-do and the
deadline reminders.

Not in the history kinds: the history page would show the person's identity to staff who may
not see it; each record's page shows its own course instead.
"""

from congress import registry
from congress.roles import Role

from . import selectors, services


def register():
    registry.year_summary_sources.register(
        registry.YearSummarySource(
            key="petitions", summary=selectors.petitions_year_summary, order=54
        )
    )
    registry.dashboard_panels.register(
        registry.DashboardPanel(
            key="petitions",
            context=selectors.petitions_dashboard,
            roles=frozenset({Role.STAFF}),
            order=54,
        )
    )
    services.register_reminders()
