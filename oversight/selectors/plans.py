"""Reading the work plan: each item with what was done under it (the oversight actions and
campaigns that name it), as plain data a page or the year-end report prints."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.scoping import get_visible_or_404, visible_to

from ..models import Campaign, OversightAction, PlanItem

# From November the office writes next year's plan: the plan page opens on next year.
NEXT_YEAR_FROM_MONTH = 11


@dataclass(frozen=True)
class WorkDone:
    """An oversight action or a campaign carried out under a plan item."""

    title: str
    start: datetime.date
    end: datetime.date | None
    kind: str  # the action's kind, or 专题活动 for a campaign, as a page prints it


@dataclass(frozen=True)
class PlanLine:
    """One item of a year's plan, numbered as the plan lists it (1 for 一、)."""

    pk: int
    number: int
    title: str
    text: str
    actions: list[WorkDone] = field(default_factory=list)
    campaigns: list[WorkDone] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return bool(self.actions or self.campaigns)


def default_plan_year(today: datetime.date | None = None) -> int:
    """The year the plan page opens on: next year's from November, else this year's."""
    today = today or timezone.localdate()
    return today.year + 1 if today.month >= NEXT_YEAR_FROM_MONTH else today.year


def _lines(items: QuerySet[PlanItem], actions: QuerySet, campaigns: QuerySet) -> list[PlanLine]:
    """Three queries, however many items: the items, their actions, their campaigns."""
    items = items.order_by("order", "pk").prefetch_related(
        Prefetch(
            "actions",
            queryset=actions.select_related("activity").order_by("activity__start_date", "pk"),
            to_attr="done_actions",
        ),
        Prefetch(
            "campaigns",
            queryset=campaigns.order_by("start_date", "pk"),
            to_attr="done_campaigns",
        ),
    )
    return [
        PlanLine(
            pk=item.pk,
            number=number,
            title=item.title,
            text=item.text,
            actions=[
                WorkDone(
                    title=action.activity.title,
                    start=action.activity.start_date,
                    end=action.activity.end_date,
                    kind=OversightAction.Kind(action.kind).label,
                )
                for action in item.done_actions
            ],
            campaigns=[
                WorkDone(
                    title=campaign.title,
                    start=campaign.start_date,
                    end=campaign.end_date,
                    kind=_("Campaign"),
                )
                for campaign in item.done_campaigns
            ],
        )
        for number, item in enumerate(items, start=1)
    ]


def plan_for_year(*, township, year: int) -> list[PlanLine]:
    """The township's plan for `year`, in order, each item with every action and campaign
    linked to it: what was planned and what was done, for the year-end report."""
    return _lines(
        PlanItem.objects.filter(township=township, year=year),
        OversightAction.objects.all(),
        Campaign.objects.all(),
    )


def plan_for_user(*, user, year: int) -> list[PlanLine]:
    """The plan for `year` as the user may read it: the items, and of the work done under
    them only the actions and campaigns the user may read (a deputy: the actions they were
    on the roll of)."""
    return _lines(
        visible_to(PlanItem.objects.filter(year=year), user),
        visible_to(OversightAction.objects.all(), user),
        visible_to(Campaign.objects.all(), user),
    )


def plan_item_get_for_user(*, user, pk: int) -> PlanItem:
    return get_visible_or_404(PlanItem.objects.all(), user, pk=pk)
