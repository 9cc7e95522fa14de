import dataclasses
import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from congress.models import User
from congress.registry import Figure, Todo, YearSummary
from congress.roles import Role
from congress.scoping import visible_to
from deputies.models import Deputy

from ..masking import mask_personal_data
from ..models import (
    Answer,
    AnswerCategory,
    Assignment,
    AssignmentMeeting,
    Proposal,
    ProposalDateCorrection,
    ProposalField,
    ProposalSigner,
    ProposalStatusChange,
    Rating,
)
from ..permissions import MERGE_TARGET_STATES, PUBLIC_STATES, signed_q
from ..workflow import PRIVATE_STATES, PROPOSAL_WORKFLOW, RECEIVED, Status
from .stats import proposal_statistics

RECENT = 10


def overdue_q(today: datetime.date | None = None, prefix: str = "", due: str = "due_date") -> Q:
    """Overdue: being handled (assigned) and its answer due before today (the deadline day
    itself is in time). `prefix` reaches the proposal from another model; `due` is the date
    field to compare, as reached from that model (an assignment's own "deadline", which an
    extension or a 不满意 rating moves with the proposal's)."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}status": Status.ASSIGNED, f"{due}__lt": today})


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


def own_signature(*, proposal: Proposal, user):
    """The user's own signature on a proposal they may read (as a deputy asked to co-sign it),
    or None."""
    return proposal.signers.filter(deputy__user=user).select_related("deputy").first()


def lead_member_choices(*, township) -> QuerySet:
    """Presidium members (and staff) of the township who may lead a key proposal."""
    return User.objects.filter(
        township=township, role__in=[Role.MEMBER, Role.STAFF], is_active=True
    ).order_by("first_name", "username")


def meeting_choices(*, township) -> QuerySet[AssignmentMeeting]:
    return AssignmentMeeting.objects.filter(township=township).order_by("-date")


def current_answer(proposal: Proposal) -> Answer | None:
    """The answer in force: the latest not sent back."""
    return proposal.answers.filter(returned=False).order_by("-answered_at", "-pk").first()


def deputies_to_rate(*, proposal: Proposal) -> QuerySet[Deputy]:
    """The confirmed signers who have not yet rated the current answer."""
    answer = current_answer(proposal)
    signers = Deputy.objects.filter(signed_q("signatures__"), signatures__proposal=proposal)
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
    """A proposal's handling record in the order the steps happened (their real dates, not
    when they were typed), with who made each step."""
    return proposal.status_changes.select_related("changed_by").order_by("changed_at", "pk")


def proposal_date_corrections(*, proposal: Proposal) -> QuerySet[ProposalDateCorrection]:
    """The dates staff corrected on a proposal, with the old and new date, who and why."""
    corrections = proposal.date_corrections.select_related("corrected_by")
    return corrections.order_by("corrected_at", "pk")


def _list_url(**query) -> str:
    return f"{reverse('proposals:list')}?{urlencode(query)}"


def proposals_year_summary(*, township, year: int) -> YearSummary:
    """The year's proposals as the reports quote them: the figures of the statistics page
    (proposals.selectors.stats.proposal_statistics, where each is defined), not a second count."""
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


def proposal_counts_by_deputy(*, township, year: int) -> QuerySet[Proposal]:
    """Each deputy's proposals of the year, grouped in SQL, for their performance record."""
    return (
        Proposal.objects.filter(RECEIVED, township=township, submitted_at__year=year)
        .order_by()
        .values("deputy_id")
        .annotate(proposals=Count("pk"))
    )


# 待办结: answered and rated, waiting for staff to close. An answer not yet rated waits for its
# ratings first (the work queues' "Answers to review" and "Ratings outstanding").
TO_CLOSE = Status.RATED


def proposals_to_close(*, user) -> QuerySet[Proposal]:
    """The proposals waiting to be closed (办结): answered and rated. The home page counts
    them, the work queues list them."""
    return proposal_list_for_user(user=user).filter(status=TO_CLOSE)


