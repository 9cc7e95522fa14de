"""Channels carry notifications beyond the inbox. Each is a class in NOTIFICATION_CHANNELS
(dotted paths); adding one, an SMS gateway, is a class and a line there: no caller of
`notify` changes."""

import datetime
import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from congress.models import Notification, User

from .selectors import email_digest_read_already, email_digests_due
from .services import notification_email_failed, notification_email_skip

logger = logging.getLogger(__name__)


class Channel:
    """What every channel does. `send` is called once for each notification just stored,
    after its transaction commits; `send_digests` once a day by the digest job."""

    def send(self, notification: Notification) -> None:
        """Deliver it, queue it, or keep it for the day's digest."""
        raise NotImplementedError

    def send_digests(self, *, today: datetime.date) -> int:
        """Send what this channel kept back for a digest; returns how many messages."""
        return 0

    def __repr__(self):
        return type(self).__name__


def configured_channels() -> list[Channel]:
    return [import_string(path)() for path in settings.NOTIFICATION_CHANNELS]


class EmailChannel(Channel):
    """Email, as each user chose on their profile: one per notification, one daily digest,
    or none. Sending goes through a Celery task that retries and records failure."""

    def send(self, notification: Notification) -> None:
        user = notification.recipient
        if user.email_frequency == User.EmailFrequency.NEVER or not user.email:
            notification_email_skip(ids=[notification.pk])
        elif user.email_frequency == User.EmailFrequency.IMMEDIATE:
            from congress.tasks import send_notification_email

            _queue(send_notification_email, notification.pk, ids=[notification.pk])
        # A digest user's notification stays pending until the daily digest.

    def send_digests(self, *, today: datetime.date) -> int:
        """One email per digest user with what reached them before today and they have not
        read yet; what they read on the site meanwhile is not emailed."""
        from congress.tasks import send_digest_email

        before = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
        notification_email_skip(
            ids=email_digest_read_already(before=before).values_list("pk", flat=True)
        )
        digests = email_digests_due(before=before)
        for user, notifications in digests.items():
            ids = [notification.pk for notification in notifications]
            transaction.on_commit(
                partial(_queue, send_digest_email, user.pk, ids, today.isoformat(), ids=ids)
            )
        return len(digests)


def _queue(task, *args, ids: list[int]) -> None:
    try:
        task.delay(*args)
    except OperationalError:
        logger.exception("Task broker unreachable; notifications %s not emailed", ids)
        notification_email_failed(
            ids=ids,
            error=_("The background task queue is unreachable; the email was not sent."),
        )
