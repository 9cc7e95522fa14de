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
    events = visible_to(AuthEvent.objects.all(), user).select_related("user", "actor")
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
    """The accounts of the staff member's township with failed logins that still count, one
    row per account and address (a lock holds for that pair only): the user, the address,
    its failures, the last one, whether the pair is locked and until when, and whether the
    account's failures from everywhere now ask for the picture challenge. Two queries."""
    accounts = visible_to(User.objects.all(), user)
    rows = list(
        AccessAttempt.objects.filter(
            username__in=accounts.values("username"),
            attempt_time__gte=lockout_started_after(),
        )
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .order_by("username", "-last")
    )
    if not rows:
        return []
    by_name = {
        account.username: account
        for account in accounts.filter(username__in={row["username"] for row in rows})
    }
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["username"]] = totals.get(row["username"], 0) + row["failures"]
    limit = settings.AXES_FAILURE_LIMIT
    return [
        {
            "user": by_name[row["username"]],
            "ip_address": row["ip_address"],
            "failures": row["failures"],
            "last": row["last"],
            "locked": row["failures"] >= limit,
            "until": row["last"] + settings.AXES_COOLOFF_TIME,
            "challenged": totals[row["username"]] >= settings.LOGIN_CHALLENGE_AFTER,
        }
        for row in rows
        if row["username"] in by_name
    ]


def password_resets_since_last_login(*, user: User) -> list[AuthEvent]:
    """The new initial passwords issued to this user since they last logged in (before the
    login being recorded now), oldest first, with who issued each."""
    last_login = (
        AuthEvent.objects.filter(user=user, kind=AuthEvent.Kind.LOGIN)
        .order_by("-created_at", "-pk")
        .values_list("created_at", flat=True)
        .first()
    )
    resets = AuthEvent.objects.filter(user=user, kind=AuthEvent.Kind.PASSWORD_RESET)
    if last_login is not None:
        resets = resets.filter(created_at__gt=last_login)
    return list(resets.select_related("actor").order_by("created_at", "pk"))


def lockable_user_get_for_user(*, user, pk: int) -> User:
    """An account the staff member may unlock: one of their township's; 404 otherwise."""
    return get_visible_or_404(User.objects.all(), user, pk=pk)


def recent_password_hashes(*, user: User, count: int) -> list[str]:
    """The hashes of the user's current password and of those before it: `count` in all."""
    history = PasswordHistory.objects.filter(user=user).values_list("password", flat=True)
    hashes = [user.password] if user.password else []
    hashes += [encoded for encoded in history[:count] if encoded != user.password]
    return hashes[:count]
