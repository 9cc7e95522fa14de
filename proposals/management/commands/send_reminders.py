"""Send today's proposal reminders now, or list them without sending.

    python manage.py send_reminders --dry-run
    python manage.py send_reminders --date 2024-06-18

The same sweep as the daily job `proposals.answer_deadline` (run by beat or `run_scheduled`
at SCHEDULED_JOBS_HOUR); what was sent already is not sent again.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from proposals.reminders import reminders_due, reminders_send


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        message = _("Give the date as YYYY-MM-DD, not %(value)s.") % {"value": value}
        raise CommandError(message) from None


class Command(BaseCommand):
    help = "Send the proposal reminders due today (or on --date); --dry-run only lists them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="list what would go out, send nothing"
        )
        parser.add_argument("--date", metavar="YYYY-MM-DD", help="the day to run for (today)")

    def handle(self, *args, dry_run=False, date=None, **options):
        today = _day(date) if date else timezone.localdate()
        with translation.override(settings.LANGUAGE_CODE):
            reminders = reminders_due(today=today)
            for reminder in reminders:
                names = "、".join(user.display_name for user in reminder.recipients)
                self.stdout.write(
                    _("%(label)s · %(subject)s → %(names)s")
                    % {
                        "label": reminder.label,
                        "subject": reminder.subject(),
                        "names": names or _("nobody (no active account)"),
                    }
                )
            people = sum(len(reminder.recipients) for reminder in reminders)
            if dry_run:
                self.stdout.write(
                    _(
                        "Dry run for %(day)s: %(count)d reminders to %(people)d people; "
                        "nothing sent."
                    )
                    % {"day": today.isoformat(), "count": len(reminders), "people": people}
                )
                return
            with transaction.atomic():
                sent = reminders_send(reminders=reminders)
            self.stdout.write(
                _("%(day)s: %(count)d notifications sent.")
                % {"day": today.isoformat(), "count": sent}
            )
