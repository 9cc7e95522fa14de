"""Users with their roles, and the secret addresses of their calendar feeds."""

import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..roles import COUNTY_ROLES, TOWNSHIP_ROLES, Role
from ..scoping import Scope
from ..validators import validate_visible_text
from .townships import Township, Unit


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
