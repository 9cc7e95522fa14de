"""Oversight actions, what they oversee, and the campaigns that group them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.models import Township, Unit
from congress.scoping import Scope
from congress.validators import validate_plain_text, validate_visible_text
from deputies.models import Activity

from .plans import PlanItem


class Campaign(models.Model):
    """A themed campaign running for weeks or months (“关心母亲河溪”): it groups oversight
    actions, and through them their participants and the problems they found."""

    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("township")
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_visible_text])
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True, validators=[validate_plain_text])
    plan_item = models.ForeignKey(
        PlanItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaigns",
        verbose_name=_("work plan item"),
    )

    history = HistoricalRecords()

    scope = Scope()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="campaign_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self):
        return self.title


class GovernmentTask(models.Model):
    """A commitment of the town government the presidium oversees: a target of the government
    work report, one of the year's practical projects (十件民生实事), or a key project."""

    class Kind(models.TextChoices):
        TARGET = "target", _("Work report target")  # 政府工作报告目标任务
        PRACTICAL = "practical", _("Practical project for the people")  # 民生实事
        KEY_PROJECT = "key_project", _("Key project")  # 重点项目
        OTHER = "other", _("Other")

    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        related_name="government_tasks",
        verbose_name=_("township"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(
        _("number"), null=True, blank=True, help_text=_("Its number in the government's list.")
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_visible_text])
    description = models.TextField(_("description"), blank=True, validators=[validate_plain_text])
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="government_tasks",
        verbose_name=_("responsible unit"),
    )
    leader = models.CharField(
        _("responsible leader"), max_length=100, blank=True, validators=[validate_visible_text]
    )

    history = HistoricalRecords()

    scope = Scope(unit="unit")

    class Meta:
        verbose_name = _("government task")
        verbose_name_plural = _("government tasks")
        ordering = ["-year", "kind", "number", "pk"]
        indexes = [models.Index(fields=["township", "year"])]
        # The service says which task holds a number; the constraint holds when two users
        # (on two app servers) give the same number at once.
        constraints = [
            models.UniqueConstraint(
                fields=["township", "year", "kind", "number"],
                condition=models.Q(number__isnull=False),
                name="government_task_number_once",
                violation_error_message=_("This number of the list is already taken."),
            )
        ]

    def __str__(self):
        return self.title


class OversightAction(models.Model):
    """An oversight action of the presidium: an inspection, a special check, a survey...

    It owns the deputies' activity that holds its title, dates, place, the deputies' attendance,
    other participants and photos, so the deputies' performance record counts it once. Staff
    who took part are named in ActionStaff. Person-times are computed from these, never typed.
    """

    class Kind(models.TextChoices):
        SPECIAL_CHECK = "special_check", _("Special supervision")  # 专项督查
        INSPECTION = "inspection", _("Inspection tour")  # 视察
        SURVEY = "survey", _("Survey")  # 调研
        EVALUATION = "evaluation", _("Work evaluation")  # 工作评议
        LAW_CHECK = "law_check", _("Law enforcement check")  # 执法检查
        SPECIAL_REPORT = "special_report", _("Special work report heard")  # 听取专项工作报告
        OTHER = "other", _("Other")

    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        related_name="oversight_actions",
        verbose_name=_("township"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    activity = models.OneToOneField(
        Activity,
        on_delete=models.PROTECT,
        related_name="oversight_action",
        verbose_name=_("deputy activity"),
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("campaign"),
    )
    plan_item = models.ForeignKey(
        PlanItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("work plan item"),
    )
    tasks = models.ManyToManyField(
        GovernmentTask, blank=True, related_name="actions", verbose_name=_("government tasks")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="oversight_actions",
        verbose_name=_("unit overseen"),
    )
    target = models.CharField(
        _("what is overseen"),
        max_length=200,
        blank=True,
        validators=[validate_visible_text],
        help_text=_("A project, a piece of work, a place."),
    )
    findings = models.TextField(_("findings"), blank=True, validators=[validate_plain_text])
    opinions = models.TextField(
        _("opinions sent to the government"), blank=True, validators=[validate_plain_text]
    )
    opinions_sent_on = models.DateField(_("opinions sent on"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[tasks])

    scope = Scope(owner="activity__attendances__deputy__user", unit="unit")

    class Meta:
        verbose_name = _("oversight action")
        verbose_name_plural = _("oversight actions")
        ordering = ["-pk"]

    def __str__(self):
        return self.activity.title if self.activity_id else ""


class ActionStaff(models.Model):
    """A member of staff (a cadre of the town's offices) who took part in an action, by name."""

    action = models.ForeignKey(
        OversightAction,
        on_delete=models.CASCADE,
        related_name="staff",
        verbose_name=_("oversight action"),
    )
    name = models.CharField(_("name"), max_length=50, validators=[validate_visible_text])

    history = HistoricalRecords()

    scope = Scope(township="action__township")

    class Meta:
        verbose_name = _("staff taking part")
        verbose_name_plural = _("staff taking part")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["action", "name"], name="action_staff_once")]

    def __str__(self):
        return self.name


class ProgressReview(models.Model):
    """Where a government task stood when reviewed (mid-year, year-end), usually recorded by
    the oversight action that reviewed it."""

    class Stage(models.TextChoices):
        MID_YEAR = "mid_year", _("Mid-year review")  # 半年督查
        YEAR_END = "year_end", _("Year-end review")  # 年终督查
        OTHER = "other", _("Other review")

    class Progress(models.TextChoices):
        DONE = "done", _("Completed")  # 已完成
        ON_TRACK = "on_track", _("On schedule")  # 按进度推进
        BEHIND = "behind", _("Behind schedule")  # 滞后
        NOT_STARTED = "not_started", _("Not started")  # 未启动

    task = models.ForeignKey(
        GovernmentTask,
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("government task"),
    )
    action = models.ForeignKey(
        OversightAction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name=_("oversight action"),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    date = models.DateField(_("date"))
    progress = models.CharField(_("progress"), max_length=20, choices=Progress.choices)
    notes = models.TextField(_("notes"), blank=True, validators=[validate_plain_text])

    history = HistoricalRecords()

    scope = Scope(township="task__township", unit="task__unit")

    class Meta:
        verbose_name = _("progress review")
        verbose_name_plural = _("progress reviews")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.task} {self.get_stage_display()}"
