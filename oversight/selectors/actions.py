"""Reading oversight actions, government tasks and campaigns. Person-times are computed here
and only here (`with_participants`)."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congress.attendance import AttendanceStatus
from congress.registry import Figure, YearSummary
from congress.scoping import get_visible_or_404, visible_to
from deputies.models import ActivityAttachment, Attendance

from ..models import (
    ActionStaff,
    Campaign,
    GovernmentTask,
    OversightAction,
    PlanItem,
    Problem,
    ProgressReview,
    WorkEvaluation,
)
from ..workflow import ProblemStatus


def _count(queryset: QuerySet, by: str) -> Coalesce:
    """A correlated COUNT of `queryset` (filtered on OuterRef through the field `by`), 0 when
    none: a subquery per count, so counting deputies and staff does not multiply rows."""
    counted = queryset.order_by().values(by).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def named_staff_count():
    """An Activity expression: the staff named on the action owning it (0 for any other
    activity), for the deputies' pages through deputies.extensions.participant_sources."""
    return _count(ActionStaff.objects.filter(action__activity=OuterRef("pk")), "action")


def with_participants(actions: QuerySet[OversightAction]) -> QuerySet[OversightAction]:
    """Annotate each action with who took part: `deputies_present`, `deputies_on_leave`,
    `deputies_absent`, `staff_count`, `others` and `person_times` (present deputies + staff +
    others; a deputy on leave or absent did not take part)."""
    attendances = Attendance.objects.filter(activity=OuterRef("activity"))
    staff = ActionStaff.objects.filter(action=OuterRef("pk"))
    actions = actions.annotate(
        deputies_present=_count(attendances.filter(status=AttendanceStatus.PRESENT), "activity"),
        deputies_on_leave=_count(attendances.filter(status=AttendanceStatus.LEAVE), "activity"),
        deputies_absent=_count(attendances.filter(status=AttendanceStatus.ABSENT), "activity"),
        staff_count=_count(staff, "action"),
        others=F("activity__other_participants"),
    )
    return actions.annotate(
        person_times=F("deputies_present") + F("staff_count") + F("activity__other_participants")
    )


# ----------------------------------------------------------------------------- actions


def action_list_for_user(
    *, user, year: int | None = None, kind: str = "", campaign: Campaign | None = None
) -> QuerySet[OversightAction]:
    """The oversight actions the user may read (staff and members: the township's; a deputy:
    those they were on the roll of; a unit: those overseeing it), newest first, with their
    participants; optionally of one year, kind or campaign."""
    actions = visible_to(OversightAction.objects.all(), user).select_related(
        "activity", "campaign", "unit"
    )
    if year:
        actions = actions.filter(activity__start_date__year=year)
    if kind:
        actions = actions.filter(kind=kind)
    if campaign is not None:
        actions = actions.filter(campaign=campaign)
    return with_participants(actions).order_by("-activity__start_date", "-pk")


def action_get_for_user(*, user, pk: int) -> OversightAction:
    """One action the user may read, with its participants, campaign, plan item, unit and
    work evaluation joined; 404 otherwise."""
    actions = OversightAction.objects.select_related(
        "township", "activity", "campaign", "plan_item", "unit", "evaluation__unit"
    )
    return get_visible_or_404(with_participants(actions), user, pk=pk)


@dataclass(frozen=True)
class Participants:
    """Who took part in an action, as far as the user may read names: the counts are always
    the whole action's (they are the figures a report prints)."""

    present: list
    on_leave: list
    absent: list
    staff: list[str]


def action_participants_for_user(*, user, action: OversightAction) -> Participants:
    """The deputies by attendance (a deputy reads only their own line; a unit none) and the
    staff by name (staff and members only)."""
    rows = (
        visible_to(Attendance.objects.filter(activity_id=action.activity_id), user)
        .select_related("deputy")
        .order_by("deputy__name_stroke_key", "pk")
    )
    by_status: dict[str, list] = {status: [] for status in AttendanceStatus.values}
    for row in rows:
        by_status[row.status].append(row.deputy)
    staff = visible_to(ActionStaff.objects.filter(action=action), user).values_list(
        "name", flat=True
    )
    return Participants(
        present=by_status[AttendanceStatus.PRESENT],
        on_leave=by_status[AttendanceStatus.LEAVE],
        absent=by_status[AttendanceStatus.ABSENT],
        staff=list(staff),
    )


