"""Reads about deadlines: the staff's work queues, a handling unit's own items by due date,
what a proposal's page shows of extensions and co-units' views, and the ratings still owed.

Every read starts from `visible_to`, so a unit sees its own items only and staff their
township's; each list costs a fixed number of queries however many rows it holds.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from congress.models import WorkdayOverride
from congress.pagination import COUNT_LIMIT, count_label, count_up_to
from congress.scoping import get_visible_or_404, visible_to

from .. import permissions, rules
from ..models import (
    Answer,
    Assignment,
    CoUnitOpinion,
    DeadlineExtension,
    Proposal,
    ProposalSigner,
    Rating,
)
from ..workflow import Status
from .proposals import overdue_q, proposal_list_for_user, proposals_to_close

# How many rows of each queue the page shows; the count says how many there are in all.
QUEUE_ROWS = 50


def _current_answer(value: str, proposal_ref: str = "pk") -> Subquery:
    """A value of a proposal's current answer (the latest one staff did not return)."""
    return Subquery(
        Answer.objects.filter(proposal=OuterRef(proposal_ref), returned=False)
        .order_by("-answered_at", "-pk")
        .values(value)[:1]
    )


def rating_cutoff(*, today: datetime.date) -> datetime.datetime:
    """Answers given before this moment have had their RATING_DAYS: answered on 1 June, the
    rating is outstanding from 16 June."""
    first_late_day = today - datetime.timedelta(days=rules.RATING_DAYS)
    return timezone.make_aware(datetime.datetime.combine(first_late_day, datetime.time.min))


def rating_due_day(answered_at: datetime.datetime) -> datetime.date:
    """The last day to rate an answer."""
    return timezone.localdate(answered_at) + datetime.timedelta(days=rules.RATING_DAYS)


def _not_rated(answer_ref) -> Exists:
    """A signer (the outer row) has no rating of the answer `answer_ref` points at."""
    return ~Exists(Rating.objects.filter(answer_id=answer_ref, deputy_id=OuterRef("deputy_id")))


def signers_with_rating_outstanding(*, today: datetime.date) -> QuerySet[ProposalSigner]:
    """Every township's signers who have not rated an answer given more than RATING_DAYS ago,
    with the answer's id and time (`current_answer_id`, `answered_at`): one query. The answer
    waits for its lead deputy's rating only, unless the township has every signer rate
    (Township.all_signers_rate)."""
    return (
        ProposalSigner.objects.filter(permissions.signed_q(), proposal__status=Status.ANSWERED)
        .filter(Q(is_lead=True) | Q(proposal__township__all_signers_rate=True))
        .annotate(
            current_answer_id=_current_answer("pk", "proposal"),
            answered_at=_current_answer("answered_at", "proposal"),
        )
        .filter(answered_at__lt=rating_cutoff(today=today))
        .filter(_not_rated(OuterRef("current_answer_id")))
        .select_related("proposal", "deputy")
        .order_by("proposal_id", "pk")
    )


# ------------------------------------------------------------------------ the staff's queues


@dataclass
class Queue:
    """One of the staff's work queues: its first rows and how many there are in all (counted
    up to COUNT_LIMIT: past it the queue says "10,000+")."""

    key: str
    title: str
    help: str
    count: int
    items: list = field(default_factory=list)
    url: str = ""  # the proposal list filtered to the same rows, where the list can

    @property
    def count_label(self) -> str:
        return count_label(self.count)

    @property
    def is_bounded(self) -> bool:
        return self.count > COUNT_LIMIT

    @property
    def more(self) -> int:
        return self.count - len(self.items)


def _list_url(**query) -> str:
    return f"{reverse('proposals:list')}?{urlencode(query)}"


def _queue(key, title, help_text, queryset, url="", annotate=None) -> Queue:
    items = list(queryset[:QUEUE_ROWS])
    for item in items:
        if annotate:
            annotate(item)
    return Queue(key, title, help_text, count_up_to(queryset), items, url)


