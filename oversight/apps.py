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
            registry.HistoryKind(key="oversight_action", model="oversight.OversightAction")
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

        # Problems and rectification.
        from . import reminders
        from .selectors import problems

        registry.history_kinds.register(
            registry.HistoryKind(
                key="problem",
                model="oversight.Problem",
                children=(
                    ("oversight.ProblemStatusChange", "problem_id"),
                    ("oversight.RectificationReport", "problem_id"),
                ),
            )
        )
        registry.year_summary_sources.register(
            registry.YearSummarySource(
                key="problems", summary=problems.problems_year_summary, order=51
            )
        )
        registry.dashboard_panels.register(
            registry.DashboardPanel(
                key="problems",
                context=problems.problems_dashboard,
                roles=frozenset({Role.STAFF, Role.MEMBER, Role.UNIT}),
                template="oversight/problems/_dashboard.html",
                order=51,
            )
        )
        reminders.register()