def _todo_label(move, user) -> str:
    """How the home page names what waits for a move. Recording an answer is a unit's own
    task; staff record answers for the units, and are not one."""
    if move.name == "answer" and user.role != Role.UNIT:
        return str(_("Proposals waiting for the handling units' answers"))
    return str(move.todo)


def proposals_dashboard(*, user, year: int) -> dict:
    """The home page's proposals: what waits for this user's next move (the workflow says
    which moves they may make), the year's count, and the year's latest ones they may read."""
    proposals = proposal_list_for_user(user=user)
    # The list is the year's, as the figures are: a later year's proposal is not in 2025's
    # page; a draft (not submitted yet) is this year's.
    of_year = Q(submitted_at__year=year)
    if year >= timezone.localdate().year:
        of_year |= Q(submitted_at__isnull=True)
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
            # 待办结 counts the proposals the work queues list (proposals_to_close).
            sources = (TO_CLOSE,) if move.name == "close" else move.sources
            for status in sources:
                count = by_status.get(status, 0)
                todo.append(Todo(_todo_label(move, user), count, _list_url(status=status)))
    headings = {
        Role.DEPUTY: _("My proposals"),
        Role.UNIT: _("Proposals assigned to my unit"),
    }
    context = {
        "todo": todo,
        "recent": list(proposals.filter(of_year)[:RECENT]),
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


# ------------------------------------------------------------------------ assignment meetings


def meeting_list_for_user(*, user) -> QuerySet[AssignmentMeeting]:
    """The township's assignment meetings, latest first, each with how many proposals were
    handed out there."""
    return visible_to(AssignmentMeeting.objects.all(), user).annotate(
        assigned=Count("assignments", filter=Q(assignments__role=Assignment.Role.LEAD))
    )


def meeting_get_for_user(*, user, pk: int) -> AssignmentMeeting:
    return get_object_or_404(visible_to(AssignmentMeeting.objects.all(), user), pk=pk)


def _by_number(proposals: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return proposals.order_by("number_year", "kind", "number", "pk")


def proposals_to_assign(*, user, township, chosen=()) -> QuerySet[Proposal]:
    """The township's registered proposals not yet handed to a unit, by number, and those of
    `chosen` (ids a batch was sent with) whatever became of them since the page was shown:
    the batch must refuse one assigned meanwhile by name, not silently leave it out."""
    return _by_number(
        proposal_list_for_user(user=user).filter(
            Q(status=Status.REGISTERED) | Q(pk__in=chosen), township=township
        )
    )


@dataclass
class MeetingRow:
    """A proposal handed out at a meeting, with its units and deadline."""

    proposal: Proposal
    lead: Assignment | None = None
    co_units: list = dataclasses.field(default_factory=list)
    signers: list = dataclasses.field(default_factory=list)


def meeting_assignments(*, meeting: AssignmentMeeting, with_signers: bool = False) -> list:
    """What was assigned at the meeting, one row per proposal by number: its lead unit's
    assignment (date, deadline, hard), its co-units and, for the printed sheets, its signers
    (lead first, then those who confirmed). A fixed number of queries."""
    assignments = (
        Assignment.objects.filter(meeting=meeting)
        .select_related("unit", "proposal__deputy", "proposal__field")
        .order_by(
            "proposal__number_year", "proposal__kind", "proposal__number", "proposal_id", "role"
        )
    )
    if with_signers:
        signers = ProposalSigner.objects.filter(signed_q()).select_related("deputy")
        assignments = assignments.prefetch_related(
            Prefetch("proposal__signers", queryset=signers, to_attr="confirmed_signers")
        )
    rows: dict[int, MeetingRow] = {}
    for assignment in assignments:
        row = rows.setdefault(assignment.proposal_id, MeetingRow(assignment.proposal))
        if assignment.role == Assignment.Role.LEAD:
            row.lead = assignment
        else:
            row.co_units.append(assignment.unit)
        if with_signers:
            row.signers = assignment.proposal.confirmed_signers
    return list(rows.values())


# ------------------------------------------------------------------------ merging and splitting


def merge_targets(*, user, proposal: Proposal) -> QuerySet[Proposal]:
    """The suggestions of the township a duplicate may be merged into, newest first."""
    return (
        proposal_list_for_user(user=user)
        .filter(
            township_id=proposal.township_id,
            kind=Proposal.Kind.SUGGESTION,
            status__in=MERGE_TARGET_STATES,
        )
        .exclude(pk=proposal.pk)
    )


def proposal_relations(*, proposal: Proposal, user) -> dict:
    """The proposals this one was merged into or split from, and those merged into it or
    split from it, as far as the user may read them (one query)."""
    related = proposal_list_for_user(user=user).filter(
        Q(pk__in=[pk for pk in (proposal.merged_into_id, proposal.split_from_id) if pk])
        | Q(merged_into=proposal)
        | Q(split_from=proposal)
    )
    found = {"merged_into": None, "split_from": None, "merged": [], "split_into": []}
    for other in related.order_by("pk"):
        if other.pk == proposal.merged_into_id:
            found["merged_into"] = other
        if other.pk == proposal.split_from_id:
            found["split_from"] = other
        if other.merged_into_id == proposal.pk:
            found["merged"].append(other)
        if other.split_from_id == proposal.pk:
            found["split_into"].append(other)
    return found


# ------------------------------------------------------------------------ the public page


@dataclass(frozen=True)
class PublicItem:
    """Exactly what the public page shows of a proposal, and nothing else."""

    number: str
    title: str
    field: str
    unit: str
    category: str
    answer: str
    answered_on: object


def _publishable() -> QuerySet[Proposal]:
    """Answered proposals with what `public_items` reads of them (two queries)."""
    answers = (
        Answer.objects.filter(returned=False)
        .select_related("category", "unit")
        .order_by("-answered_at", "-pk")
    )
    return (
        Proposal.objects.filter(status__in=PUBLIC_STATES)
        .select_related("field", "handling_unit")
        .prefetch_related(Prefetch("answers", queryset=answers, to_attr="current_answers"))
    )


def public_proposals(*, township_id: int) -> QuerySet[Proposal]:
    """The township's answered proposals staff chose to publish, by number (newest year
    first); drafts, unanswered and unpublished ones never."""
    return (
        _publishable()
        .filter(township_id=township_id, published=True)
        .order_by("-number_year", "kind", "-number", "-pk")
    )


def public_items(proposals) -> list[PublicItem]:
    """The public page's rows for proposals of `public_proposals`: no names, no ratings, and
    no phone number, ID card number or e-mail address in the title or the answer."""
    items = []
    for proposal in proposals:
        answer = proposal.current_answers[0] if proposal.current_answers else None
        items.append(
            PublicItem(
                number=str(proposal.number_label),
                title=mask_personal_data(proposal.title),
                field=proposal.field.name if proposal.field else "",
                unit=answer.unit.name if answer else getattr(proposal.handling_unit, "name", ""),
                category=answer.category.label if answer and answer.category else "",
                answer=mask_personal_data(answer.text) if answer else "",
                answered_on=timezone.localdate(answer.answered_at) if answer else None,
            )
        )
    return items


def public_preview(*, proposal: Proposal) -> PublicItem | None:
    """What the public page shows, or would show once published, of an answered proposal,
    built by `public_items` itself so that staff preview exactly that; None while it has no
    answer to show."""
    found = list(_publishable().filter(pk=proposal.pk))
    return public_items(found)[0] if found else None


# ------------------------------------------------------------------------ the township's lists


def proposal_field_list_for_user(*, user) -> QuerySet[ProposalField]:
    """The township's proposal fields in the order forms offer them, those in use or not."""
    return visible_to(ProposalField.objects.all(), user).order_by("order", "pk")


def proposal_field_get_for_user(*, user, pk: int) -> ProposalField:
    return get_object_or_404(proposal_field_list_for_user(user=user), pk=pk)


def answer_category_list_for_user(*, user) -> QuerySet[AnswerCategory]:
    return visible_to(AnswerCategory.objects.all(), user).order_by("order", "code")


def answer_category_get_for_user(*, user, pk: int) -> AnswerCategory:
    return get_object_or_404(answer_category_list_for_user(user=user), pk=pk)
