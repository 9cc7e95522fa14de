from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.models import Township
from congress.scoping import Scope


class Report(models.Model):
    """A generated report file: requested by a user, rendered in the background."""

    class Kind(models.TextChoices):
        ANNUAL_STATS = "annual_stats", _("Annual work statistics")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, related_name="reports", verbose_name=_("township")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.ANNUAL_STATS
    )
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    file = models.FileField(_("file"), upload_to="reports/%Y/", blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    history = HistoricalRecords()

    scope = Scope()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.township} {self.year} {self.get_kind_display()}"

    @property
    def is_ready(self) -> bool:
        """Rendered, with a file to download."""
        return self.state == self.State.DONE and bool(self.file)