def staff_queues(*, user, today: datetime.date) -> list[Queue]:
    """What waits for staff: proposals to register, due within REMIND_DAYS_BEFORE_DEADLINE
    days, overdue (oldest deadline first), answers to review (answered, no rating yet, newest
    first), ratings outstanding (answered more than RATING_DAYS ago, a confirmed signer has not
    rated), proposals to close (answered and rated: the home page's 待办结) and extension
    requests to decide. Two queries per queue, whatever their length."""
    proposals = proposal_list_for_user(user=user)
    horizon = today + datetime.timedelta(days=rules.REMIND_DAYS_BEFORE_DEADLINE)

    def days_left(proposal):
        _count_days(proposal, proposal.due_date, today)

    def answered_day(proposal):
        proposal.answered_on = timezone.localdate(proposal.answered_at)

    answered = proposals.filter(status=Status.ANSWERED).annotate(
        answer_id=_current_answer("pk"), answered_at=_current_answer("answered_at")
    )
    no_rating_yet = ~Exists(Rating.objects.filter(answer_id=OuterRef("answer_id")))
    unrated = (
        ProposalSigner.objects.filter(permissions.signed_q(), proposal=OuterRef("pk"))
        .filter(_not_rated(OuterRef(OuterRef("answer_id"))))
        .order_by()
        .values("proposal")
        .annotate(n=Count("pk"))
        .values("n")
    )
    extensions = (
        visible_to(DeadlineExtension.objects.filter(approved__isnull=True), user)
        .select_related("assignment__proposal", "assignment__unit", "requested_by")
        .order_by("requested_at", "pk")
    )
    return [
        _queue(
            "submitted",
            _("Awaiting registration"),
            _("Submitted, not yet registered; oldest first."),
            proposals.filter(status=Status.SUBMITTED).order_by("submitted_at", "pk"),
            url=_list_url(status=Status.SUBMITTED),
        ),
        _queue(
            "due_soon",
            _("Due within %(days)d days") % {"days": rules.REMIND_DAYS_BEFORE_DEADLINE},
            _("Assigned, the answer due from today on; soonest first."),
            proposals.filter(
                status=Status.ASSIGNED, due_date__gte=today, due_date__lte=horizon
            ).order_by("due_date", "pk"),
            annotate=days_left,
        ),
        _queue(
            "overdue",
            _("Overdue"),
            _("Assigned, the deadline passed without an answer; oldest deadline first."),
            proposals.filter(overdue_q(today)).order_by("due_date", "pk"),
            url=_list_url(overdue="true"),
            annotate=days_left,
        ),
        _queue(
            "to_review",
            _("Answers to review"),
            _("Answered, no signer has rated yet; newest answers first."),
            answered.filter(no_rating_yet).order_by("-answered_at", "-pk"),
            annotate=answered_day,
        ),
        _queue(
            "ratings",
            _("Ratings outstanding"),
            _("Answered more than %(days)d days ago; not every signer has rated.")
            % {"days": rules.RATING_DAYS},
            answered.filter(answered_at__lt=rating_cutoff(today=today))
            .annotate(unrated=Coalesce(Subquery(unrated), 0))
            .filter(unrated__gt=0)
            .order_by("answered_at", "pk"),
            annotate=answered_day,
        ),
        _queue(
            "to_close",
            _("Awaiting closing"),
            _("Answered and rated, waiting to be closed; oldest answers first."),
            proposals_to_close(user=user)
            .annotate(answered_at=_current_answer("answered_at"))
            .order_by("answered_at", "pk"),
            url=_list_url(status=Status.RATED),
            annotate=answered_day,
        ),
        _queue(
            "extensions",
            _("Extension requests"),
            _("Handling units asking for a later deadline; oldest request first."),
            extensions,
        ),
    ]


# ------------------------------------------------------------------------ a unit's own items


def unit_items_for_user(*, user) -> QuerySet[Assignment]:
    """The items a handling unit is working on (lead or co-unit, proposal still assigned),
    by their deadline, the overdue ones first, each knowing whether an extension is pending
    (`extension_pending`). Only the unit's own (READS: its unit's). Pass a page of them to
    `mark_days_left`."""
    pending = DeadlineExtension.objects.filter(assignment=OuterRef("pk"), approved__isnull=True)
    return (
        visible_to(Assignment.objects.filter(proposal__status=Status.ASSIGNED), user)
        .select_related("proposal", "proposal__deputy")
        .annotate(extension_pending=Exists(pending))
        .order_by("deadline", "proposal_id")
    )


def unit_items_overdue(items: QuerySet[Assignment], *, today: datetime.date) -> int:
    """How many of the items are overdue (by their own deadline), counted up to
    COUNT_LIMIT + 1 like the items themselves."""
    return count_up_to(items.filter(overdue_q(today, prefix="proposal__", due="deadline")))


def mark_days_left(assignments, *, today: datetime.date) -> None:
    """Each assignment marked with `days_left` (negative when overdue) and `is_overdue`."""
    for assignment in assignments:
        _count_days(assignment, assignment.deadline, today)


def _count_days(item, deadline: datetime.date, today: datetime.date) -> None:
    """Mark `item` with the days left to its deadline, or the days it is late."""
    item.days_left = (deadline - today).days
    item.is_overdue = item.days_left < 0
    item.days_overdue = max(0, -item.days_left)


# ------------------------------------------------------------------------ a proposal's page


def proposal_deadline_panel(*, proposal: Proposal, user) -> dict:
    """What a proposal's page shows of its deadlines' changes and the co-units' views, as far
    as the user may read them (a deputy reads neither), and the user's unit's own assignment
    on it."""
    assignments = list(visible_to(proposal.assignments.all(), user).select_related("unit"))
    mine = next(
        (a for a in assignments if permissions.works_for_unit(user=user, unit_id=a.unit_id)), None
    )
    extensions = list(
        visible_to(DeadlineExtension.objects.filter(assignment__proposal=proposal), user)
        .select_related("assignment__unit", "requested_by", "decided_by")
        .order_by("requested_at", "pk")
    )
    opinions = (
        visible_to(CoUnitOpinion.objects.filter(assignment__proposal=proposal), user)
        .select_related("assignment__unit", "sent_by")
        .order_by("sent_at", "pk")
    )
    return {
        "my_assignment": mine,
        "extensions": extensions,
        "extension_pending": any(e.approved is None for e in extensions),
        "opinions": list(opinions),
    }


def extension_get_for_user(*, user, pk: int) -> DeadlineExtension:
    """One extension request the user may read; 404 otherwise."""
    return get_visible_or_404(
        DeadlineExtension.objects.select_related(
            "assignment__proposal", "assignment__unit", "requested_by", "decided_by"
        ),
        user,
        pk=pk,
    )


def assignment_of_unit(*, proposal: Proposal, user) -> Assignment | None:
    """The user's unit's assignment on a proposal the user may read; None if it has none."""
    return (
        visible_to(Assignment.objects.select_related("proposal", "unit"), user)
        .filter(permissions.own_unit_q(user), proposal=proposal)
        .first()
    )


# ------------------------------------------------------------------------ working days


def workday_overrides_for_user(*, user) -> QuerySet[WorkdayOverride]:
    """The township's corrections of the published working-day calendar, latest first."""
    return visible_to(WorkdayOverride.objects.all(), user).order_by("-date")


def workday_override_get_for_user(*, user, pk: int) -> WorkdayOverride:
    return get_visible_or_404(WorkdayOverride.objects.all(), user, pk=pk)
