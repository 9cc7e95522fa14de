"""The demo year's annual report drafted once for a test module (seeding takes seconds), in a
transaction rolled back when the module is done."""

import contextlib
import io

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from congress.models import Township, User
from reports.services import work_report_create


@contextlib.contextmanager
def demo_annual_report(django_db_blocker):
    """Yields the demo's 2024 annual report's first version, generated with no hand edits."""
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        report = work_report_create(
            township=Township.objects.get(name="练溪镇"),
            year=2024,
            kind="annual",
            by=User.objects.get(username="staff"),
        )
        yield report.versions.get()
        transaction.set_rollback(True)
