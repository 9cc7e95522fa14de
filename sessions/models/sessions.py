"""A congress session (会议) of a term (届), its sitting days and who answered the roll."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.attendance import AttendanceStatus
from congress.models import Township
from congress.numerals import document_numeral
from congress.scoping import Scope
from congress.validators import validate_visible_text
from congress.workflow import StatusChange
from deputies.validators import validate_term

from ..workflow import Status


class CongressSession(models.Model):
    """One meeting of the township people's congress: the Nth session (次) of a term (届)."""

    Status = Status

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
    # Moved only by sessions.workflow.SESSION_WORKFLOW.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PREPARING
    )
    presidium = models.ManyToManyField(
        "deputies.Deputy",
        blank=True,
        related_name="presidium_sessions",
        verbose_name=_("presidium of the session"),
        help_text=_("The deputies elected to the session's presidium at its preparatory meeting."),
    )
    preparatory_activities = models.ManyToManyField(
        "deputies.Activity",
        blank=True,
        related_name="for_sessions",
        verbose_name=_("pre-session activities"),
        help_text=_("Visits to voters, inspections and consultations held to prepare it."),
    )

    history = HistoricalRecords(m2m_fields=[presidium, preparatory_activities])

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

    @property
    def full_name(self) -> str:
        """The name documents print: 练溪镇第十八届人民代表大会第二次会议."""
        return f"{self.township.name}{self}"


class SessionStatusChange(StatusChange):
    """One step of a session from preparation to closing (convened, closed)."""

    session = models.ForeignKey(
        CongressSession,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("congress session"),
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)

    history = HistoricalRecords()

    scope = Scope(township="session__township")

    class Meta(StatusChange.Meta):
        verbose_name = _("session status change")
        verbose_name_plural = _("session status changes")


class PreparationTask(models.Model):
    """One line of a session's preparation checklist (筹备工作): done or not, and when."""

    session = models.ForeignKey(
        CongressSession,
        on_delete=models.CASCADE,
        related_name="preparation_tasks",
        verbose_name=_("congress session"),
    )
    title = models.CharField(_("task"), max_length=200, validators=[validate_visible_text])
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    history = HistoricalRecords()

    scope = Scope(township="session__township")

    class Meta:
        verbose_name = _("preparation task")
        verbose_name_plural = _("preparation tasks")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class Sitting(models.Model):
    """One day a session sits (全体会议): the roll is called for it, and votes are taken at it."""

    session = models.ForeignKey(
        CongressSession,
        on_delete=models.CASCADE,
        related_name="sittings",
        verbose_name=_("congress session"),
    )
    date = models.DateField(_("date"))
    title = models.CharField(
        _("title"),
        max_length=100,
        blank=True,
        validators=[validate_visible_text],
        help_text=_("For example 第一次全体会议; empty: the date names it."),
    )

    history = HistoricalRecords()

    scope = Scope(township="session__township")

    class Meta:
        verbose_name = _("sitting")
        verbose_name_plural = _("sittings")
        ordering = ["date", "pk"]

    def __str__(self):
        return self.title or self.date.strftime("%Y-%m-%d")


class SittingAttendance(models.Model):
    """Whether a deputy answered the roll of a sitting, was on approved leave, or stayed away."""

    Status = AttendanceStatus

    sitting = models.ForeignKey(
        Sitting,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("sitting"),
    )
    deputy = models.ForeignKey(
        "deputies.Deputy",
        on_delete=models.CASCADE,
        related_name="sitting_attendances",
        verbose_name=_("deputy"),
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)

    history = HistoricalRecords()

    scope = Scope(township="sitting__session__township", owner="deputy__user")

    class Meta:
        verbose_name = _("sitting attendance")
        verbose_name_plural = _("sitting attendances")
        constraints = [
            models.UniqueConstraint(fields=["sitting", "deputy"], name="sitting_attendance_once")
        ]
        # The absent marks alone: the roster's Art 62 warning starts from them (few of many).
        indexes = [
            models.Index(
                fields=["deputy", "sitting"],
                condition=models.Q(status="absent"),
                name="sitting_attendance_absent",
            )
        ]

    def __str__(self):
        return f"{self.deputy} {self.get_status_display()}"
