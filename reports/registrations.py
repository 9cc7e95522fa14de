"""What reports add to the core: the fonts check and the home page's panels (the county's reports,
staff's drafts and the presidium's versions to review)."""

from congress import registry
from congress.roles import Role

from . import checks, selectors  # noqa: F401 (checks registers the fonts check)


def register():
    # The pages open on last year until its work report is final (congress.years).
    registry.year_closed_checks.register(
        registry.YearClosedCheck(key="annual_report", closed=selectors.annual_report_is_final)
    )
    registry.dashboard_panels.register(
        registry.DashboardPanel(
            key="reports",
            context=selectors.reports_dashboard,
            roles=frozenset({Role.COUNTY}),
            template="reports/partials/_dashboard.html",
            order=60,
        )
    )
    # Staff's drafts to finish, the presidium's versions to review.
    registry.dashboard_panels.register(
        registry.DashboardPanel(
            key="report_todos",
            context=selectors.report_todos,
            roles=frozenset({Role.STAFF, Role.MEMBER}),
            order=60,
        )
    )
