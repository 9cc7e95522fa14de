"""Writes of the calendar: a user's secret feed address, made once and replaced on demand."""

from django.db import transaction

from congress.models import CalendarFeed, new_calendar_feed_token


@transaction.atomic
def calendar_feed_create(*, user) -> CalendarFeed:
    """The user's feed address: made the first time, the same one afterwards (a second click,
    or two at once, gives the address already there)."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_reset(*, user) -> CalendarFeed:
    """A new address for the user's feed, for when the old one may have been seen by others:
    the old token stops opening anything at once."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is None:  # never made one: the new address is the first one
        return calendar_feed_create(user=user)
    feed.token = new_calendar_feed_token()
    feed.save(update_fields=["token"])
    return feed
