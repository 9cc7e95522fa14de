"""The audit log's sources: Django's login signals and axes' lockout signal, each written as
one AuthEvent. Connected in CongressConfig.ready(); pages refused (403) are recorded by
congress.middleware.RefusalAuditMiddleware.

One line per attempt: a failed login that locks the account, or that is refused because it is
locked, is recorded once, as a lockout. axes (installed before the core, so its receivers run
first) marks such a request with `axes_locked_out` before ours see it.
"""

import time

from axes.signals import user_locked_out
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.models import AuthEvent

from .selectors import password_resets_since_last_login
from .services import auth_event_record

SESSION_LOGIN_AT = "renda_login_at"
SESSION_SEEN_AT = "renda_seen_at"
# Set on the request by the session timeout before it logs the user out.
EXPIRED_REASON = "renda_session_expired"


def on_logged_in(sender, request, user, **kwargs):
    now = time.time()
    request.session[SESSION_LOGIN_AT] = now
    request.session[SESSION_SEEN_AT] = now
    tell_of_password_resets(request, user)
    auth_event_record(kind=AuthEvent.Kind.LOGIN, request=request, user=user)


def tell_of_password_resets(request, user) -> None:
    """Whoever was given a new initial password learns it at their next login: by whom, when
    and why. Someone who did not ask for it knows to call the office at once."""
    for event in password_resets_since_last_login(user=user):
        messages.warning(
            request,
            _(
                "Your password was reset on %(when)s by %(by)s (reason: %(reason)s). If you "
                "did not ask for it, tell the congress office or the county standing "
                "committee at once."
            )
            % {
                "when": timezone.localtime(event.created_at).strftime("%Y-%m-%d %H:%M"),
                "by": event.actor.display_name if event.actor else event.actor_name,
                "reason": event.reason,
            },
        )


def on_logged_out(sender, request, user, **kwargs):
    if user is None:
        return  # nobody was logged in
    expired = getattr(request, EXPIRED_REASON, "")
    kind = AuthEvent.Kind.SESSION_EXPIRED if expired else AuthEvent.Kind.LOGOUT
    auth_event_record(kind=kind, request=request, user=user, detail=expired)


def on_login_failed(sender, credentials, request=None, **kwargs):
    if request is not None and getattr(request, "axes_locked_out", False):
        return  # on_locked_out records this attempt
    auth_event_record(
        kind=AuthEvent.Kind.LOGIN_FAILED,
        request=request,
        username=str(credentials.get("username") or ""),
    )


def on_locked_out(sender, request, username, ip_address, **kwargs):
    auth_event_record(kind=AuthEvent.Kind.LOCKED_OUT, request=request, username=str(username or ""))


def connect() -> None:
    user_logged_in.connect(on_logged_in, dispatch_uid="renda_audit_login")
    user_logged_out.connect(on_logged_out, dispatch_uid="renda_audit_logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="renda_audit_login_failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="renda_audit_locked_out")
