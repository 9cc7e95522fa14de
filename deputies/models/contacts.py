"""Contacts: presidium members with deputies, deputies with voters, reports to voters."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.models import Township
from congress.scoping import Scope
from congress.validators import validate_plain_text, validate_visible_text

from .roster import Deputy


class LiaisonContact(models.Model):
    """A presidium member's contact with a deputy they keep in touch with (主席团成员联系代表)."""

    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        related_name="liaison_contacts",
        verbose_name=_("township"),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="liaison_contacts",
        verbose_name=_("presidium member"),
    )
    deputy = models.ForeignKey(
        Deputy,
        on_delete=models.CASCADE,
        related_name="liaison_contacts",
        verbose_name=_("deputy"),
    )
    date = models.DateField(_("date"))
    content = models.TextField(_("what was discussed"), validators=[validate_plain_text])

    history = HistoricalRecords()

    scope = Scope(owner="member")

    class Meta:
        verbose_name = _("presidium contact")
        verbose_name_plural = _("presidium contacts")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.member} → {self.deputy} {self.date}"


class VoterContact(models.Model):
    """A deputy's contact with voters (代表联系选民): who, when, and what they raised."""

    deputy = models.ForeignKey(
        Deputy,
        on_delete=models.CASCADE,
        related_name="voter_contacts",
        verbose_name=_("deputy"),
    )
    date = models.DateField(_("date"))
    voters = models.CharField(
        _("voters met"),
        max_length=200,
        help_text=_("Who was met, e.g. villagers of a hamlet."),
        validators=[validate_visible_text],
    )
    voter_count = models.PositiveIntegerField(_("number of voters"), default=1)
    raised = models.TextField(_("what was raised"), validators=[validate_plain_text])
    history = HistoricalRecords()

    scope = Scope(township="deputy__township", owner="deputy__user")

    class Meta:
        verbose_name = _("voter contact")
        verbose_name_plural = _("voter contacts")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.deputy} {self.date}"


class ReportToVoters(models.Model):
    """A deputy's report of their work to the voters (述职), and the voters' rating."""

    class Rating(models.TextChoices):
        EXCELLENT = "excellent", _("Very satisfied")
        GOOD = "good", _("Satisfied")
        FAIR = "fair", _("Fairly satisfied")
        POOR = "poor", _("Not satisfied")

    deputy = models.ForeignKey(
        Deputy,
        on_delete=models.CASCADE,
        related_name="reports_to_voters",
        verbose_name=_("deputy"),
    )
    date = models.DateField(_("date"))
    place = models.CharField(
        _("place"), max_length=100, blank=True, validators=[validate_visible_text]
    )
    voters_attended = models.PositiveIntegerField(_("voters attending"))
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices)
    notes = models.TextField(_("notes"), blank=True, validators=[validate_plain_text])

    history = HistoricalRecords()

    scope = Scope(township="deputy__township", owner="deputy__user")

    class Meta:
        verbose_name = _("report to voters")
        verbose_name_plural = _("reports to voters")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.deputy} {self.date}"
