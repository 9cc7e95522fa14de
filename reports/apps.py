from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from congress import registry
        from congress.roles import Role

        from . import checks, selectors  # noqa: F401 (checks registers the fonts check)

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
