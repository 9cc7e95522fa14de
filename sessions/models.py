from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.attendance import AttendanceStatus
from congress.models import Township
from congress.numerals import document_numeral
from congress.scoping import Scope
from congress.validators import validate_visible_text
from deputies.validators import validate_term


class CongressSession(models.Model):
    """One meeting of the township people's congress: the Nth session (次) of a term (届)."""

    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        related_name="congress_sessions",
        verbose_name=_("township"),
    )
    term = models.PositiveSmallIntegerField(
        _("term"), help_text=_("届"), validators=[validate_term]
    )
    number = models.PositiveSmallIntegerField(_("session number"), help_text=_("次"))
    start_date = models.DateField(_("opening date"))
    end_date = models.DateField(_("closing date"))
    venue = models.CharField(_("venue"), max_length=100, validators=[validate_visible_text])

    history = HistoricalRecords()

    scope = Scope()

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
        # Chinese names it as documents do: 第十八届人民代表大会第二次会议.
        return _("Term %(term)s, session %(number)s") % {
            "term": document_numeral(self.term),
            "number": document_numeral(self.number),
        }


class SessionAttendance(models.Model):
    """Whether a deputy attended a congress session, was on approved leave, or stayed away."""

    Status = AttendanceStatus

    session = models.ForeignKey(
        CongressSession,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("congress session"),
    )
    deputy = models.ForeignKey(
        "deputies.Deputy",
        on_delete=models.CASCADE,
        related_name="session_attendances",
        verbose_name=_("deputy"),
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)

    history = HistoricalRecords()

    scope = Scope(township="session__township", owner="deputy__user")

    class Meta:
        verbose_name = _("session attendance")
        verbose_name_plural = _("session attendances")
        constraints = [
            models.UniqueConstraint(fields=["session", "deputy"], name="session_attendance_once")
        ]

    def __str__(self):
        return f"{self.deputy} {self.get_status_display()}"
