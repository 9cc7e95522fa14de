"""The demo year's annual report, as seed_demo leaves it (drafted from the records with no
hand edits, approved, its PDF kept), once for a test module (seeding takes seconds), in a
transaction rolled back when the module is done."""

import contextlib
import io

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from congress.models import Township
from reports.models import Report, WorkReport
from reports.services import report_render


@contextlib.contextmanager
def demo_annual_report(django_db_blocker):
    """Yields the demo's 2024 annual report's first version, generated with no hand edits."""
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        report = WorkReport.objects.get(
            township=Township.objects.get(name="练溪镇"), year=2024, kind=WorkReport.Kind.ANNUAL
        )
        version = report.versions.get()
        # Its rendering was queued on approval, to run once seed_demo commits: this module's
        # transaction never does, so the worker's part is played here.
        for job in version.renders.filter(state=Report.State.QUEUED):
            report_render(report_id=job.pk)
        version.refresh_from_db()
        yield version
        transaction.set_rollback(True)
