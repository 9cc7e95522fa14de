"""Background work of the core: notification emails and the scheduled jobs.

Each task receives ids, calls one service and owns its retries (BoundedRetryTask); only after
the last try does it record the failure, in Chinese, on the record a user or admin looks at.
"""

import datetime

from celery import shared_task
from django.utils import timezone
from django.utils.translation import gettext as _

from .celery import BoundedRetryTask
from .notifications.services import (
    notification_digest_send,
    notification_email_failed,
    notification_email_send,
)
from .scheduling import jobs_due, scheduled_job_failed, scheduled_job_run


class NotificationEmailTask(BoundedRetryTask):
    def gave_up(self, error, notification_id):
        notification_email_failed(
            ids=[notification_id],
            error=_("The email could not be sent after %(retries)d retries: %(error)s")
            % {"retries": self.retries_done, "error": error},
        )


@shared_task(base=NotificationEmailTask)
def send_notification_email(notification_id: int) -> bool:
    return notification_email_send(notification_id=notification_id)


class DigestEmailTask(BoundedRetryTask):
    def gave_up(self, error, user_id, notification_ids, day):
        notification_email_failed(
            ids=notification_ids,
            error=_("The daily digest could not be sent after %(retries)d retries: %(error)s")
            % {"retries": self.retries_done, "error": error},
        )


@shared_task(base=DigestEmailTask)
def send_digest_email(user_id: int, notification_ids: list[int], day: str) -> int:
    return notification_digest_send(
        user_id=user_id, ids=notification_ids, day=datetime.date.fromisoformat(day)
    )


@shared_task(base=BoundedRetryTask)
def run_scheduled_jobs() -> list[str]:
    """Beat's daily entry: queue one task per job that has not run successfully today."""
    today = timezone.localdate()
    keys = [job.key for job in jobs_due(today=today)]
    for key in keys:
        # The day travels with the task, so a retry after midnight still does that day's run.
        run_scheduled_job.delay(key, today.isoformat())
    return keys


class ScheduledJobTask(BoundedRetryTask):
    def gave_up(self, error, key, day):
        scheduled_job_failed(
            key=key,
            today=datetime.date.fromisoformat(day),
            error=_("The job failed after %(retries)d retries: %(error)s")
            % {"retries": self.retries_done, "error": error},
        )


@shared_task(base=ScheduledJobTask)
def run_scheduled_job(key: str, day: str) -> int | None:
    run = scheduled_job_run(key=key, today=datetime.date.fromisoformat(day))
    return run.count if run is not None else None
