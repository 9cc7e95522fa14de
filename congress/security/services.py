"""Writes on the security records: the audit log, the password history, unlocking a login."""

import datetime

from axes.utils import reset as axes_reset
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.models import AuthEvent, PasswordHistory, User

from .client import client_ip, client_user_agent

PATH_LENGTH = AuthEvent._meta.get_field("path").max_length


def auth_event_record(
    *,
    kind: str,
    request=None,
    user: User | None = None,
    username: str = "",
    detail: str = "",
    actor: User | None = None,
    reason: str = "",
) -> AuthEvent:
    """One line of the audit log: what happened, to whom (the account, or the name typed at a
    failed login), in which township, from which address and browser, on which page; for a
    change to an account, who made it and why."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if user is not None:
        username = user.get_username()
    elif username:
        user = User.objects.filter(username=username).first()
    return AuthEvent.objects.create(
        kind=kind,
        user=user,
        username=username[:150],
        actor=actor,
        actor_name=actor.get_username() if actor is not None else "",
        reason=reason[:200],
        township_id=user.township_id if user is not None else None,
        ip_address=client_ip(request) if request is not None else None,
        user_agent=client_user_agent(request) if request is not None else "",
        path=request.path[:PATH_LENGTH] if request is not None else "",
        detail=detail[:200],
    )


@transaction.atomic
def password_history_record(*, user: User, keep: int) -> PasswordHistory | None:
    """Remember the user's password (its hash, as stored on the user) unless it is the one
    remembered last, and forget all but the `keep` most recent ones."""
    history = PasswordHistory.objects.filter(user=user)
    latest = history.values_list("password", flat=True).first()
    if latest == user.password or keep < 1:
        return None
    entry = PasswordHistory.objects.create(user=user, password=user.password)
    stale = history.values_list("pk", flat=True)[keep:]
    PasswordHistory.objects.filter(pk__in=list(stale)).delete()
    return entry


@transaction.atomic
def login_unlock(*, actor: User, user: User, request=None) -> int:
    """Lift the lockout of a login (the failures counted against its name): staff may for the
    accounts of their own township, the audit log records who did. Returns how many recorded
    failures were cleared. The failures counted against an address stay (the admin has them)."""
    if not actor.has_perm("congress.unlock_login"):
        raise PermissionDenied
    if user.township_id is None or user.township_id != actor.township_id:
        raise ValidationError(_("Only the accounts of your own township can be unlocked here."))
    cleared = axes_reset(username=user.get_username())
    auth_event_record(kind=AuthEvent.Kind.UNLOCKED, request=request, user=user, actor=actor)
    return cleared


def auth_events_purge(*, today: datetime.date) -> int:
    """Delete the audit log older than AUDIT_RETENTION_DAYS (never under six months: the
    setting refuses less). Returns how many lines went."""
    days = settings.AUDIT_RETENTION_DAYS
    if days < settings.AUDIT_MIN_RETENTION_DAYS:
        raise ValueError(f"AUDIT_RETENTION_DAYS {days} is under six months")
    start_of_today = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    cutoff = start_of_today - datetime.timedelta(days=days)
    deleted, _by_model = AuthEvent.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def sessions_purge(*, today: datetime.date) -> int:
    """Delete the login sessions that have expired. Every login adds a row (sessions live in
    the database, which every app server reads) and Django never removes an expired one by
    itself. Returns how many went."""
    from django.contrib.sessions.models import Session

    deleted, _by_model = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
