"""What proposals add to the core and to deputies: the proposal's history, the year's figures, the
home page's panel, the counts in each deputy's record, a new township's lists, and the answer
deadline reminders."""

from django.db.models.signals import post_save

from congress import registry
from congress.roles import Role
from deputies import extensions

from . import receivers, reminders, selectors


def register():
    registry.history_kinds.register(
        registry.HistoryKind(
            key="proposal",
            model="proposals.Proposal",
            children=(
                ("proposals.ProposalStatusChange", "proposal_id"),
                ("proposals.ProposalSigner", "proposal_id"),
                ("proposals.Assignment", "proposal_id"),
                ("proposals.Answer", "proposal_id"),
            ),
        )
    )
    registry.year_summary_sources.register(
        registry.YearSummarySource(
            key="proposals", summary=selectors.proposals_year_summary, order=40
        )
    )
    registry.dashboard_panels.register(
        registry.DashboardPanel(
            key="proposals",
            context=selectors.proposals_dashboard,
            roles=frozenset({Role.STAFF, Role.MEMBER, Role.DEPUTY, Role.UNIT}),
            template="proposals/partials/_dashboard.html",
            order=40,
        )
    )
    extensions.performance_sources.register(
        extensions.PerformanceSource(
            key="proposals", counts=selectors.proposal_counts_by_deputy, order=40
        )
    )

    # A new township starts with the default fields and answer categories.
    post_save.connect(
        receivers.township_created,
        sender="congress.Township",
        dispatch_uid="proposals.township_lists",
    )

    # The answer deadline reminders, a daily job of the core's scheduler.
    reminders.register()
