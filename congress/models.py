"""The shared core every app builds on: townships, handling units and users with roles."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .roles import Role
from .scoping import Scope


class Township(models.Model):
    """A township (镇/乡) whose people's congress this deployment serves."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    county = models.CharField(_("county"), max_length=50)
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
    name = models.CharField(_("name"), max_length=100)
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
                fields=["township", "name"], name="unit_unique_name_per_township"
            )
        ]

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A login. Its role decides what it may see; its township scopes every record it sees."""

    full_name = models.CharField(_("full name"), max_length=50, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("township"),
        help_text=_("Empty for county viewers, who read every township's reports."),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("handling unit"),
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    scope = Scope(owner="pk")

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = [("view_history", _("Can view the change history of records"))]

    def __str__(self):
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username
