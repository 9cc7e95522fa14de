"""Reads on notifications: a user's inbox, already scoped to them, and what email still owes."""

import datetime
from collections import defaultdict

from django.db.models import QuerySet

from congress.models import Notification, User
from congress.pagination import count_label, count_up_to
from congress.scoping import get_visible_or_404, visible_to


def notifications_for_user(*, user) -> QuerySet[Notification]:
    """A user's own notifications, newest first; nobody reads another's."""
    return visible_to(Notification.objects.all(), user)


def notification_get_for_user(*, user, pk: int) -> Notification:
    """One of the user's notifications; 404 for anyone else's, so its existence does not leak."""
    return get_visible_or_404(Notification.objects.all(), user, pk=pk)


# The header counts unread notifications up to here and shows "99+" past it: an inbox of ten
# thousand unread costs the same one small query as an inbox of three.
UNREAD_BADGE_LIMIT = 99


def unread_badge_for_user(*, user) -> str:
    """The unread count as the header shows it ("" for none, "99+" past the limit): one COUNT
    query over at most UNREAD_BADGE_LIMIT + 1 rows."""
    unread = notifications_for_user(user=user).filter(read_at__isnull=True)
    count = count_up_to(unread, UNREAD_BADGE_LIMIT)
    return count_label(count, UNREAD_BADGE_LIMIT) if count else ""


def notification_keys_stored(
    *, kinds: list[str], record_keys: set[str]
) -> set[tuple[str, str, datetime.date]]:
    """The (record, kind, day) keys already stored for these records, whoever received them:
    one query, so a sweep skips what it did on an earlier day without asking per record."""
    if not record_keys:
        return set()
    return set(
        Notification.objects.filter(kind__in=kinds, record_key__in=record_keys, day__isnull=False)
        .values_list("record_key", "kind", "day")
        .distinct()
    )


def email_digests_due(*, before: datetime.datetime) -> dict[User, list[Notification]]:
    """The unread notifications, created before `before` and not yet emailed, of each active
    user who chose the daily digest and gave an address, oldest first: one query."""
    pending = (
        _digest_pending(before=before)
        .filter(read_at__isnull=True)
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "pk")
    )
    digests: dict[User, list[Notification]] = defaultdict(list)
    for notification in pending:
        digests[notification.recipient].append(notification)
    return dict(digests)


def email_digest_read_already(*, before: datetime.datetime) -> QuerySet[Notification]:
    """Digest users' pending notifications that they read on the site before the digest."""
    return _digest_pending(before=before).filter(read_at__isnull=False)


def _digest_pending(*, before: datetime.datetime) -> QuerySet[Notification]:
    return Notification.objects.filter(
        email_state=Notification.EmailState.PENDING,
        created_at__lt=before,
        recipient__is_active=True,
        recipient__email_frequency=User.EmailFrequency.DAILY,
    ).exclude(recipient__email="")
