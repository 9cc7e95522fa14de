"""What oversight adds to the core: each record's history, the year's figures, the home-page
panels, the problems' reminders, and the named staff in an activity's person-times."""

from congress import registry
from congress.roles import Role
from deputies import extensions as deputy_extensions

from . import reminders
from .selectors import actions, elections, evaluations, problems


def register():
    _register_history()
    for key, summary, order in (
        ("oversight", actions.oversight_year_summary, 50),
        ("problems", problems.problems_year_summary, 51),
        ("evaluations", evaluations.evaluations_year_summary, 52),
        ("elections", elections.elections_year_summary, 60),
    ):
        registry.year_summary_sources.register(
            registry.YearSummarySource(key=key, summary=summary, order=order)
        )
    registry.dashboard_panels.register(
        registry.DashboardPanel(
            key="oversight",
            context=actions.oversight_dashboard,
            roles=frozenset({Role.STAFF, Role.MEMBER}),
            order=50,
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
    deputy_extensions.participant_sources.register(
        deputy_extensions.ParticipantSource(key="oversight_staff", count=actions.named_staff_count)
    )


def _register_history():
    kinds = (
        (
            "oversight_action",
            "oversight.OversightAction",
            (("oversight.ActionStaff", "action_id"), ("oversight.ProgressReview", "action_id")),
        ),
        ("government_task", "oversight.GovernmentTask", (("oversight.ProgressReview", "task_id"),)),
        ("campaign", "oversight.Campaign", ()),
        ("plan_item", "oversight.PlanItem", ()),
        ("election_observation", "oversight.ElectionObservation", ()),
        (
            "work_evaluation",
            "oversight.WorkEvaluation",
            (("oversight.EvaluationRating", "evaluation_id"),),
        ),
        (
            "problem",
            "oversight.Problem",
            (
                ("oversight.ProblemStatusChange", "problem_id"),
                ("oversight.RectificationReport", "problem_id"),
            ),
        ),
    )
    for key, model, children in kinds:
        registry.history_kinds.register(
            registry.HistoryKind(key=key, model=model, children=children)
        )
