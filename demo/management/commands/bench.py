"""`make bench`: times the pages that must stay fast as data grows, and counts their queries;
then the work reports' drafting and printing (bench_reports)."""

import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from contextlib import contextmanager
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import clear_url_caches
from django.utils import timezone

from congress.accounts.passwords import INITIAL_PASSWORD_HASHER
from congress.excel import XLSX_CONTENT_TYPE
from congress.models import Township, User
from deputies.excel import COLUMNS, WorkbookError, choice_labels, read_rows, write_workbook
from deputies.rules import MAX_IMPORT_ROWS
from deputies.services.importing import (
    roster_import_apply,
    roster_import_plan,
    roster_import_upload,
)
from proposals.reminders import reminders_due

from .make_bench_data import BENCH_TOWNSHIP

# Every list page of every app, as each role that reads it meets it: label, user name, URL,
# and the model whose admin changelist and floor page it is compared with (None: no list of
# one model, such as a home page).
PROPOSAL, ELECTION = "proposals.Proposal", "oversight.ElectionObservation"
CATEGORY = "proposals.AnswerCategory"
LIST_PAGES = [
    ("home, staff", "bench-staff", "/", None),
    ("home, deputy", "bench-deputy", "/", None),
    ("home, unit", "bench-unit", "/", None),
    ("home, county", "bench-county", "/", None),
    ("notifications, staff", "bench-staff", "/notifications/", "congress.Notification"),
    ("notifications, deputy", "bench-deputy", "/notifications/", "congress.Notification"),
    ("audit log", "bench-staff", "/accounts/audit/", "congress.AuthEvent"),
    ("accounts", "bench-staff", "/township/accounts/", "congress.User"),
    ("units", "bench-staff", "/township/units/", "congress.Unit"),
    ("townships, county admin", "bench-countyadmin", "/county/", "congress.Township"),
    ("sessions", "bench-staff", "/sessions/", "congress_sessions.CongressSession"),
    ("roster, staff", "bench-staff", "/deputies/", "deputies.Deputy"),
    ("roster, member", "bench-member", "/deputies/", "deputies.Deputy"),
    ("constituencies", "bench-staff", "/deputies/constituencies/", "deputies.Constituency"),
    ("deputy groups", "bench-staff", "/deputies/groups/", "deputies.DeputyGroup"),
    ("activities, staff", "bench-staff", "/deputies/activities/", "deputies.Activity"),
    ("activities, deputy", "bench-deputy", "/deputies/activities/", "deputies.Activity"),
    ("liaison contacts", "bench-member", "/deputies/contacts/", "deputies.LiaisonContact"),
    ("reports to voters", "bench-staff", "/deputies/reports-to-voters/", "deputies.ReportToVoters"),
    ("ranking", "bench-staff", "/deputies/performance/?year=2024", "deputies.Deputy"),
    ("deputy's own record", "bench-deputy", "/deputies/me/", None),
    ("roster imports", "bench-staff", "/deputies/import/", "deputies.RosterImport"),
    ("proposals, staff", "bench-staff", "/proposals/", "proposals.Proposal"),
    (
        "proposals, staff, filtered",
        "bench-staff",
        "/proposals/?status=assigned",
        "proposals.Proposal",
    ),
    ("proposals, staff, page 2", "bench-staff", "/proposals/?page=2", "proposals.Proposal"),
    ("proposals, member", "bench-member", "/proposals/", "proposals.Proposal"),
    ("proposals, deputy", "bench-deputy", "/proposals/", "proposals.Proposal"),
    ("proposals, deputy's own", "bench-deputy", "/proposals/mine/", "proposals.Proposal"),
    ("proposals, unit", "bench-unit", "/proposals/", "proposals.Proposal"),
    ("proposals, unit's items", "bench-unit", "/proposals/unit/", "proposals.Assignment"),
    ("proposals, public", None, "/public/proposals/{township}/", "proposals.Proposal"),
    ("queues", "bench-staff", "/proposals/queues/", "proposals.Proposal"),
    ("assignment meetings", "bench-staff", "/proposals/meetings/", "proposals.AssignmentMeeting"),
    ("proposal fields", "bench-staff", "/proposals/fields/", "proposals.ProposalField"),
    (
        "answer categories",
        "bench-staff",
        "/proposals/answer-categories/",
        "proposals.AnswerCategory",
    ),
    ("oversight actions", "bench-staff", "/oversight/", "oversight.OversightAction"),
    ("oversight actions, deputy", "bench-deputy", "/oversight/", "oversight.OversightAction"),
    ("government tasks", "bench-staff", "/oversight/tasks/", "oversight.GovernmentTask"),
    ("campaigns", "bench-staff", "/oversight/campaigns/", "oversight.Campaign"),
    ("problems, staff", "bench-staff", "/oversight/problems/", "oversight.Problem"),
    ("problems, unit", "bench-unit", "/oversight/problems/", "oversight.Problem"),
    ("letters", "bench-staff", "/petitions/", "petitions.Petition"),
    ("articles", "bench-staff", "/publicity/", "publicity.Article"),
    ("evaluations", "bench-staff", "/oversight/evaluations/", "oversight.WorkEvaluation"),
    (
        "election observations",
        "bench-staff",
        "/oversight/elections/?year=2024",
        "oversight.ElectionObservation",
    ),
    ("work plan", "bench-staff", "/oversight/plan/?year=2024", "oversight.PlanItem"),
    ("work reports, staff", "bench-staff", "/reports/", "reports.WorkReport"),
    ("work reports, county", "bench-county", "/reports/", "reports.WorkReport"),
]
IMPORT_ROWS = 5_000
# The penetration test's zip bomb: a roster whose first row is one inline string of 400 MiB.
ZIP_BOMB_CELL_BYTES = 400 * 2**20
ZIP_BOMB = "roster import, 400 MiB zip bomb refused"
# A roster of 200,000 rows (about a megabyte): refused at the row after MAX_IMPORT_ROWS.
HUGE_SHEET_ROWS = 200_000
HUGE_SHEET = f"roster import, {HUGE_SHEET_ROWS:,}-row sheet refused"
# What `make run` does before it serves, on a fresh SQLite file (README: a newcomer's first run).
FIRST_RUN = "make run on a fresh SQLite file"
# A first password change, timed this many times at most (each one hashes a few times).
PASSWORD_CHANGE_RUNS = 10
INITIAL = "Kd4mPq8Rwz"  # an initial password as a slip prints it


