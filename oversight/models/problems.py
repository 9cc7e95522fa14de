"""Problems an oversight action finds, followed until the unit has fixed them and the
presidium has verified it (整改销号)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.attachments import AttachedFile
from congress.models import Township, Unit
from congress.scoping import Scope
from congress.validators import validate_plain_text, validate_visible_text
from congress.workflow import StatusChange
from deputies.models import Deputy
from sessions.models import AgendaItem

from ..workflow import ProblemStatus
from .actions import OversightAction

ATTENDEES = "action__activity__attendances__deputy__user"


class Problem(models.Model):
    """One problem found, the unit responsible for fixing it and by when.

    Its status moves only through PROBLEM_WORKFLOW; whether it is overdue is computed from
    `deadline` and the status, never stored.
    """

    Status = ProblemStatus

    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, related_name="problems", verbose_name=_("township")
    )
    action = models.ForeignKey(
        OversightAction,
        on_delete=models.PROTECT,
        related_name="problems",
        verbose_name=_("oversight action"),
    )
    description = models.TextField(_("problem"), validators=[validate_plain_text])
    place = models.CharField(
        _("place"), max_length=100, blank=True, validators=[validate_visible_text]
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="problems",
        verbose_name=_("responsible unit"),
    )
    requirement = models.TextField(
        _("rectification required"), blank=True, validators=[validate_plain_text]
    )
    deadline = models.DateField(_("rectification deadline"))
    status = models.CharField(
        _("status"), max_length=20, choices=ProblemStatus.choices, default=ProblemStatus.PENDING
    )
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    verifiers = models.ManyToManyField(
        Deputy, blank=True, related_name="verified_problems", verbose_name=_("verified by deputies")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="problems",
        verbose_name=_("reported to the congress under"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[verifiers])

    scope = Scope(owner=ATTENDEES, unit="unit")

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["deadline", "pk"]
        indexes = [
            models.Index(fields=["township", "status", "deadline"]),
            models.Index(fields=["unit", "status"]),
        ]
        permissions = [
            ("rectify_problem", _("Can report a problem's rectification")),
            ("verify_problem", _("Can verify a problem's rectification")),
        ]

    def __str__(self):
        return self.description[:40]

    @property
    def is_overdue(self) -> bool:
        """Past its deadline and not yet reported fixed (computed, never stored; the
        selectors filter on the same rule)."""
        return (
            self.status
            in (
                ProblemStatus.PENDING,
                ProblemStatus.IN_PROGRESS,
            )
            and self.deadline < timezone.localdate()
        )


class ProblemStatusChange(StatusChange):
    problem = models.ForeignKey(
        Problem,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("problem"),
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=ProblemStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=ProblemStatus.choices)

    history = HistoricalRecords()

    scope = Scope(township="problem__township", owner="problem__" + ATTENDEES, unit="problem__unit")

    class Meta(StatusChange.Meta):
        verbose_name = _("problem status change")
        verbose_name_plural = _("problem status changes")

    def __str__(self):
        return f"{self.problem} → {self.get_to_status_display()}"


class RectificationReport(models.Model):
    """The unit's report that a problem is fixed: what was done, when, and its evidence."""

    problem = models.ForeignKey(
        Problem, on_delete=models.CASCADE, related_name="reports", verbose_name=_("problem")
    )
    text = models.TextField(_("what was done"), validators=[validate_plain_text])
    rectified_on = models.DateField(_("rectified on"))
    submitted_by = models.ForeignKey(
        "congress.User",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    history = HistoricalRecords()

    scope = Scope(township="problem__township", owner="problem__" + ATTENDEES, unit="problem__unit")

    class Meta:
        verbose_name = _("rectification report")
        verbose_name_plural = _("rectification reports")
        ordering = ["submitted_at", "pk"]

    def __str__(self):
        return self.text[:40]


def evidence_path(instance, filename):
    return f"oversight/problems/{instance.report.problem_id}/{filename}"


class RectificationEvidence(AttachedFile):
    """A photo or document proving a rectification."""

    report = models.ForeignKey(
        RectificationReport,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("rectification report"),
    )
    file = models.FileField(_("file"), upload_to=evidence_path)

    history = HistoricalRecords()

    scope = Scope(
        township="report__problem__township",
        owner="report__problem__" + ATTENDEES,
        unit="report__problem__unit",
    )

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["pk"]
