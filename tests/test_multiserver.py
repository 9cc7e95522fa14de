"""More than one process: two gunicorn app servers and two Celery workers on one PostgreSQL
and one Redis, driven over real HTTP as a load balancer would spread requests.

A login on one server holds on the other and failed logins count across both; registrations
at once on both number without gaps; the daily jobs sent to both workers at once remind once;
a final report's PDF asked for on both at once is rendered and kept once, and both servers
hand out the same file. The processes are started once for the module (about 10 s); each test
commits its own data (transactional), and waits for the workers to finish every task it led
to before the data is flushed."""

import concurrent.futures
import contextlib
import http.client
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from collections import Counter
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from conftest import require
from congress.models import JobRun, Notification
from congress.registry import scheduled_jobs
from congress.roles import Role
from congress.tests.test_lockout import answered_challenge
from proposals.models import Proposal
from proposals.reminders import DUE_SOON
from proposals.tests.factories import ProposalFactory, proposal_due_in_a_week
from reports.models import Report
from reports.services import version_move, work_report_create
from reports.tests.test_reports import redis_available, redis_url

pytestmark = [
    pytest.mark.multiserver,
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
]

ROOT = Path(settings.BASE_DIR)
BIN = Path(sys.executable).parent
PASSWORD = "pw-for-tests-1"
WORKERS = ("w1", "w2")
START_TIMEOUT = 60
# Celery's worker log: "Task congress.tasks.x[<id>] received", "... succeeded in 0.1s: 2",
# "... raised unexpected: ...", "... retry: Retry in 10s".
TASK_EVENT = re.compile(r"Task ([\w.]+)\[([0-9a-f-]+)\] (received|succeeded|raised|retry)")


