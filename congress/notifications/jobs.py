"""The core's scheduled job: each channel's daily digest."""

import datetime

from .channels import configured_channels


def send_daily_digests(*, today: datetime.date) -> int:
    """Every channel sends the digests it kept back (email: one per digest user with unread
    notifications from before today); returns how many messages were queued."""
    return sum(channel.send_digests(today=today) for channel in configured_channels())
