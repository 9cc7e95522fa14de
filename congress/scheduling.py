"""Running the registered scheduled jobs: a job is due until it has a successful run today.

Celery beat (congress.tasks.run_scheduled_jobs) and cron (manage.py run_scheduled) both come
here. A run holds its JobRun row locked for the whole job in one transaction, so two workers
started together do the job once; what a job sends is also keyed (see notifications.notify),
so even a forced second run sends nothing twice.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from .models import JobRun
from .registry import ScheduledJob, run_job, scheduled_jobs


def jobs_due(*, today: datetime.date) -> list[ScheduledJob]:
    """The registered jobs without a successful run on `today`, in registry order."""
    done = set(
        JobRun.objects.filter(day=today, state=JobRun.State.DONE).values_list("job", flat=True)
    )
    return [job for job in scheduled_jobs if job.key not in done]


def scheduled_job_run(*, key: str, today: datetime.date, force: bool = False) -> JobRun | None:
    """Run one job for `today` unless it already ran successfully (or `force`); returns its
    JobRun, or None when there was nothing to do. A failure raises and leaves no trace: the
    caller retries, and records the failure with `scheduled_job_failed` when it gives up."""
    if scheduled_jobs.get(key) is None:
        raise KeyError(f"no scheduled job {key!r}")
    # Texts the job stores (notifications) are in the site's language, whoever runs it.
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        run, _created = JobRun.objects.select_for_update().get_or_create(
            job=key, day=today, defaults={"state": JobRun.State.RUNNING}
        )
        if run.state == JobRun.State.DONE and not force:
            return None
        run.started_at = timezone.now()
        run.count = run_job(key, today=today)
        run.state = JobRun.State.DONE
        run.error = ""
        run.finished_at = timezone.now()
        run.save(update_fields=["started_at", "count", "state", "error", "finished_at"])
    return run


def scheduled_job_failed(*, key: str, today: datetime.date, error: str) -> JobRun:
    """Record that a job failed for good today; it stays due, so its next run tries again."""
    run, _created = JobRun.objects.update_or_create(
        job=key,
        day=today,
        defaults={"state": JobRun.State.FAILED, "error": error, "finished_at": timezone.now()},
    )
    return run
