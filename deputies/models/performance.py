"""The township's rules for the performance record (履职积分)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.models import Township
from congress.scoping import Scope


class PerformanceRules(models.Model):
    """A township's points per kind of work (履职积分) and the grade thresholds, set by staff."""

    township = models.OneToOneField(
        Township,
        on_delete=models.CASCADE,
        related_name="performance_rules",
        verbose_name=_("township"),
    )
    session_points = models.DecimalField(
        _("per congress session attended"), max_digits=5, decimal_places=1, default=10
    )
    training_points = models.DecimalField(
        _("per training"), max_digits=5, decimal_places=1, default=3
    )
    inspection_points = models.DecimalField(
        _("per inspection or survey"), max_digits=5, decimal_places=1, default=3
    )
    activity_points = models.DecimalField(
        _("per other activity"), max_digits=5, decimal_places=1, default=2
    )
    proposal_points = models.DecimalField(
        _("per proposal submitted"), max_digits=5, decimal_places=1, default=5
    )
    voter_contact_points = models.DecimalField(
        _("per voter contact"), max_digits=5, decimal_places=1, default=2
    )
    report_points = models.DecimalField(
        _("per report to voters"), max_digits=5, decimal_places=1, default=5
    )
    excellent_from = models.DecimalField(
        _("excellent from"), max_digits=6, decimal_places=1, default=40
    )
    qualified_from = models.DecimalField(
        _("qualified from"), max_digits=6, decimal_places=1, default=20
    )
    basic_from = models.DecimalField(
        _("basically qualified from"), max_digits=6, decimal_places=1, default=10
    )

    history = HistoricalRecords()

    scope = Scope()

    class Meta:
        verbose_name = _("performance rules")
        verbose_name_plural = _("performance rules")

    def __str__(self):
        return str(self.township)
