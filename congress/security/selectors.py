"""Reads on the security records: the audit log and the locked logins a staff member sees,
and the password hashes the history rule compares with."""

import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, QuerySet, Sum
from django.utils import timezone

from congress.models import AuthEvent, PasswordHistory, User
from congress.scoping import get_visible_or_404, visible_to


def auth_events_for_user(
    *,
    user,
    kind: str = "",
    username: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[AuthEvent]:
    """The audit log of the user's township, newest first, filtered by kind, account and days
    (in the site's time zone); other townships' lines and failures at unknown names are not
    there (the admin shows those)."""
    events = visible_to(AuthEvent.objects.all(), user).select_related("user")
    if kind:
        events = events.filter(kind=kind)
    if username:
        events = events.filter(username__iexact=username.strip())
    if date_from:
        events = events.filter(created_at__gte=_start_of(date_from))
    if date_to:
        events = events.filter(created_at__lt=_start_of(date_to + datetime.timedelta(days=1)))
    return events


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def lockout_started_after() -> datetime.datetime:
    """Failures recorded before this have cooled off (LOGIN_LOCKOUT_MINUTES)."""
    return timezone.now() - settings.AXES_COOLOFF_TIME


def login_failures_for_user(*, user) -> list[dict]:
    """The accounts of the staff member's township with failed logins that still count: each
    user, their failures, the last one, whether they are locked and until when. Two queries."""
    accounts = visible_to(User.objects.all(), user)
    rows = (
        AccessAttempt.objects.filter(
            username__in=accounts.values("username"),
            attempt_time__gte=lockout_started_after(),
        )
        .values("username")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    )
    counted = {row["username"]: row for row in rows}
    if not counted:
        return []
    limit = settings.AXES_FAILURE_LIMIT
    result = []
    for account in accounts.filter(username__in=counted).order_by("username"):
        row = counted[account.username]
        result.append(
            {
                "user": account,
                "failures": row["failures"],
                "last": row["last"],
                "locked": row["failures"] >= limit,
                "until": row["last"] + settings.AXES_COOLOFF_TIME,
            }
        )
    return result


def lockable_user_get_for_user(*, user, pk: int) -> User:
    """An account the staff member may unlock: one of their township's; 404 otherwise."""
    return get_visible_or_404(User.objects.all(), user, pk=pk)


def recent_password_hashes(*, user: User, count: int) -> list[str]:
    """The hashes of the user's current password and of those before it: `count` in all."""
    history = PasswordHistory.objects.filter(user=user).values_list("password", flat=True)
    hashes = [user.password] if user.password else []
    hashes += [encoded for encoded in history[:count] if encoded != user.password]
    return hashes[:count]
