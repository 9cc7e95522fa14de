"""Run every due scheduled job once, here and now: cron's way where there is no Redis.

    0 7 * * *  cd /srv/renda && .venv/bin/python manage.py run_scheduled

Only the core's registry is used: each app registered its jobs in its AppConfig.ready().
"""

import logging

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.registry import scheduled_jobs
from congress.scheduling import jobs_due, scheduled_job_failed, scheduled_job_run

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run every scheduled job that has not run successfully today (for cron)."

    def add_arguments(self, parser):
        parser.add_argument("--job", metavar="KEY", help="run only this job")
        parser.add_argument(
            "--force", action="store_true", help="run even if it already ran successfully today"
        )

    def handle(self, *args, job=None, force=False, **options):
        today = timezone.localdate()
        if job is not None and scheduled_jobs.get(job) is None:
            known = ", ".join(item.key for item in scheduled_jobs)
            raise CommandError(
                _("No scheduled job %(key)s (known: %(known)s).")
                % {
                    "key": job,
                    "known": known,
                }
            )
        selected = [scheduled_jobs.get(job)] if job else list(scheduled_jobs)
        due = {item.key for item in jobs_due(today=today)}
        failed = 0
        for item in selected:
            if item.key not in due and not force:
                self.stdout.write(_("%(key)s: already ran today, skipped") % {"key": item.key})
                continue
            try:
                run = scheduled_job_run(key=item.key, today=today, force=force)
            except Exception as error:
                # No retries here: cron runs the command again, and the job is still due then.
                logger.exception("Scheduled job %s failed", item.key)
                scheduled_job_failed(
                    key=item.key,
                    today=today,
                    error=_("The job failed: %(error)s") % {"error": error},
                )
                self.stderr.write(
                    _("%(key)s: failed: %(error)s") % {"key": item.key, "error": error}
                )
                failed += 1
                continue
            if run is None:  # another process ran it meanwhile
                self.stdout.write(_("%(key)s: already ran today, skipped") % {"key": item.key})
            else:
                self.stdout.write(
                    _("%(key)s (%(label)s): done, %(count)d")
                    % {
                        "key": item.key,
                        "label": item.label,
                        "count": run.count,
                    }
                )
        if failed:
            raise CommandError(_("%(count)d scheduled jobs failed.") % {"count": failed})