# ----------------------------------------------------------------------------- HTTP


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")

    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class Browser:
    """One browser's cookies, sent to whichever server a request names ("127.0.0.1:port"):
    real HTTP, no redirects followed."""

    def __init__(self):
        self.cookies: dict[str, str] = {}
        self.lock = threading.Lock()

    def request(self, server: str, method: str, path: str, fields=None) -> Response:
        host, port = server.split(":")
        with self.lock:
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(host, int(port), timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            raw = conn.getresponse()
            response = Response(raw.status, raw.headers, raw.read())
        finally:
            conn.close()
        with self.lock:
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
        return response

    def get(self, server: str, path: str) -> Response:
        return self.request(server, "GET", path)

    def post(self, server: str, path: str, fields: dict | None = None) -> Response:
        """A form's POST: the CSRF token from the cookie, as the page's form carries it."""
        token = {"csrfmiddlewaretoken": self.cookies["csrftoken"]}
        return self.request(server, "POST", path, {**token, **(fields or {})})

    def log_in(
        self, server: str, username: str, password: str, *, challenge: dict | None = None
    ) -> Response:
        """The login form, as a person fills it: its page first, then its POST, with the
        picture challenge's answer if given (asked after a few failures)."""
        page = self.get(server, "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text())
        assert page.status == 200 and token, (page.status, page.text()[:500])
        fields = {"csrfmiddlewaretoken": token[1], "username": username, "password": password}
        return self.request(server, "POST", "/accounts/login/", {**fields, **(challenge or {})})


def logged_in_browser(server: str, user) -> Browser:
    browser = Browser()
    response = browser.log_in(server, user.username, PASSWORD)
    assert (response.status, response.location) == (302, "/"), response.text()[:2000]
    return browser


def at_once(calls: list) -> list:
    """Call each of `calls` in its own thread, all released together; their results in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait(timeout=30)
        return call()

    with concurrent.futures.ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


# ----------------------------------------------------------------------------- processes


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    quote = urllib.parse.quote
    credentials = quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{credentials}@{host}:{db['PORT'] or 5432}/{quote(db['NAME'])}"


class Cluster:
    """The started processes, each in its own process group with its output in a file."""

    def __init__(self, workdir: Path, redis: str):
        self.workdir = workdir
        # The storage all servers share: the test process reads and writes it too.
        self.media_root = workdir / "media"
        self.media_root.mkdir()
        self.redis = redis
        self.queue = f"multiserver-{uuid.uuid4().hex[:12]}"
        self.processes: dict[str, subprocess.Popen] = {}
        self.servers: list[str] = []

    def env(self) -> dict:
        dropped = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}
        env = {key: value for key, value in os.environ.items() if key not in dropped}
        env.update(
            DJANGO_SETTINGS_MODULE="tests.multiserver_settings",
            PYTHONPATH=str(ROOT),
            DATABASE_URL=database_url(),
            REDIS_URL=self.redis,
            MULTISERVER_MEDIA_ROOT=str(self.media_root),
            MULTISERVER_QUEUE=self.queue,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            LOG_LEVEL="INFO",
        )
        return env

    def start(self, name: str, args: list[str]) -> None:
        with open(self.log_path(name), "wb") as log:
            self.processes[name] = subprocess.Popen(
                args,
                cwd=ROOT,
                env=self.env(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stopped with its children
            )

    def start_server(self, name: str) -> None:
        port = free_port()
        self.servers.append(f"127.0.0.1:{port}")
        self.start(
            name,
            [str(BIN / "gunicorn"), "congress.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "2", "--timeout", "60", "--access-logfile", "-"],
        )  # fmt: skip

    def start_worker(self, name: str) -> None:
        self.start(
            name,
            [str(BIN / "celery"), "-A", "congress", "worker", "--concurrency", "1",
             "-n", f"{name}@%h", "-Q", f"{self.queue},{self.queue}.{name}",
             "--prefetch-multiplier", "1", "--without-gossip", "--without-mingle",
             "--without-heartbeat", "--loglevel", "INFO"],
        )  # fmt: skip

    def log_path(self, name: str) -> Path:
        return self.workdir / f"{name}.log"

    def log(self, name: str) -> str:
        return self.log_path(name).read_text(encoding="utf-8", errors="replace")

    def log_sizes(self) -> dict[str, int]:
        return {name: len(self.log(name)) for name in self.processes}

    def logs(self, since: dict[str, int] | None = None) -> str:
        """Every process's output (its last 6,000 characters), or what it wrote `since`."""
        return "\n".join(
            f"----- {name} (exit {process.poll()}) -----\n"
            + self.log(name)[(since or {}).get(name, 0) :][-6000:]
            for name, process in self.processes.items()
        )

    def wait_for(self, condition, what: str, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            dead = [name for name, process in self.processes.items() if process.poll() is not None]
            if dead or time.monotonic() > deadline:
                reason = f"{', '.join(dead)} exited" if dead else f"not within {timeout} s"
                raise AssertionError(f"Waiting for {what}: {reason}\n{self.logs()}")
            time.sleep(0.2)

    def server_ready(self, server: str) -> bool:
        try:
            return Browser().get(server, "/healthz").status == 200
        except OSError:
            return False

    def worker_ready(self, name: str) -> bool:
        return re.search(rf"{name}@\S+ ready\.", self.log(name)) is not None

    def task_events(self) -> list[tuple[str, str, str]]:
        return [event for name in WORKERS for event in TASK_EVENT.findall(self.log(name))]

    def queued(self) -> int:
        import redis

        client = redis.Redis.from_url(self.redis)
        try:
            return sum(client.llen(name) for name in self.queue_names())
        finally:
            client.close()

    def queue_names(self) -> list[str]:
        return [self.queue, *(f"{self.queue}.{name}" for name in WORKERS)]

    def idle(self) -> bool:
        """Nothing waiting in the queues and every task a worker received has finished."""
        if self.queued():
            return False
        received, finished = Counter(), Counter()
        for _task, task_id, event in self.task_events():
            (received if event == "received" else finished)[task_id] += 1
        return all(finished[task_id] >= count for task_id, count in received.items())

    def wait_until_idle(self) -> None:
        # Twice in a row: a task taken from the queue is logged a moment later.
        self.wait_for(lambda: self.idle() and (time.sleep(0.3) or self.idle()), "idle workers")
        failed = [event for event in self.task_events() if event[2] in {"raised", "retry"}]
        assert not failed, f"Tasks failed: {failed}\n{self.logs()}"

    def stop(self) -> None:
        # The main process first (gunicorn's arbiter, Celery's main process), which stops its
        # own workers; then whatever is left of its group.
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + 15
        for process in self.processes.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            with contextlib.suppress(ProcessLookupError):  # what is left of the group
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def cluster(django_db_setup, tmp_path_factory):
    require(connection.vendor == "postgresql", "DATABASE_URL does not point at PostgreSQL")
    redis = redis_url()
    require(redis_available(redis), f"Redis is not reachable at {redis}")
    cluster = Cluster(tmp_path_factory.mktemp("multiserver"), redis)
    try:
        for name in WORKERS:
            cluster.start_worker(name)
        for name in ("server-a", "server-b"):
            cluster.start_server(name)
        for server in cluster.servers:
            cluster.wait_for(lambda server=server: cluster.server_ready(server), server)
        for name in WORKERS:
            cluster.wait_for(lambda name=name: cluster.worker_ready(name), name)
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(autouse=True)
def media_root(settings, cluster):
    """Not a folder of the test's own (the root conftest's): the one the cluster's servers
    and workers share."""
    settings.MEDIA_ROOT = cluster.media_root
    return cluster.media_root


@pytest.fixture(autouse=True)
def finished_before_flush(cluster, transactional_db):
    """Every task a test led to runs before its data is flushed (a task running after the
    flush would fail, or leave rows behind for the next test). What the processes wrote
    during the test is printed, which pytest shows when the test fails."""
    sizes = cluster.log_sizes()
    yield
    print(cluster.logs(since=sizes))
    cluster.wait_until_idle()


# ----------------------------------------------------------------------------- the tests


def test_a_login_on_one_server_holds_on_the_other_and_failures_count_on_both(cluster, staff, users):
    """Sessions and login failures are in the database, which both servers read."""
    deputy_user = users[Role.DEPUTY]
    a, b = cluster.servers
    browser = logged_in_browser(a, staff)
    home = browser.get(b, "/")
    assert (home.status, home.location) == (200, "")
    assert "退出登录" in home.text()

    # Logging out on B ends the session on A as well.
    assert browser.post(b, "/accounts/logout/").status == 302
    assert browser.get(a, "/").location.startswith("/accounts/login/")

    # LOGIN_FAILURE_LIMIT failures from one address spread over both servers lock the account
    # there on both (answering the picture challenge once it is asked, as a person does).
    intruder = Browser()
    limit = settings.LOGIN_FAILURE_LIMIT
    statuses = [
        intruder.log_in(
            cluster.servers[n % 2],
            deputy_user.username,
            "wrong",
            challenge=answered_challenge(),
        ).status
        for n in range(limit)
    ]
    assert statuses == [200] * (limit - 1) + [429]
    for server in cluster.servers:
        assert Browser().log_in(server, deputy_user.username, PASSWORD).status == 429


def test_registrations_at_once_on_both_servers_number_without_gaps(cluster, township, make_user):
    """Eight proposals registered at once, alternately on each server, by two staff: the
    numbers of the township's year and kind run from 1 to 8 (the counter row's lock)."""
    count = 8
    proposals = [ProposalFactory(deputy__township=township) for _ in range(count)]
    browsers = [
        logged_in_browser(server, make_user(Role.STAFF, township)) for server in cluster.servers
    ]

    def register(n, proposal):
        return lambda: browsers[n % 2].post(
            cluster.servers[n % 2], f"/proposals/{proposal.pk}/move/register/", {"note": ""}
        )

    responses = at_once([register(n, proposal) for n, proposal in enumerate(proposals)])
    assert [r.status for r in responses] == [302] * count
    numbered = Proposal.objects.filter(pk__in=[p.pk for p in proposals])
    assert {(p.kind, p.number_year) for p in numbered} == {
        (proposals[0].kind, timezone.localdate().year)
    }
    assert sorted(numbered.values_list("number", flat=True)) == list(range(1, count + 1))


def test_the_daily_jobs_sent_to_both_workers_at_once_remind_once(
    cluster, township, unit, make_user
):
    """Beat firing on two machines (or twice): the jobs task goes to each worker at once,
    each queues every job, both workers take them, and each reminder goes out once."""
    from celery import Celery

    today = timezone.localdate()
    proposal_due_in_a_week(township=township, unit=unit, make_user=make_user, today=today)
    Notification.objects.all().delete()  # the assignment's own notices: not under test

    sender = Celery("multiserver-test", broker=cluster.redis, backend=cluster.redis)
    try:
        results = [
            sender.send_task("congress.tasks.run_scheduled_jobs", queue=f"{cluster.queue}.{w}")
            for w in WORKERS
        ]
        queued = [result.get(timeout=60) for result in results]
    finally:
        sender.close()
    cluster.wait_until_idle()

    for name in WORKERS:
        assert "congress.tasks.run_scheduled_jobs[" in cluster.log(name), name
    runs = JobRun.objects.filter(day=today)
    assert sorted(runs.values_list("job", "state")) == sorted(
        (job.key, JobRun.State.DONE) for job in scheduled_jobs
    )
    assert sorted(max(queued, key=len)) == sorted(job.key for job in scheduled_jobs)
    reminders = Notification.objects.filter(kind=DUE_SOON)
    assert sorted(reminders.values_list("recipient__email", "email_state")) == [
        ("staff@example.gov.cn", Notification.EmailState.SENT),
        ("unit@example.gov.cn", Notification.EmailState.SENT),
    ]


def test_a_final_pdf_asked_for_on_both_servers_at_once_is_rendered_and_kept_once(
    cluster, township, make_user, monkeypatch
):
    """Staff click "PDF" on both servers at once: one rendering is queued, a worker makes and
    keeps the PDF, both servers' progress pages reach 100 and hand out the same bytes."""
    from pypdf import PdfReader

    staff = make_user(Role.STAFF, township)
    member = make_user(Role.MEMBER, township)
    # Approved here, its rendering left to the servers: as if the queue was down at approval.
    monkeypatch.setattr("reports.services.rendering._enqueue_render", lambda report_id: None)
    report = work_report_create(township=township, year=2024, kind="proposals", by=staff)
    version = report.versions.get()
    version_move(version=version, move="submit", by=staff)
    version_move(version=version, move="approve", by=member)
    Report.objects.filter(version=version).update(state=Report.State.FAILED)

    final_dir = Path(settings.MEDIA_ROOT) / "reports" / "final"
    files_before = set(final_dir.rglob("*.pdf"))
    browsers = [logged_in_browser(server, staff) for server in cluster.servers]
    path = f"/reports/versions/{version.pk}/render/"
    # Two clicks on each server (each has two workers): four requests in flight at once.
    asked = at_once(
        [lambda n=n: browsers[n % 2].post(cluster.servers[n % 2], path) for n in range(4)]
    )
    assert [r.status for r in asked] == [302] * 4
    assert len({r.location for r in asked}) == 1, "more than one rendering queued"
    progress_path = asked[0].location + "progress/"

    def status(n):
        response = browsers[n].get(cluster.servers[n], progress_path)
        assert response.status == 200, response.text()[:500]
        return json.loads(response.body)

    cluster.wait_for(lambda: status(0)["done"] and status(1)["done"], "the PDF", timeout=90)
    statuses = [status(0), status(1)]
    assert [s["progress"] for s in statuses] == [100, 100], statuses
    for n in range(2):
        page = browsers[n].get(cluster.servers[n], asked[0].location)
        assert page.status == 200

    downloads = [browsers[n].get(cluster.servers[n], statuses[n]["download"]) for n in range(2)]
    assert [d.status for d in downloads] == [200, 200]
    pdf = downloads[0].body
    assert downloads[1].body == pdf
    assert pdf.startswith(b"%PDF") and len(PdfReader(io.BytesIO(pdf)).pages) >= 1
    version.refresh_from_db()
    with version.pdf.open("rb") as kept:
        assert kept.read() == pdf
    assert version.renders.exclude(state=Report.State.FAILED).count() == 1
    kept_files = set(final_dir.rglob("*.pdf")) - files_before
    assert len(kept_files) == 1, kept_files
