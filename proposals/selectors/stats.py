"""The proposal statistics: one function computes every figure, for the statistics page, its
Excel export and the year summary the reports quote (proposals.selectors.proposals_year_summary),
so that no two pages count the same thing two ways.

What is counted (all per township; a year is the year a proposal was submitted, local time):

- **received**: every proposal submitted in the year (any state but a draft or a withdrawn
  draft), of the given session only when one is given;
- **assigned**: handed to a lead unit (assigned, or any state the workflow reaches from there);
- **answered**: the lead unit has answered at least once (an answer staff later returned still
  counts: the unit did answer);
- **on time**: answered, and the *first* answer is dated (local day of `Answer.answered_at`, the
  real day for a paper answer) on or before the proposal's due date as it stood when that answer
  was recorded (`Proposal.due_date` at answer time: the lead assignment's deadline with any
  approved extension, read from the proposal's history row written by the answer step). A
  second answer after a 不满意 rating or a returned answer is not judged again. The on-time rate
  is on time / answered;
- **answer categories**: the category of each proposal's current answer (the latest one staff
  did not return), with its share of the proposals that have one;
- **satisfaction**, per item as offices count it: each proposal's rating is its lead deputy's
  (领衔代表, `ProposalSigner.is_lead`) latest rating (a rating of an earlier answer counts until
  the lead rates a later one); co-signers' ratings are kept and shown on the proposal but not
  counted. The items rated are counted 满意 / 基本满意 / 不满意 on attitude and on result, and
  满意率 = (满意 + 基本满意) / items rated (SATISFACTION_DEFINITION), on each aspect.

The number of queries does not depend on the number of proposals (tests pin it).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.roles import Reach
from congress.scoping import reach_of
from sessions.models import CongressSession

from ..models import Answer, AnswerCategory, Proposal, ProposalSigner, Rating
from ..workflow import PROPOSAL_WORKFLOW, RECEIVED, Status

# Printed under the figure wherever a 满意率 is printed: the page, both reports.
SATISFACTION_DEFINITION = _(
    "Satisfaction rate = (items satisfied + items basically satisfied) ÷ items rated; an "
    "item's rating is its lead deputy's."
)


def may_read_statistics(user) -> bool:
    """The statistics count every proposal of a township: only the roles that read every
    proposal of their township (congress.roles.READS: staff and presidium members) see them."""
    return (
        user.has_perm("proposals.view_proposal")
        and user.township_id is not None
        and reach_of(user, Proposal) == Reach.TOWNSHIP
    )


def percent(count: int, whole: int) -> Decimal | None:
    """count / whole as a percentage with one decimal (half up), None when whole is 0."""
    if not whole:
        return None
    return (Decimal(100 * count) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class HandlingRow:
    """The proposals of one kind, field, lead unit or session, and how they were handled."""

    key: str
    label: str
    total: int = 0
    key_proposals: int = 0
    assigned: int = 0
    answered: int = 0
    on_time: int = 0

    @property
    def on_time_rate(self) -> Decimal | None:
        return percent(self.on_time, self.answered)

    def __add__(self, other: "HandlingRow") -> "HandlingRow":
        return HandlingRow(
            key=self.key,
            label=self.label,
            total=self.total + other.total,
            key_proposals=self.key_proposals + other.key_proposals,
            assigned=self.assigned + other.assigned,
            answered=self.answered + other.answered,
            on_time=self.on_time + other.on_time,
        )


@dataclass(frozen=True)
class CountRow:
    """A count and its share of a whole: proposals in a state, answers in a category."""

    key: str
    label: str
    count: int
    whole: int

    @property
    def share(self) -> Decimal | None:
        return percent(self.count, self.whole)


@dataclass(frozen=True)
class SatisfactionRow:
    """How many items their lead deputy rated at one level (满意, 基本满意, 不满意), on attitude
    and on result, of the items rated."""

    key: str
    label: str
    attitude: int
    result: int
    rated: int

    @property
    def attitude_share(self) -> Decimal | None:
        return percent(self.attitude, self.rated)

    @property
    def result_share(self) -> Decimal | None:
        return percent(self.result, self.rated)


@dataclass(frozen=True)
class ProposalStatistics:
    township_id: int
    year: int
    session: CongressSession | None
    totals: HandlingRow
    by_kind: list[HandlingRow]
    by_field: list[HandlingRow]
    by_unit: list[HandlingRow]
    by_session: list[HandlingRow]
    by_state: list[CountRow]
    categories: list[CountRow]
    satisfaction: list[SatisfactionRow]
    rated: int = 0  # items whose lead deputy has rated an answer

    @property
    def with_current_answer(self) -> int:
        return self.categories[0].whole if self.categories else 0

    def satisfied_count(self, aspect: str) -> int:
        """Items rated 满意 or 基本满意 on `aspect` ("attitude" or "result")."""
        return sum(
            getattr(row, aspect)
            for row in self.satisfaction
            if row.key in {Rating.Level.SATISFIED, Rating.Level.BASIC}
        )

    def satisfied_share(self, aspect: str) -> Decimal | None:
        """满意率 on `aspect`: (满意 + 基本满意) / items rated (SATISFACTION_DEFINITION)."""
        return percent(self.satisfied_count(aspect), self.rated)

    def level(self, key: str) -> SatisfactionRow:
        """The row of one level (Rating.Level's value)."""
        return next(row for row in self.satisfaction if row.key == key)


def _received(*, township, year: int, session=None) -> QuerySet[Proposal]:
    proposals = Proposal.objects.filter(RECEIVED, township=township, submitted_at__year=year)
    if session is not None:
        proposals = proposals.filter(session=session)
    return proposals


def _with_handling(proposals: QuerySet[Proposal]) -> QuerySet[Proposal]:
    """Each proposal with the local day of its first answer and the due date it had then."""
    first_answer = (
        Answer.objects.filter(proposal=OuterRef("pk"))
        .order_by("answered_at", "pk")
        .annotate(day=TruncDate("answered_at", tzinfo=timezone.get_current_timezone()))
        .values("day")[:1]
    )
    # The answer step saves the proposal (new status) and so writes a history row holding the
    # due date in force at that moment; the first such row belongs to the first answer.
    # Records written without history (none through the services) fall back to today's.
    due_then = (
        Proposal.history.model.objects.filter(id=OuterRef("pk"), status=Status.ANSWERED)
        .order_by("history_date", "history_id")
        .values("due_date")[:1]
    )
    return proposals.annotate(
        first_answered_on=Subquery(first_answer),
        due_when_answered=Coalesce(Subquery(due_then), F("due_date")),
    )


ASSIGNED = Q(status__in=PROPOSAL_WORKFLOW.at_or_after(Status.ASSIGNED))
ANSWERED = Q(first_answered_on__isnull=False)
ON_TIME = ANSWERED & Q(first_answered_on__lte=F("due_when_answered"))


def _grouped(proposals: QuerySet[Proposal], *group: str) -> list[dict]:
    return list(
        proposals.order_by()
        .values(*group)
        .annotate(
            total=Count("pk"),
            key_proposals=Count("pk", filter=Q(is_key=True)),
            assigned=Count("pk", filter=ASSIGNED),
            answered=Count("pk", filter=ANSWERED),
            on_time=Count("pk", filter=ON_TIME),
        )
    )


def _row(key, label, counts: dict) -> HandlingRow:
    return HandlingRow(
        key=str(key),
        label=label,
        total=counts["total"],
        key_proposals=counts["key_proposals"],
        assigned=counts["assigned"],
        answered=counts["answered"],
        on_time=counts["on_time"],
    )


def _by_kind(handled) -> list[HandlingRow]:
    counts = {row["kind"]: row for row in _grouped(handled, "kind")}
    return [
        _row(kind.value, kind.label, counts[kind.value]) for kind in Proposal.Kind if kind in counts
    ]


def _by_field(handled) -> list[HandlingRow]:
    rows = sorted(
        _grouped(handled, "field", "field__name", "field__order"),
        key=lambda r: (r["field"] is None, r["field__order"] or 0, r["field"] or 0),
    )
    return [_row(r["field"] or "", r["field__name"] or _("No field"), r) for r in rows]


def _by_unit(handled) -> list[HandlingRow]:
    rows = sorted(
        _grouped(
            handled.filter(handling_unit__isnull=False), "handling_unit", "handling_unit__name"
        ),
        key=lambda r: (-r["total"], r["handling_unit__name"]),
    )
    return [_row(r["handling_unit"], r["handling_unit__name"], r) for r in rows]


def _by_session(handled) -> list[HandlingRow]:
    rows = _grouped(handled, "session")
    sessions = CongressSession.objects.in_bulk([r["session"] for r in rows if r["session"]])
    rows.sort(
        key=lambda r: (
            r["session"] is None,
            sessions[r["session"]].start_date if r["session"] else 0,
        )
    )
    return [
        _row(
            r["session"] or "", sessions[r["session"]] if r["session"] else _("Between sessions"), r
        )
        for r in rows
    ]


def _by_state(proposals) -> list[CountRow]:
    counts = dict(
        proposals.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    whole = sum(counts.values())
    return [
        CountRow(state.value, state.label, counts[state.value], whole)
        for state in Status
        if state.value in counts
    ]


def _categories(proposals, township) -> list[CountRow]:
    """Every category of the township (none left out for having no answer), then answers
    without one, by the proposals' current answers."""
    current = Answer.objects.filter(proposal=OuterRef("pk"), returned=False).order_by(
        "-answered_at", "-pk"
    )
    counts = dict(
        proposals.filter(Exists(current))
        .annotate(category=Subquery(current.values("category_id")[:1]))
        .order_by()
        .values_list("category")
        .annotate(n=Count("pk"))
        .values_list("category", "n")
    )
    whole = sum(counts.values())
    rows = [
        CountRow(category.code, str(category), counts.get(category.pk, 0), whole)
        for category in AnswerCategory.objects.filter(township=township).order_by("order", "code")
    ]
    if counts.get(None):
        rows.append(CountRow("", _("No category"), counts[None], whole))
    return rows


def _satisfaction(proposals) -> tuple[list[SatisfactionRow], int]:
    """Each item once: its lead deputy's latest rating."""
    by_lead = ProposalSigner.objects.filter(
        proposal=OuterRef("answer__proposal"), deputy=OuterRef("deputy"), is_lead=True
    )
    later = Rating.objects.filter(
        answer__proposal=OuterRef("answer__proposal"), deputy=OuterRef("deputy")
    ).filter(
        Q(rated_at__gt=OuterRef("rated_at"))
        | Q(rated_at=OuterRef("rated_at"), pk__gt=OuterRef("pk"))
    )
    levels = list(Rating.Level)
    counts = (
        Rating.objects.filter(answer__proposal__in=proposals.values("pk"))
        .filter(Exists(by_lead), ~Exists(later))
        .aggregate(
            rated=Count("pk"),
            **{
                f"attitude_{level.value}": Count("pk", filter=Q(attitude=level)) for level in levels
            },
            **{f"result_{level.value}": Count("pk", filter=Q(result=level)) for level in levels},
        )
    )
    rated = counts["rated"]
    rows = [
        SatisfactionRow(
            key=level.value,
            label=level.label,
            attitude=counts[f"attitude_{level.value}"],
            result=counts[f"result_{level.value}"],
            rated=rated,
        )
        for level in levels
    ]
    return rows, rated


def proposal_statistics(*, township, year: int, session=None) -> ProposalStatistics:
    """The township's proposals of `year` (and of `session`, if given): by kind, field, lead
    unit, session and state; answers by category; the on-time answer rate; satisfaction. The
    definitions are in this module's docstring."""
    proposals = _received(township=township, year=year, session=session)
    handled = _with_handling(proposals)
    by_kind = _by_kind(handled)
    totals = HandlingRow(key="total", label=_("Total"))
    for row in by_kind:
        totals = totals + row
    satisfaction, rated = _satisfaction(proposals)
    return ProposalStatistics(
        township_id=getattr(township, "pk", township),
        year=year,
        session=session,
        totals=totals,
        by_kind=by_kind,
        by_field=_by_field(handled),
        by_unit=_by_unit(handled),
        by_session=_by_session(handled),
        by_state=_by_state(proposals),
        categories=_categories(proposals, township),
        satisfaction=satisfaction,
        rated=rated,
    )
