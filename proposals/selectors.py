from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from congress.registry import Figure, Todo, YearSummary
from congress.roles import Role
from congress.scoping import visible_to
from deputies.models import Deputy

from .models import AssignmentMeeting, Proposal, ProposalStatusChange, Rating
from .workflow import PROPOSAL_WORKFLOW, Status

RECENT = 10
PRIVATE_STATES = (Status.DRAFT, Status.WITHDRAWN)
# Proposals that count as received: submitted, whatever became of them since.
RECEIVED = ~Q(status__in=PRIVATE_STATES)


def proposal_list_for_user(*, user) -> QuerySet[Proposal]:
    """Staff and members read their township's proposals, a deputy those they signed (or are
    asked to), a handling unit those assigned to it (congress.roles.READS); anyone else none.
    A draft or a withdrawn draft is its signers' alone."""
    proposals = visible_to(
        Proposal.objects.select_related("deputy", "handling_unit", "session", "field"), user
    )
    if user.role != Role.DEPUTY:
        proposals = proposals.exclude(status__in=PRIVATE_STATES)
    return proposals


def proposal_get_for_user(*, user, pk: int) -> Proposal:
    """One proposal the user may read; 404 otherwise, so that its existence does not leak."""
    return get_object_or_404(proposal_list_for_user(user=user), pk=pk)


def lead_member_choices(*, township) -> QuerySet:
    """Presidium members (and staff) of the township who may lead a key proposal."""
    from congress.models import User

    return User.objects.filter(
        township=township, role__in=[Role.MEMBER, Role.STAFF], is_active=True
    ).order_by("first_name", "username")


def meeting_choices(*, township) -> QuerySet[AssignmentMeeting]:
    return AssignmentMeeting.objects.filter(township=township).order_by("-date")


def deputies_to_rate(*, proposal: Proposal) -> QuerySet[Deputy]:
    """The confirmed signers who have not yet rated the current answer."""
    answer = proposal.answers.filter(returned=False).order_by("-answered_at", "-pk").first()
    signers = Deputy.objects.filter(
        Q(signatures__is_lead=True) | Q(signatures__confirmed_at__isnull=False),
        signatures__proposal=proposal,
    )
    if answer is not None:
        signers = signers.exclude(ratings__answer=answer)
    return signers.order_by("name", "pk").distinct()


def proposal_detail(*, proposal: Proposal, user) -> dict:
    """Everything a proposal's page shows: signers, units and deadlines, answers with their
    ratings, and the timeline (who, when, note) the deputy follows."""
    answers = proposal.answers.select_related("category", "unit", "answered_by").prefetch_related(
        Prefetch("ratings", queryset=Rating.objects.select_related("deputy"))
    )
    return {
        "signers": proposal.signers.select_related("deputy"),
        "assignments": visible_to(proposal.assignments.all(), user).select_related(
            "unit", "meeting"
        ),
        "answers": visible_to(answers, user),
        "status_changes": proposal_status_changes(proposal=proposal),
    }


def proposal_status_changes(*, proposal: Proposal) -> QuerySet[ProposalStatusChange]:
    """A proposal's handling record, oldest first, with who made each step."""
    return proposal.status_changes.select_related("changed_by")


def _list_url(**query) -> str:
    return f"{reverse('proposals:list')}?{urlencode(query)}"


def proposals_year_summary(*, township, year: int) -> YearSummary:
    """The year's proposals as the reports quote them: the figures of the statistics page
    (proposals.selectors_stats.proposal_statistics, where each is defined), not a second count."""
    from .selectors_stats import proposal_statistics

    stats = proposal_statistics(township=township, year=year)
    totals = stats.totals
    figures = [
        Figure("total", _("Proposals submitted"), totals.total, _list_url(year=year)),
        Figure("key", _("of which key proposals"), totals.key_proposals),
        Figure("assigned", _("of which assigned to handling units"), totals.assigned),
        Figure("answered", _("of which answered"), totals.answered),
        Figure("on_time", _("of which answered on time"), totals.on_time),
    ]
    figures += [
        Figure(
            f"category_{row.key}",
            format_lazy(_("Answers in category {category}"), category=row.label),
            row.count,
        )
        for row in stats.categories
        if row.key
    ]
    for row in stats.satisfaction:
        figures += [
            Figure(
                f"attitude_{row.key}",
                format_lazy(_("Ratings of the handling attitude: {level}"), level=row.label),
                row.attitude,
            ),
            Figure(
                f"result_{row.key}",
                format_lazy(_("Ratings of the handling result: {level}"), level=row.label),
                row.result,
            ),
        ]
    return YearSummary(
        key="proposals",
        title=_("Proposals"),
        figures=figures,
        details={"statistics": stats},
    )


def proposal_counts_by_deputy(*, township, year: int, deputy_ids) -> dict[int, dict[str, int]]:
    """Each deputy's proposals of the year, for their performance record (one query)."""
    rows = (
        Proposal.objects.filter(
            RECEIVED, township=township, submitted_at__year=year, deputy_id__in=deputy_ids
        )
        .order_by()
        .values("deputy_id")
        .annotate(n=Count("pk"))
    )
    return {row["deputy_id"]: {"proposals": row["n"]} for row in rows}


def proposals_dashboard(*, user, year: int) -> dict:
    """The home page's proposals: what waits for this user's next move (the workflow says
    which moves they may make), the year's count, and the latest ones they may read."""
    proposals = proposal_list_for_user(user=user)
    waiting = [
        move for move in PROPOSAL_WORKFLOW.moves if move.todo and user.has_perm(move.permission)
    ]
    todo = []
    if waiting:
        by_status = dict(
            proposals.order_by()
            .values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        for move in waiting:
            for status in move.sources:
                todo.append(
                    Todo(str(move.todo), by_status.get(status, 0), _list_url(status=status))
                )
    headings = {
        Role.DEPUTY: _("My proposals"),
        Role.UNIT: _("Proposals assigned to my unit"),
    }
    context = {
        "todo": todo,
        "recent": list(proposals[:RECENT]),
        "heading": headings.get(user.role, _("Recent proposals")),
    }
    if user.role in {Role.STAFF, Role.MEMBER}:
        context["figures"] = [
            Figure(
                "proposals",
                _("Proposals submitted"),
                proposals.filter(submitted_at__year=year).count(),
                _list_url(year=year),
            )
        ]
    return context
