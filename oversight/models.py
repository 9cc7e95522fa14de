from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.models import Township
from congress.scoping import Scope
from congress.validators import validate_visible_text


class Inspection(models.Model):
    """An oversight activity of the presidium: an inspection tour, a special check, a review."""

    class Kind(models.TextChoices):
        INSPECTION = "inspection", _("Inspection tour")  # 视察
        SPECIAL_CHECK = "special_check", _("Special supervision")  # 专项督查
        SURVEY = "survey", _("Survey")  # 调研
        REVIEW = "review", _("Work review")  # 工作评议
        CONSULTATION = "consultation", _("Consultation meeting")  # 征求意见会

    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("township"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    subject = models.CharField(_("subject"), max_length=200, validators=[validate_visible_text])
    participants = models.PositiveIntegerField(
        _("participants"), help_text=_("Number of people who took part (人次).")
    )
    summary = models.TextField(_("summary"), blank=True)

    history = HistoricalRecords()

    scope = Scope()

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.subject
