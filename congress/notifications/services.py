"""Writes on notifications: storing them once, handing them to the channels after commit,
marking them read, and recording what email did with them."""

import datetime
import logging
from collections.abc import Callable, Iterable
from functools import partial

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.text import Truncator

from congress.models import Notification, User

logger = logging.getLogger(__name__)

SUBJECT_LENGTH = Notification._meta.get_field("subject").max_length


def record_key(record: models.Model) -> str:
    """How a notification names the record it is about: "proposals.proposal:12"."""
    return f"{record._meta.label_lower}:{record.pk}"


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    subject: str,
    body: str = "",
    url: str = "",
    record: models.Model | None = None,
    day: datetime.date | None = None,
) -> list[Notification]:
    """Store a notification for each active recipient and, once committed, hand the new ones
    to every channel. With a `day` it is stored at most once per recipient, kind, record and
    day, even when two runs race: only the run whose row is stored delivers it."""
    if not kind or not subject.strip():
        raise ValueError("a notification needs a kind and a subject")
    people = {user.pk: user for user in recipients if user.is_active}
    if not people:
        return []
    key = record_key(record) if record is not None else ""
    rows = [
        Notification(
            recipient=user,
            kind=kind,
            subject=Truncator(subject.strip()).chars(SUBJECT_LENGTH),
            body=body.strip(),
            url=url,
            record_key=key,
            day=day,
        )
        for user in people.values()
    ]
    with transaction.atomic():
        if day is None:
            created = Notification.objects.bulk_create(rows)
        else:
            stored = set(
                Notification.objects.filter(
                    recipient_id__in=people, kind=kind, record_key=key, day=day
                ).values_list("recipient_id", flat=True)
            )
            created = [row for row in rows if row.recipient_id not in stored and _store_once(row)]
        if created:
            transaction.on_commit(partial(notifications_deliver, ids=[row.pk for row in created]))
    return created


def notify_each(items: Iterable, message: Callable[..., dict]) -> int:
    """`notify(**message(item))` for each item, its text rendered in the site's language (it is
    stored and read later by someone else, not the user whose request sends it): the daily
    reminder sweeps of every app. Returns how many notifications were stored."""
    with translation.override(settings.LANGUAGE_CODE):
        return sum(len(notify(**message(item))) for item in items)


def _store_once(notification: Notification) -> bool:
    """Insert in a savepoint; the unique key refusing it means another run stored it first."""
    try:
        with transaction.atomic():
            notification.save(force_insert=True)
    except IntegrityError:
        return False
    return True


def notifications_deliver(*, ids: list[int]) -> None:
    """Hand stored notifications to every channel in NOTIFICATION_CHANNELS; one channel
    failing does not keep the others from theirs."""
    from .channels import configured_channels

    notifications = list(Notification.objects.filter(pk__in=ids).select_related("recipient"))
    for channel in configured_channels():
        for notification in notifications:
            try:
                channel.send(notification)
            except Exception:
                logger.exception(
                    "Channel %r could not send notification %s", channel, notification.pk
                )


def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark one notification read (the first time only)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notification_mark_all_read(*, user) -> int:
    """Mark every unread notification of the user read; returns how many."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_email_skip(*, ids: Iterable[int]) -> int:
    """Email will not carry these (the user wants none, gave no address, or read them)."""
    return Notification.objects.filter(
        pk__in=list(ids), email_state=Notification.EmailState.PENDING
    ).update(email_state=Notification.EmailState.NOT_WANTED)


@transaction.atomic
def notification_email_send(*, notification_id: int) -> bool:
    """Email one notification at most once: the row is locked while sending, and a second
    delivery of the same task finds it sent. Failures raise, for the task to retry."""
    from .emails import notification_email

    notification = (
        Notification.objects.select_for_update(of=("self",))
        .select_related("recipient")
        .get(pk=notification_id)
    )
    if notification.email_state not in {
        Notification.EmailState.PENDING,
        Notification.EmailState.FAILED,
    }:
        return False
    notification_email(notification).send()
    notification.email_state = Notification.EmailState.SENT
    notification.email_error = ""
    notification.save(update_fields=["email_state", "email_error"])
    return True


@transaction.atomic
def notification_digest_send(*, user_id: int, ids: list[int], day: datetime.date) -> int:
    """Email a user's digest of the notifications still pending among `ids`, at most once;
    returns how many it carried. Failures raise, for the task to retry."""
    from .emails import digest_email

    notifications = list(
        Notification.objects.select_for_update()
        .filter(
            pk__in=ids,
            recipient_id=user_id,
            email_state__in=[Notification.EmailState.PENDING, Notification.EmailState.FAILED],
        )
        .order_by("created_at", "pk")
    )
    if not notifications:
        return 0
    user = User.objects.get(pk=user_id)
    digest_email(user=user, notifications=notifications, day=day).send()
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
        email_state=Notification.EmailState.SENT, email_error=""
    )
    return len(notifications)


def notification_email_failed(*, ids: Iterable[int], error: str) -> int:
    """Record that email gave up on these notifications, with the reason a user can read."""
    return (
        Notification.objects.filter(pk__in=list(ids))
        .exclude(email_state=Notification.EmailState.SENT)
        .update(email_state=Notification.EmailState.FAILED, email_error=error)
    )
