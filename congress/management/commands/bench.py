"""`make bench`: times the pages that must stay fast as data grows, and counts their queries."""

import statistics
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client, override_settings

from congress.models import User

# label, user name, URL: each a page measured at the scale the bench data was made for
CASES = [
    ("staff proposal list, 10,000 proposals", "bench-staff", "/proposals/"),
    ("admin proposal changelist, same rows", "bench-admin", "/admin/proposals/proposal/"),
]


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
        self.stdout.write(f"\n{'case':44} {'queries':>8} {'median ms':>10} {'p90 ms':>8}")
        for label, queries, median, p90 in rows:
            self.stdout.write(f"{label:44} {queries:>8} {median:>10.1f} {p90:>8.1f}")

    def _measure(self, username: str, url: str, runs: int) -> tuple[int, float, float]:
        client = Client()
        client.force_login(User.objects.get(username=username))
        queries = []

        def count(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
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
