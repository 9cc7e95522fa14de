from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.models import Township
from congress.scoping import Scope
from congress.validators import validate_plain_text, validate_visible_text


class PlanItem(models.Model):
    """One item of a year's work plan (工作思路), written at the end of the year before.

    Oversight actions and campaigns link the item they carry out, so a report can set what was
    planned beside what was done.
    """

    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, related_name="plan_items", verbose_name=_("township")
    )
    year = models.PositiveSmallIntegerField(_("year"), help_text=_("The year the plan is for."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200, validators=[validate_visible_text])
    text = models.TextField(_("text"), blank=True, validators=[validate_plain_text])

    history = HistoricalRecords()

    scope = Scope()

    class Meta:
        verbose_name = _("work plan item")
        verbose_name_plural = _("work plan items")
        ordering = ["-year", "order", "pk"]
        indexes = [models.Index(fields=["township", "year"])]

    def __str__(self):
        return f"{self.year} {self.title}"