def action_detail_for_user(*, user, action: OversightAction) -> dict:
    """Everything an action's page shows, each part scoped to the user: participants,
    photos and documents, the tasks it oversees and the reviews it recorded, its problems and
    its work evaluation (the problems and evaluation parts of the page make no query)."""
    evaluation = getattr(action, "evaluation", None)
    if (
        evaluation is not None
        and not visible_to(WorkEvaluation.objects.filter(pk=evaluation.pk), user).exists()
    ):
        evaluation = None
    return {
        "participants": action_participants_for_user(user=user, action=action),
        "attachments": list(
            visible_to(ActivityAttachment.objects.filter(activity_id=action.activity_id), user)
        ),
        "tasks": list(
            visible_to(GovernmentTask.objects.filter(actions=action), user).select_related("unit")
        ),
        "reviews": list(
            visible_to(ProgressReview.objects.filter(action=action), user).select_related("task")
        ),
        "problems": list(
            visible_to(Problem.objects.filter(action=action), user)
            .select_related("unit")
            .order_by("deadline", "pk")
        ),
        "evaluation": evaluation,
    }


# ----------------------------------------------------------------------------- choices


def campaign_choices(*, township) -> QuerySet[Campaign]:
    return Campaign.objects.filter(township=township)


def campaign_choices_for_user(*, user) -> QuerySet[Campaign]:
    """The campaigns the user may filter the action list by."""
    return visible_to(Campaign.objects.all(), user)


def plan_item_choices(*, township) -> QuerySet[PlanItem]:
    return PlanItem.objects.filter(township=township)


def task_choices(*, township) -> QuerySet[GovernmentTask]:
    """The township's government tasks, latest year first."""
    return GovernmentTask.objects.filter(township=township)


def action_choices(*, township) -> QuerySet[OversightAction]:
    """The township's actions, newest first, titled (for a review's "recorded by")."""
    return (
        OversightAction.objects.filter(township=township)
        .select_related("activity")
        .order_by("-activity__start_date", "-pk")
    )


# ----------------------------------------------------------------------------- government tasks


def task_list_for_user(
    *, user, year: int | None = None, kind: str = ""
) -> QuerySet[GovernmentTask]:
    """The government tasks the user may read (a unit: its own), by year, list and number,
    each with its reviews in date order (`task.review_list`, no further query)."""
    tasks = visible_to(GovernmentTask.objects.all(), user).select_related("unit")
    if year:
        tasks = tasks.filter(year=year)
    if kind:
        tasks = tasks.filter(kind=kind)
    reviews = visible_to(ProgressReview.objects.order_by("date", "pk"), user)
    return tasks.prefetch_related(Prefetch("reviews", queryset=reviews, to_attr="review_list"))


def task_get_for_user(*, user, pk: int) -> GovernmentTask:
    return get_visible_or_404(GovernmentTask.objects.select_related("unit"), user, pk=pk)


def task_detail_for_user(*, user, task: GovernmentTask) -> dict:
    """A task's reviews (with the action that recorded each) and the actions that oversaw
    or reviewed it, with their participants."""
    reviews = visible_to(ProgressReview.objects.filter(task=task), user).select_related(
        "action__activity"
    )
    overseeing = OversightAction.objects.filter(Q(tasks=task) | Q(reviews__task=task))
    actions = visible_to(
        OversightAction.objects.filter(pk__in=overseeing.values("pk")), user
    ).select_related("activity")
    return {
        "reviews": list(reviews),
        "actions": list(with_participants(actions).order_by("activity__start_date", "pk")),
    }


# ----------------------------------------------------------------------------- campaigns


@dataclass(frozen=True)
class CampaignTotals:
    """A campaign's figures over all its actions: how many, the person-times taking part,
    the distinct deputies present at any of them, and the problems they found."""

    actions: int = 0
    person_times: int = 0
    deputies: int = 0
    problems: int = 0
    problems_closed: int = 0

    @property
    def problems_open(self) -> int:
        return self.problems - self.problems_closed


