"""`make bench`: times the pages that must stay fast as data grows, and counts their queries;
then the work reports' drafting and printing (bench_reports)."""

import statistics
import time
from contextlib import contextmanager

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import timezone

from congress.models import Township, User
from deputies.excel import COLUMNS, XLSX_CONTENT_TYPE, choice_labels, write_workbook
from deputies.services.importing import (
    roster_import_apply,
    roster_import_plan,
    roster_import_upload,
)
from proposals.reminders import reminders_due

from .make_bench_data import BENCH_TOWNSHIP

# label, user name, URL: each a page measured at the scale the bench data was made for
CASES = [
    ("staff proposal list, 10,000 proposals", "bench-staff", "/proposals/"),
    ("admin proposal changelist, same rows", "bench-admin", "/admin/proposals/proposal/"),
    ("roster list, 5,000 deputies", "bench-staff", "/deputies/"),
    ("performance ranking, 5,000 deputies", "bench-staff", "/deputies/performance/?year=2024"),
    ("deputy's own proposal list", "bench-deputy", "/proposals/"),
    ("unit's proposal list (1 of 20 units)", "bench-unit", "/proposals/"),
    ("staff queues", "bench-staff", "/proposals/queues/"),
]
IMPORT_ROWS = 5_000


@contextmanager
def counting_queries():
    """Collect the SQL run on the default connection inside the block."""
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield queries


class Command(BaseCommand):
    help = "Benchmark the list pages against generated data; prints a table."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--scale", type=int, default=10_000)

    def handle(self, *args, runs: int, scale: int, **options):
        call_command("make_bench_data", scale=scale, stdout=self.stdout)
        rows = []
        with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
            for label, username, url in CASES:
                rows.append((label, *self._measure(username, url, runs)))
        rows.append((f"roster import, {IMPORT_ROWS:,}-row file", *self._measure_import()))
        rows.append(("reminder sweep over every open item", *self._measure_reminders()))
        self.stdout.write(f"\n{'case':44} {'queries':>8} {'median ms':>10} {'p90 ms':>8}")
        for label, queries, median, p90 in rows:
            p90_text = "-" if p90 is None else f"{p90:.1f}"
            self.stdout.write(f"{label:44} {queries:>8} {median:>10.1f} {p90_text:>8}")
        # Work reports: drafting and printing, for the demo year and ten times its records.
        call_command("bench_reports", runs=min(runs, 10), stdout=self.stdout)

    def _measure(self, username: str, url: str, runs: int) -> tuple[int, float, float]:
        client = Client()
        client.force_login(User.objects.get(username=username))
        with counting_queries() as queries:
            response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        return len(queries), statistics.median(timings), timings[int(len(timings) * 0.9) - 1]

    def _measure_reminders(self) -> tuple[int, float, None]:
        """The daily reminder job's sweep over all the bench township's open items (what is due
        today and who hears of it), without sending: half the bench proposals are assigned and
        long overdue."""
        with counting_queries() as queries:
            started = time.perf_counter()
            reminders_due(today=timezone.localdate())
            elapsed = (time.perf_counter() - started) * 1000
        return len(queries), elapsed, None

    def _measure_import(self) -> tuple[int, float, None]:
        """Upload (read and check), preview and import a roster of new deputies once, as a
        user waits for it, then roll it all back."""
        township = Township.objects.get(name=BENCH_TOWNSHIP)
        user = User.objects.get(username="bench-staff")
        content = write_workbook(_roster_rows(township), title="名册")
        upload = SimpleUploadedFile("bench-roster.xlsx", content, content_type=XLSX_CONTENT_TYPE)
        batch = None
        with transaction.atomic():
            try:
                with counting_queries() as queries:
                    started = time.perf_counter()
                    batch = roster_import_upload(township=township, upload=upload, user=user)
                    plan = roster_import_plan(batch=batch)
                    if not plan.is_valid:
                        raise RuntimeError(f"bench roster does not import: {plan.row_errors[:3]}")
                    roster_import_apply(batch=batch, user=user)
                    elapsed = (time.perf_counter() - started) * 1000
            finally:
                if batch is not None:
                    batch.file.delete(save=False)  # files do not roll back
                transaction.set_rollback(True)
        return len(queries), elapsed, None


def _roster_rows(township: Township) -> list[list]:
    """New people only, spread over the bench township's constituencies and groups."""
    labels = {column.key: choice_labels(column) for column in COLUMNS if column.choices}
    rows = []
    for i in range(IMPORT_ROWS):
        values = {
            "name": f"导入代表{i:05d}",
            "gender": labels["gender"]["female" if i % 3 == 0 else "male"],
            "birth_month": f"{1960 + i % 40}-{1 + i % 12:02d}",
            "affiliation": labels["affiliation"]["cpc" if i % 2 else "none"],
            "phone": f"137{i:08d}",
            "level": labels["level"]["county" if i % 5 == 0 else "township"],
            "term": township.current_term,
            "constituency": f"第{1 + i % 20}选区",
            "group": f"小组{1 + i % 10}",
            "status": labels["status"]["active"],
            "start_date": "2021-12-30",
        }
        rows.append([values.get(column.key) for column in COLUMNS])
    return rows