class Timing(NamedTuple):
    queries: int
    median: float  # milliseconds
    p90: float


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
    help = (
        "Benchmark every list page against generated data, beside Django admin's changelist of "
        "the same rows and a bare page of 50 rows of the same table; prints a table."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--scale", type=int, default=10_000)
        parser.add_argument(
            "--only", default="", help="measure only the cases whose label has this"
        )
        parser.add_argument("--no-reports", action="store_true", help="skip the work reports")

    def handle(self, *args, runs: int, scale: int, only: str, no_reports: bool, **options):
        call_command("make_bench_data", scale=scale, stdout=self.stdout)
        self.runs = runs
        self.baselines: dict[tuple[str, str], Timing] = {}
        header = (
            f"\n{'list page':34} {'queries':>7} {'median':>7} {'p90':>7} "
            f"{'admin':>7} {'×admin':>6} {'floor':>6} {'×floor':>6}"
        )
        self.stdout.write(header + "\n" + " " * 42 + "(milliseconds)")
        with override_settings(
            DEBUG=False, ALLOWED_HOSTS=["testserver"], ROOT_URLCONF="demo.bench_urls"
        ):
            clear_url_caches()
            township = Township.objects.get(name=BENCH_TOWNSHIP)
            for label, username, url, model in LIST_PAGES:
                if only and only not in label:
                    continue
                page = self._measure(username, url.format(township=township.pk))
                self.stdout.write(self._row(label, page, model))
        clear_url_caches()
        if only:
            if only in FIRST_RUN:
                self._write_first_run()
            if only in ZIP_BOMB or only in HUGE_SHEET:
                self.stdout.write(f"\n{'other case':44} {'queries':>8} {'median ms':>10}")
                self.stdout.write(self._refusal_row(ZIP_BOMB, _zip_bomb()))
                self.stdout.write(self._refusal_row(HUGE_SHEET, _huge_sheet()))
            if only in "password change":
                self.stdout.write(self._password_change_row())
            return
        self.stdout.write(f"\n{'other case':44} {'queries':>8} {'median ms':>10}")
        for label, timing in (
            (f"roster import, {IMPORT_ROWS:,}-row file", self._measure_import()),
            ("reminder sweep over every open item", self._measure_reminders()),
        ):
            self.stdout.write(f"{label:44} {timing.queries:>8} {timing.median:>10.1f}")
        self.stdout.write(self._refusal_row(ZIP_BOMB, _zip_bomb()))
        self.stdout.write(self._refusal_row(HUGE_SHEET, _huge_sheet()))
        self.stdout.write(self._password_change_row())
        self._write_first_run()
        if not no_reports:
            # Work reports: drafting and printing, for the demo year and ten times its records.
            call_command("bench_reports", runs=min(runs, 10), stdout=self.stdout)

    def _write_first_run(self) -> None:
        self.stdout.write(f"\n{FIRST_RUN:44} {'seconds':>19}")
        for step, seconds in _first_run():
            self.stdout.write(f"  {step:42} {seconds:>19.1f}")

    def _row(self, label: str, page: "Timing", model: str | None) -> str:
        row = f"{label:34} {page.queries:>7} {page.median:>7.1f} {page.p90:>7.1f}"
        if model is None:
            return row
        app_label, model_name = model.lower().split(".")
        admin_timing = self._baseline("admin", model, f"/bench/admin/{app_label}/{model_name}/")
        floor_timing = self._baseline("floor", model, f"/bench/floor/{app_label}/{model_name}/")
        return (
            f"{row} {admin_timing.median:>7.1f} {page.median / admin_timing.median:>6.2f}"
            f" {floor_timing.median:>6.1f} {page.median / floor_timing.median:>6.2f}"
        )

    def _baseline(self, kind: str, model: str, url: str) -> "Timing":
        """The admin changelist or the floor page of a model, measured once per run."""
        key = (kind, model)
        if key not in self.baselines:
            self.baselines[key] = self._measure("bench-admin", url)
        return self.baselines[key]

    def _measure(self, username: str | None, url: str) -> "Timing":
        client = Client()
        if username:
            client.force_login(User.objects.get(username=username))
        with counting_queries() as queries:
            response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code} to {username}")
        timings = []
        for _ in range(self.runs):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        return Timing(
            len(queries), statistics.median(timings), timings[max(int(len(timings) * 0.9) - 1, 0)]
        )

    def _measure_reminders(self) -> "Timing":
        """The daily reminder job's sweep over all the bench township's open items (what is due
        today and who hears of it), without sending: half the bench proposals are assigned and
        long overdue."""
        with counting_queries() as queries:
            started = time.perf_counter()
            reminders_due(today=timezone.localdate())
            elapsed = (time.perf_counter() - started) * 1000
        return Timing(len(queries), elapsed, elapsed)

    def _measure_import(self) -> "Timing":
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
        return Timing(len(queries), elapsed, elapsed)

    def _refusal_row(self, label: str, bomb: bytes) -> str:
        """Refusing a workbook through read_rows: the median of the runs, and the peak of
        Python memory (tracemalloc) while refusing it once."""
        timings = []
        with counting_queries() as queries:
            for _ in range(self.runs):
                started = time.perf_counter()
                _refuse(bomb)
                timings.append((time.perf_counter() - started) * 1000)
        tracemalloc.start()
        try:
            _refuse(bomb)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        median = statistics.median(timings)
        return (
            f"{label:44} {len(queries):>8} {median:>10.1f}"
            f"  peak {peak / 2**10:,.0f} KiB, file {len(bomb) / 2**10:,.0f} KiB"
        )

    def _password_change_row(self) -> str:
        """A deputy's first password change (the form posted: the old password checked, the
        password rules with the history check, the new hash) after logging in with the initial
        password from the slip, on a new account each run. Rolled back."""
        runs = min(self.runs, PASSWORD_CHANGE_RUNS)
        township = Township.objects.get(name=BENCH_TOWNSHIP)
        timings = []
        with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]), transaction.atomic():
            for run in range(runs):
                user = User.objects.create(
                    username=f"bench-password-{run}",
                    township=township,
                    password=make_password(INITIAL, hasher=INITIAL_PASSWORD_HASHER),
                    must_change_password=True,
                )
                user.check_password(INITIAL)  # the login: rehashed with the preferred hasher
                client = Client()
                client.force_login(user)
                new = f"Renda-{run}-Xq7"
                data = {"old_password": INITIAL, "new_password1": new, "new_password2": new}
                started = time.perf_counter()
                response = client.post("/accounts/password/", data)
                timings.append((time.perf_counter() - started) * 1000)
                if response.status_code != 302:
                    raise RuntimeError(f"password change answered {response.status_code}")
            transaction.set_rollback(True)
        return f"password change: {statistics.median(timings):.0f} ms (median of {runs})"


