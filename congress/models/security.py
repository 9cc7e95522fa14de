"""The audit log of logins and account changes, former passwords, and the used tokens of
create forms that keep a replayed POST from making a second record."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..scoping import Scope
from ..validators import validate_visible_text
from .townships import Township
from .users import User


class AuthEvent(models.Model):
    """One line of the audit log (等保2.0 安全审计): a login, a failed login, a logout, a lockout
    and its release, a page refused, or a change to an account (created, a new initial password,
    deactivated or reactivated, a permission granted or withdrawn): who, to whom, when, from
    where and, for a change to an account, why. Kept AUDIT_RETENTION_DAYS."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("Logged in")
        LOGIN_FAILED = "login_failed", _("Login failed")
        LOGOUT = "logout", _("Logged out")
        SESSION_EXPIRED = "session_expired", _("Logged out by the session timeout")
        LOCKED_OUT = "locked_out", _("Locked out after failed logins")
        UNLOCKED = "unlocked", _("Unlocked")
        PERMISSION_DENIED = "permission_denied", _("Page refused")
        ACCOUNT_CREATED = "account_created", _("Account created")
        PASSWORD_RESET = "password_reset", _("New initial password issued")
        ACCOUNT_DEACTIVATED = "account_deactivated", _("Account deactivated")
        ACCOUNT_REACTIVATED = "account_reactivated", _("Account reactivated")
        PERMISSION_GRANTED = "permission_granted", _("Permission granted")
        PERMISSION_REVOKED = "permission_revoked", _("Permission withdrawn")

    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="auth_events",
        verbose_name=_("user"),
    )
    # What was typed at the login, or the account acted on; kept when the user is deleted.
    username = models.CharField(_("user name"), max_length=150, blank=True)
    # Who changed the account (a reset, a grant), and why: required for those kinds.
    actor = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    actor_name = models.CharField(_("done by (user name)"), max_length=150, blank=True)
    reason = models.CharField(
        _("reason"), max_length=200, blank=True, validators=[validate_visible_text]
    )
    township = models.ForeignKey(
        Township,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("township"),
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    path = models.CharField(_("page"), max_length=300, blank=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    scope = Scope(township="township")

    class Meta:
        verbose_name = _("login and access event")
        verbose_name_plural = _("login and access events")
        ordering = ["-created_at", "-pk"]
        permissions = [("unlock_login", _("Can unlock accounts locked after failed logins"))]
        indexes = [models.Index(fields=["township", "-created_at"], name="authevent_township")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.username}"


class PasswordHistory(models.Model):
    """A password a user has had, hashed: a new password may not be one of the last few."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="password_history", verbose_name=_("user")
    )
    password = models.CharField(_("password"), max_length=128)
    created_at = models.DateTimeField(_("set at"), default=timezone.now)

    class Meta:
        verbose_name = _("former password")
        verbose_name_plural = _("former passwords")
        ordering = ["user", "-created_at", "-pk"]

    def __str__(self):
        return f"{self.user} {self.created_at:%Y-%m-%d}"


class FormSubmission(models.Model):
    """A create form's one-time token, used: the record it made is at `url`. Stored in the
    same transaction as the record, under a unique key, so a double click or a replayed POST
    of the same form finds the first submission instead of making a second record."""

    token = models.UUIDField(_("form token"), unique=True)
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    url = models.CharField(_("link"), max_length=300, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self):
        return str(self.token)
