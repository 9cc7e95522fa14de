"""Themed campaigns of the township, each grouping the oversight actions within its dates."""

import datetime
from typing import Required, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from congress.models import Township, User
from congress.scoping import check_same_township

from ...models import Campaign, PlanItem
from .common import format_day


class CampaignFields(TypedDict, total=False):
    """What staff enter for a campaign (its form, or the demo's rows)."""

    title: Required[str]
    start_date: Required[datetime.date]
    end_date: datetime.date | None
    description: str
    plan_item: PlanItem | None


def campaign_covers(campaign: Campaign, day: datetime.date) -> bool:
    """Whether the day lies within the campaign's dates (an open campaign has no end)."""
    return campaign.start_date <= day and (campaign.end_date is None or day <= campaign.end_date)


def _campaign_save(
    campaign: Campaign,
    *,
    by: User,
    title: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    description: str = "",
    plan_item: PlanItem | None = None,
) -> Campaign:
    check_same_township(campaign.township_id, plan_item=plan_item)
    if end_date is not None and end_date < start_date:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
    campaign.title = title.strip()
    campaign.start_date = start_date
    campaign.end_date = end_date
    campaign.description = description
    campaign.plan_item = plan_item
    if campaign.pk:
        outside = [
            action
            for action in campaign.actions.select_related("activity")
            if not campaign_covers(campaign, action.activity.start_date)
        ]
        if outside:
            raise ValidationError(
                _(
                    "%(n)s of the campaign's actions would fall outside these dates, the "
                    "first “%(title)s” on %(day)s."
                )
                % {
                    "n": len(outside),
                    "title": outside[0].activity.title,
                    "day": format_day(outside[0].activity.start_date),
                }
            )
    campaign.full_clean()
    campaign._history_user = by
    campaign.save()
    return campaign


@transaction.atomic
def campaign_create(*, township: Township, by: User, **fields: Unpack[CampaignFields]) -> Campaign:
    """Start a themed campaign of the township (its work plan item, if any, of the same
    township), ending not before it starts."""
    return _campaign_save(Campaign(township=township), by=by, **fields)


@transaction.atomic
def campaign_update(*, campaign: Campaign, by: User, **fields: Unpack[CampaignFields]) -> Campaign:
    """Correct a campaign, under the rules of campaign_create; its dates must still hold
    every action it groups."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    return _campaign_save(campaign, by=by, **fields)
