from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from congress import registry
        from congress.roles import Role

        from . import selectors

        registry.dashboard_panels.register(
            registry.DashboardPanel(
                key="reports",
                context=selectors.reports_dashboard,
                roles=frozenset({Role.COUNTY}),
                template="reports/partials/_dashboard.html",
                order=60,
            )
        )
