"""Deputies' activities between sessions, who took part, and their photos and documents."""

from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.attachments import ALLOWED_ATTACHMENT_EXTENSIONS, AttachedFile
from congress.attendance import AttendanceStatus
from congress.models import Township
from congress.scoping import Scope
from congress.validators import validate_plain_text, validate_visible_text

from .roster import Deputy, DeputyGroup


class Activity(models.Model):
    """Something deputies do between sessions: a training, an inspection, a visit to voters."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("Study and training")  # 学习培训
        INSPECTION = "inspection", _("Inspection tour")  # 视察
        SURVEY = "survey", _("Survey")  # 调研
        FORUM = "forum", _("Forum")  # 座谈
        GROUP = "group", _("Deputy group activity")  # 代表小组活动
        VOTERS = "voters", _("Contact with voters")  # 联系选民
        PRE_SESSION = "pre_session", _("Pre-session visit")  # 会前走访
        REVIEW = "review", _("Report and review")  # 述职评议
        # Held by an oversight action (oversight.OversightAction owns the activity).
        OVERSIGHT = "oversight", _("Oversight action")  # 监督活动
        OTHER = "other", _("Other")

    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        related_name="deputy_activities",
        verbose_name=_("township"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, validators=[validate_visible_text])
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Empty for a one-day activity.")
    )
    place = models.CharField(
        _("place"), max_length=100, blank=True, validators=[validate_visible_text]
    )
    organiser = models.CharField(
        _("organiser"), max_length=100, blank=True, validators=[validate_visible_text]
    )
    group = models.ForeignKey(
        DeputyGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("deputy group"),
    )
    content = models.TextField(_("content"), blank=True, validators=[validate_plain_text])
    other_participants = models.PositiveIntegerField(
        _("other participants"),
        default=0,
        help_text=_("People who are not deputies (cadres, villagers), counted in person-times."),
    )

    history = HistoricalRecords()

    scope = Scope(owner="attendances__deputy__user")

    class Meta:
        verbose_name = _("deputy activity")
        verbose_name_plural = _("deputy activities")
        ordering = ["-start_date", "-pk"]
        indexes = [models.Index(fields=["township", "-start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="activity_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self):
        return self.title


class Attendance(models.Model):
    """Whether a deputy took part in an activity."""

    Status = AttendanceStatus

    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("activity"),
    )
    deputy = models.ForeignKey(
        Deputy, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("deputy")
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)

    history = HistoricalRecords()

    scope = Scope(township="activity__township", owner="deputy__user")

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "deputy"], name="attendance_once_per_activity"
            )
        ]

    def __str__(self):
        return f"{self.deputy} {self.get_status_display()}"


def activity_attachment_path(instance, filename):
    return f"deputies/activities/{instance.activity_id}/{filename}"


class ActivityAttachment(AttachedFile):
    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("activity"),
    )
    file = models.FileField(
        _("file"),
        upload_to=activity_attachment_path,
        validators=[FileExtensionValidator(ALLOWED_ATTACHMENT_EXTENSIONS)],
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    scope = Scope(township="activity__township", owner="activity__attendances__deputy__user")

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]
