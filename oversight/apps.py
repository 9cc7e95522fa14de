from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "oversight"
    verbose_name = _("Oversight")

    def ready(self):
        from congress import registry
        from congress.roles import Role

        from .selectors import actions as selectors

        registry.history_kinds.register(
            registry.HistoryKind(
                key="oversight_action",
                model="oversight.OversightAction",
                children=(
                    ("oversight.ActionStaff", "action_id"),
                    ("oversight.ProgressReview", "action_id"),
                ),
            )
        )
        registry.history_kinds.register(
            registry.HistoryKind(
                key="government_task",
                model="oversight.GovernmentTask",
                children=(("oversight.ProgressReview", "task_id"),),
            )
        )
        registry.history_kinds.register(
            registry.HistoryKind(key="campaign", model="oversight.Campaign")
        )
        registry.year_summary_sources.register(
            registry.YearSummarySource(
                key="oversight", summary=selectors.oversight_year_summary, order=50
            )
        )
        registry.dashboard_panels.register(
            registry.DashboardPanel(
                key="oversight",
                context=selectors.oversight_dashboard,
                roles=frozenset({Role.STAFF, Role.MEMBER}),
                order=50,
            )
        )
