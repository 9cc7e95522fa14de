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

        # The rest of the year's work: the work plan, election supervision, publicity.
        from .selectors import elections as election_selectors
        from .selectors import publicity as publicity_selectors

        registry.history_kinds.register(
            registry.HistoryKind(key="plan_item", model="oversight.PlanItem")
        )
        registry.history_kinds.register(
            registry.HistoryKind(key="election_observation", model="oversight.ElectionObservation")
        )
        registry.history_kinds.register(
            registry.HistoryKind(
                key="article",
                model="oversight.Article",
                children=(("oversight.Publication", "article_id"),),
            )
        )
        registry.year_summary_sources.register(
            registry.YearSummarySource(
                key="elections", summary=election_selectors.elections_year_summary, order=60
            )
        )
        registry.year_summary_sources.register(
            registry.YearSummarySource(
                key="publicity", summary=publicity_selectors.publicity_year_summary, order=70
            )
        )

        # Work evaluations (工作评议): their history with the ratings, and the year's figures.
        from .selectors import evaluations as evaluation_selectors

        registry.history_kinds.register(
            registry.HistoryKind(
                key="work_evaluation",
                model="oversight.WorkEvaluation",
                children=(("oversight.EvaluationRating", "evaluation_id"),),
            )
        )
        registry.year_summary_sources.register(
            registry.YearSummarySource(
                key="evaluations", summary=evaluation_selectors.evaluations_year_summary, order=52
            )
        )

        # Letters and visits (信访): the year's figures, staff's to-do, the deadline reminders.
        # Not in history_kinds: the history page would show the person's identity to staff
        # who may not see it; each record's page shows its own course instead.
        from .selectors import petitions as petition_selectors
        from .services import petitions as petition_services

        registry.year_summary_sources.register(
            registry.YearSummarySource(
                key="petitions", summary=petition_selectors.petitions_year_summary, order=54
            )
        )
        registry.dashboard_panels.register(
            registry.DashboardPanel(
                key="petitions",
                context=petition_selectors.petitions_dashboard,
                roles=frozenset({Role.STAFF}),
                order=54,
            )
        )
        petition_services.register_reminders()

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

        # The staff named on an action count in its activity's person-times on the deputies'
        # pages too, so one event shows one figure everywhere.
        from deputies import extensions as deputy_extensions

        from .selectors.actions import named_staff_count

        deputy_extensions.participant_sources.register(
            deputy_extensions.ParticipantSource(key="oversight_staff", count=named_staff_count)
        )