def campaigns_totals(campaign_ids: Iterable[int]) -> dict[int, CampaignTotals]:
    """CampaignTotals for each campaign id, in three queries however many campaigns."""
    ids = list(campaign_ids)
    if not ids:
        return {}
    actions: dict[int, list[int]] = {pk: [] for pk in ids}
    rows = with_participants(OversightAction.objects.filter(campaign_id__in=ids)).values_list(
        "campaign_id", "person_times"
    )
    for campaign_id, person_times in rows:
        actions[campaign_id].append(person_times)
    deputies = dict(
        Attendance.objects.filter(
            status=AttendanceStatus.PRESENT, activity__oversight_action__campaign_id__in=ids
        )
        .order_by()
        .values_list("activity__oversight_action__campaign_id")
        .annotate(n=Count("deputy_id", distinct=True))
    )
    problems = {
        row["action__campaign_id"]: row
        for row in Problem.objects.filter(action__campaign_id__in=ids)
        .order_by()
        .values("action__campaign_id")
        .annotate(n=Count("pk"), closed=Count("pk", filter=Q(status=ProblemStatus.CLOSED)))
    }
    return {
        pk: CampaignTotals(
            actions=len(actions[pk]),
            person_times=sum(actions[pk]),
            deputies=deputies.get(pk, 0),
            problems=problems.get(pk, {}).get("n", 0),
            problems_closed=problems.get(pk, {}).get("closed", 0),
        )
        for pk in ids
    }


def campaign_totals(*, campaign: Campaign) -> CampaignTotals:
    """One campaign's totals (see CampaignTotals): what the year-end report prints."""
    return campaigns_totals([campaign.pk])[campaign.pk]


def campaign_list_for_user(*, user) -> list[Campaign]:
    """The campaigns the user may read, latest first, each with its `totals`."""
    campaigns = list(visible_to(Campaign.objects.select_related("plan_item"), user))
    totals = campaigns_totals(campaign.pk for campaign in campaigns)
    for campaign in campaigns:
        campaign.totals = totals[campaign.pk]
    return campaigns


def campaign_get_for_user(*, user, pk: int) -> Campaign:
    return get_visible_or_404(Campaign.objects.select_related("plan_item"), user, pk=pk)


def campaign_actions_for_user(*, user, campaign: Campaign) -> QuerySet[OversightAction]:
    """The campaign's actions the user may read, in date order, with their participants."""
    actions = visible_to(OversightAction.objects.filter(campaign=campaign), user)
    return with_participants(actions.select_related("activity", "unit")).order_by(
        "activity__start_date", "pk"
    )


# ----------------------------------------------------------------------------- the year


def actions_in_year(*, township, year: int) -> QuerySet[OversightAction]:
    return with_participants(
        OversightAction.objects.filter(township=township, activity__start_date__year=year)
    )


def campaigns_in_year(*, township, year: int) -> QuerySet[Campaign]:
    """The township's campaigns begun in the year or with an action in it."""
    touching = Campaign.objects.filter(
        Q(start_date__year=year) | Q(actions__activity__start_date__year=year),
        township=township,
    )
    return Campaign.objects.filter(pk__in=touching.values("pk")).order_by("start_date", "pk")


def oversight_year_summary(*, township, year: int) -> YearSummary:
    """The year's oversight actions and the person-times taking part, in all and by kind;
    in the details also each campaign of the year with its totals."""
    rows = list(actions_in_year(township=township, year=year).values("kind", "person_times"))
    by_kind: dict[str, dict] = {}
    for row in rows:
        entry = by_kind.setdefault(row["kind"], {"n": 0, "people": 0})
        entry["n"] += 1
        entry["people"] += row["person_times"]
    campaigns = list(campaigns_in_year(township=township, year=year))
    totals = campaigns_totals(campaign.pk for campaign in campaigns)
    return YearSummary(
        key="oversight",
        title=_("Oversight"),
        figures=[
            Figure(
                "actions",
                _("Oversight actions"),
                len(rows),
                reverse("oversight:list") + f"?year={year}",
            ),
            Figure(
                "person_times",
                _("Participants in oversight (person-times)"),
                sum(entry["people"] for entry in by_kind.values()),
            ),
        ],
        details={
            "by_kind": [
                {
                    "label": kind.label,
                    "count": by_kind[kind.value]["n"],
                    "person_times": by_kind[kind.value]["people"],
                }
                for kind in OversightAction.Kind
                if kind.value in by_kind
            ],
            "campaigns": [
                {"campaign": campaign, "totals": totals[campaign.pk]} for campaign in campaigns
            ],
        },
    )


def oversight_dashboard(*, user, year: int) -> dict:
    """The year's oversight actions the user may read and the person-times taking part."""
    actions = with_participants(
        visible_to(OversightAction.objects.filter(activity__start_date__year=year), user)
    )
    person_times = list(actions.values_list("person_times", flat=True))
    return {
        "figures": [
            Figure(
                "oversight",
                _("Oversight actions"),
                len(person_times),
                reverse("oversight:list") + f"?year={year}",
            ),
            Figure(
                "oversight_person_times",
                _("Participants in oversight (person-times)"),
                sum(person_times),
            ),
        ]
    }
