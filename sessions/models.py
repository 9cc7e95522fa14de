from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.models import Township


class CongressSession(models.Model):
    """One meeting of the township people's congress: the Nth session (次) of a term (届)."""

    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        related_name="congress_sessions",
        verbose_name=_("township"),
    )
    term = models.PositiveSmallIntegerField(_("term"), help_text=_("届"))
    number = models.PositiveSmallIntegerField(_("session number"), help_text=_("次"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    venue = models.CharField(_("venue"), max_length=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("congress session")
        verbose_name_plural = _("congress sessions")
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "term", "number"],
                name="session_unique_per_term",
                violation_error_message=_("This term already has a session with this number."),
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="session_ends_after_start",
                violation_error_message=_("The session cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return _("Term %(term)s, session %(number)s") % {"term": self.term, "number": self.number}
