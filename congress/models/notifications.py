"""The notifications users receive, and the record of the scheduled jobs that ran (the
reminder sweep among them)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..scoping import Scope
from .users import User


class Notification(models.Model):
    """Something a user should know (a deadline near, a record assigned to them), shown in
    their inbox and sent by email or a later channel. A scheduled one carries a day: with
    its recipient, kind and record that is its key, stored once however often the job runs."""

    class EmailState(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        NOT_WANTED = "not_wanted", _("Not wanted")
        FAILED = "failed", _("Failed")

    recipient = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=50)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    # "app_label.model:pk" of the record it is about; a string so the core imports no app.
    record_key = models.CharField(_("record"), max_length=100, blank=True)
    day = models.DateField(_("day"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email_state = models.CharField(
        _("email"), max_length=10, choices=EmailState.choices, default=EmailState.PENDING
    )
    email_error = models.TextField(_("email error"), blank=True)

    scope = Scope(township="recipient__township", owner="recipient")

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "record_key", "day"],
                condition=models.Q(day__isnull=False),
                name="notification_once_per_record_kind_day",
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(
                fields=["created_at"],
                condition=models.Q(email_state="pending"),
                name="notification_email_pending",
            ),
        ]

    def __str__(self):
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class JobRun(models.Model):
    """A scheduled job's run on one day: a job is due until it has a successful run today."""

    class State(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    job = models.CharField(_("job"), max_length=100)
    day = models.DateField(_("day"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    count = models.PositiveIntegerField(_("things done"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("scheduled job run")
        verbose_name_plural = _("scheduled job runs")
        ordering = ["-day", "job"]
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="jobrun_once_per_day")]

    def __str__(self):
        return f"{self.job} {self.day}"
