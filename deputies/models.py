from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.models import Township


class Constituency(models.Model):
    """An electoral district (选区) of the township."""

    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        related_name="constituencies",
        verbose_name=_("township"),
    )
    name = models.CharField(_("name"), max_length=50)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("constituency")
        verbose_name_plural = _("constituencies")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "name"], name="constituency_unique_name_per_township"
            )
        ]

    def __str__(self):
        return self.name


class DeputyGroup(models.Model):
    """A deputy group (代表小组): deputies who meet and act together between sessions."""

    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        related_name="deputy_groups",
        verbose_name=_("township"),
    )
    name = models.CharField(_("name"), max_length=50)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deputy group")
        verbose_name_plural = _("deputy groups")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "name"], name="deputygroup_unique_name_per_township"
            )
        ]

    def __str__(self):
        return self.name


class Deputy(models.Model):
    """A people's deputy of the township congress or of the county congress elected here."""

    class Level(models.TextChoices):
        COUNTY = "county", _("County deputy")
        TOWNSHIP = "township", _("Township deputy")

    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, related_name="deputies", verbose_name=_("township")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputy",
        verbose_name=_("login account"),
    )
    name = models.CharField(_("full name"), max_length=50)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    constituency = models.ForeignKey(
        Constituency,
        on_delete=models.PROTECT,
        related_name="deputies",
        verbose_name=_("constituency"),
    )
    group = models.ForeignKey(
        DeputyGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deputies",
        verbose_name=_("deputy group"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deputy")
        verbose_name_plural = _("deputies")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name