def _first_run() -> list[tuple[str, float]]:
    """The seconds of each step `make run` takes before the first page answers, once, in
    processes of their own (as `make run` starts them) on a new SQLite file and media folder:
    every migration on an empty database, then the demo year."""
    steps = []
    with tempfile.TemporaryDirectory(prefix="renda-first-run-") as folder:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "congress.settings.local",
            "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
            "MEDIA_ROOT": f"{folder}/media",
            "REDIS_URL": "",  # the demo's tasks run eagerly, as on a machine without a broker
        }
        for command in ("migrate", "seed_demo"):
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "manage.py", command, "--no-color"],
                cwd=settings.BASE_DIR,
                env=env,
                check=True,
                capture_output=True,
            )
            steps.append((f"manage.py {command}", time.perf_counter() - started))
    steps.append(("both", sum(seconds for _, seconds in steps)))
    return steps


SHEET = "xl/worksheets/sheet1.xml"
SHEET_OPENING = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def _template_with_sheet(write_sheet) -> bytes:
    """The roster template with its sheet written by `write_sheet(stream, header_row)` in
    chunks (the header row as the template has it), so that a huge sheet packs small."""
    buffer = io.BytesIO()
    template = zipfile.ZipFile(io.BytesIO(write_workbook([], title="名册")))
    header = template.read(SHEET).decode()
    header_row = header[header.index("<row") : header.index("</row>") + len("</row>")].encode()
    with template, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in template.infolist():
            if info.filename != SHEET:
                archive.writestr(info, template.read(info))
        with archive.open(SHEET, "w", force_zip64=True) as sheet:
            write_sheet(sheet, header_row)
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    """One row of one inline string of ZIP_BOMB_CELL_BYTES: it packs into about 400 KiB."""

    def write(sheet, _header_row):
        sheet.write(SHEET_OPENING + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>')
        block = b"A" * 2**20
        for _ in range(ZIP_BOMB_CELL_BYTES // len(block)):
            sheet.write(block)
        sheet.write(b"</t></is></c></row></sheetData></worksheet>")

    return _template_with_sheet(write)


def _huge_sheet() -> bytes:
    """HUGE_SHEET_ROWS rows of a name and a gender below the header, as inline strings and
    without a <dimension> (nothing tells the reader its size before its end)."""

    def write(sheet, header_row):
        sheet.write(SHEET_OPENING + b"<sheetData>" + header_row)
        for number in range(2, HUGE_SHEET_ROWS + 2):
            sheet.write(
                f'<row><c t="inlineStr"><is><t>代表{number}</t></is></c>'
                '<c t="inlineStr"><is><t>男</t></is></c></row>'.encode()
            )
        sheet.write(b"</sheetData></worksheet>")

    return _template_with_sheet(write)


def _refuse(bomb: bytes) -> None:
    try:
        read_rows(io.BytesIO(bomb), limit=MAX_IMPORT_ROWS)
    except WorkbookError:
        return
    raise RuntimeError("the workbook was read, not refused")


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
