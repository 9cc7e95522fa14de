"""The shared core every app builds on: townships, handling units, users with roles, the
notifications they receive, the record of the scheduled jobs that ran and the secret
addresses of their calendar feeds."""

import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .roles import COUNTY_ROLES, TOWNSHIP_ROLES, Role
from .scoping import Scope
from .validators import validate_visible_text


class Township(models.Model):
    """A township (镇/乡) whose people's congress this deployment serves."""

    name = models.CharField(
        _("name"),
        max_length=50,
        unique=True,
        validators=[validate_visible_text],
        error_messages={"unique": _("A township with this name already exists.")},
    )
    county = models.CharField(_("county"), max_length=50, validators=[validate_visible_text])
    current_term = models.PositiveSmallIntegerField(_("current term"), help_text=_("届"))

    history = HistoricalRecords()

    scope = Scope(township="pk")

    class Meta:
        verbose_name = _("township")
        verbose_name_plural = _("townships")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Unit(models.Model):
    """A handling unit (承办单位): a town-government office, a station or a village committee."""

    class Kind(models.TextChoices):
        OFFICE = "office", _("Government office")
        STATION = "station", _("Station")
        VILLAGE = "village", _("Village committee")
        OTHER = "other", _("Other")

    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, related_name="units", verbose_name=_("township")
    )
    name = models.CharField(_("name"), max_length=100, validators=[validate_visible_text])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OFFICE)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    scope = Scope(unit="pk")

    class Meta:
        verbose_name = _("handling unit")
        verbose_name_plural = _("handling units")
        ordering = ["township", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "name"],
                name="unit_unique_name_per_township",
                violation_error_message=_("A handling unit with this name already exists."),
            )
        ]

    def __str__(self):
        return self.name


class UserHistory(HistoricalRecords):
    """A user's history without the rows a login writes: a save that touches only fields the
    history leaves out (last_login, the password rehashed at login) shows no change, and is
    made before anyone is logged in, so it would be a row with no "who"."""

    def post_save(self, instance, created, using=None, update_fields=None, **kwargs):
        if not created and update_fields and set(update_fields) <= set(self.excluded_fields):
            return
        super().post_save(instance, created, using=using, **kwargs)


class User(AbstractUser):
    """A login. Its role decides what it may see; its township scopes every record it sees."""

    class EmailFrequency(models.TextChoices):
        IMMEDIATE = "immediate", _("An email for each notification")
        DAILY = "daily", _("One daily digest")
        NEVER = "never", _("No email")

    full_name = models.CharField(
        _("full name"), max_length=50, blank=True, validators=[validate_visible_text]
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("township"),
        help_text=_("Empty for the county's users: its viewers and its administrators."),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("handling unit"),
    )
    email_frequency = models.CharField(
        _("email notifications"),
        max_length=10,
        choices=EmailFrequency.choices,
        default=EmailFrequency.IMMEDIATE,
        help_text=_("Email needs an email address; without one, notifications stay on the site."),
    )
    # Set when staff issue an initial password; until the user sets their own, every page
    # sends them to the password change page (congress.middleware.PasswordChangeRequired).
    must_change_password = models.BooleanField(_("must change password"), default=False)

    # What a user may do beyond their role (congress.roles.GRANTABLE_PERMISSIONS) is a
    # many-to-many link: kept in the history too, whoever changed it (the admin included).
    history = UserHistory(
        excluded_fields=["password", "last_login"], m2m_fields=["user_permissions", "groups"]
    )

    scope = Scope(owner="pk")

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = [("view_history", _("Can view the change history of records"))]
        constraints = [
            # A township's roles read their township's rows (congress.scoping): an account of
            # such a role without a township could be placed nowhere. "" is the admin's own.
            models.CheckConstraint(
                condition=(
                    models.Q(role__in=sorted(TOWNSHIP_ROLES), township__isnull=False)
                    | models.Q(role__in=sorted(COUNTY_ROLES), township__isnull=True)
                    | models.Q(role="")
                ),
                name="user_township_fits_role",
                violation_error_message=_(
                    "Every role except the county's belongs to a township; the county's roles "
                    "to none."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(role=Role.UNIT) | models.Q(unit__isnull=False),
                name="user_unit_of_unit_role",
                violation_error_message=_("A handling-unit user must belong to a unit."),
            ),
        ]

    def __str__(self):
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


class Notification(models.Model):
    """Something a user should know (a deadline near, a record assigned to them), shown in
    their inbox and sent by email or a later channel. A scheduled one carries a day: with
    its recipient, kind and record that is its key, stored once however often the job runs."""

    class EmailState(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        NOT_WANTED = "not_wanted", _("Not wanted")
        FAILED = "failed", _("Failed")

    recipient = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=50)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    # "app_label.model:pk" of the record it is about; a string so the core imports no app.
    record_key = models.CharField(_("record"), max_length=100, blank=True)
    day = models.DateField(_("day"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email_state = models.CharField(
        _("email"), max_length=10, choices=EmailState.choices, default=EmailState.PENDING
    )
    email_error = models.TextField(_("email error"), blank=True)

    scope = Scope(township="recipient__township", owner="recipient")

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "record_key", "day"],
                condition=models.Q(day__isnull=False),
                name="notification_once_per_record_kind_day",
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(
                fields=["created_at"],
                condition=models.Q(email_state="pending"),
                name="notification_email_pending",
            ),
        ]

    def __str__(self):
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class JobRun(models.Model):
    """A scheduled job's run on one day: a job is due until it has a successful run today."""

    class State(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    job = models.CharField(_("job"), max_length=100)
    day = models.DateField(_("day"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    count = models.PositiveIntegerField(_("things done"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("scheduled job run")
        verbose_name_plural = _("scheduled job runs")
        ordering = ["-day", "job"]
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="jobrun_once_per_day")]

    def __str__(self):
        return f"{self.job} {self.day}"


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


def new_calendar_feed_token() -> str:
    # 256 bits: the token is the feed's only credential, so it must not be guessable.
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A user's secret calendar address, which a phone's calendar subscribes to without
    logging in: whoever holds the token reads that user's calendar, so it can be replaced
    (the old address then answers 404). No history is kept: an old token must not live on."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("user")
    )
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_calendar_feed_token
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)


class WorkdayOverride(models.Model):
    """A day staff mark as a working day or a day off against the published calendar: a year
    the State Council has not yet published (chinese-calendar does not know it), or a local
    correction. Deadlines falling on a day off move to the next working day."""

    township = models.ForeignKey(
        Township,
        on_delete=models.CASCADE,
        related_name="workday_overrides",
        verbose_name=_("township"),
    )
    date = models.DateField(_("date"))
    is_workday = models.BooleanField(
        _("working day"), help_text=_("Ticked: a working day (调休 make-up day); not: a day off.")
    )
    note = models.CharField(
        _("note"), max_length=100, blank=True, validators=[validate_visible_text]
    )

    history = HistoricalRecords()

    scope = Scope()

    class Meta:
        verbose_name = _("working-day correction")
        verbose_name_plural = _("working-day corrections")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "date"],
                name="workday_override_once",
                violation_error_message=_("This day is already corrected."),
            )
        ]

    def __str__(self):
        return str(self.date)
