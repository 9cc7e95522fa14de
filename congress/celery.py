"""The Celery app. Settings come from Django's (CELERY_*); see congress/settings/base.py."""

import logging
import os

from celery import Celery, Task

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congress.settings.local")

app = Celery("congress")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)


class BoundedRetryTask(Task):
    """A task that lets its failures raise: Celery retries it `max_retries` times, waiting
    longer each time, and only after the last try calls `gave_up(error, *args, **kwargs)`,
    where a subclass records the failure on its record in words a user can read."""

    autoretry_for = (Exception,)
    max_retries = 3
    retry_backoff = 10  # seconds before the first retry, then doubling (with jitter)
    retry_backoff_max = 600

    def gave_up(self, error: Exception, *args, **kwargs) -> None:
        """Record that the work failed for good; the default only logs."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # Called once, when the retries are spent (a retry itself goes to on_retry).
        logger.error(
            "Task %s[%s] failed after %d retries: %s", self.name, task_id, self.retries_done, exc
        )
        from django.conf import settings
        from django.utils import translation

        # What gave_up stores is read later by anyone: in the site's language.
        with translation.override(settings.LANGUAGE_CODE):
            self.gave_up(exc, *args, **kwargs)

    @property
    def retries_done(self) -> int:
        """How many times the current call was retried (0 on its first try)."""
        return self.request.retries or 0
