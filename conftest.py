"""Shared fixtures: a township with units, and one user per role (Zulip-style seeded users)."""

import os
import shutil
import threading
import time
import uuid
import weakref

import pytest
from django.db import connection
from django.db.backends.signals import connection_created
from django.test import Client
from django.utils import translation

from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.tests.factories import ConstituencyFactory, DeputyFactory, DeputyGroupFactory

# Playwright's sync API runs an event loop in the test thread; Django's async-safety check
# would otherwise refuse the ORM calls made beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

IN_CI = os.environ.get("CI", "").lower() == "true"


def require(condition: bool, reason: str) -> None:
    """Skip a test whose service is missing on a developer machine; fail it in CI."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI needs this service: {reason}")
    pytest.skip(reason)


class BrowserLikeClient(Client):
    """Posts as a browser does: a create form's one-time token (a hidden field the page
    renders) goes with each POST, a new one each time unless the test gives its own.
    Tests of the token itself pass `submission_token` explicitly (the same twice, or "")."""

    def post(self, path, data=None, *args, **kwargs):
        from congress.forms import SUBMISSION_TOKEN

        if data is None:
            data = {}
        if isinstance(data, dict) and SUBMISSION_TOKEN not in data:
            data = {**data, SUBMISSION_TOKEN: str(uuid.uuid4())}
        return super().post(path, data, *args, **kwargs)


@pytest.fixture
def client():
    return BrowserLikeClient()


def run_together(*targets, timeout: float = 60) -> list:
    """Run each `target(barrier)` in its own thread and database connection, all released by
    one barrier the targets wait on where the race should start; returns their results (in
    the order they finished) and fails on any error a thread raised."""
    barrier = threading.Barrier(len(targets))
    results, errors = [], []

    def run(target):
        try:
            results.append(target(barrier))
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(target,)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not errors, errors
    return results


class Turn:
    """One of the two runs of `run_overlapping`: `start()` where its transaction's work begins,
    `hold()` once that work is done, before the transaction commits."""

    def __init__(self, race: "_Race", first: bool):
        self.race, self.first = race, first

    def start(self) -> None:
        if not self.first:
            assert self.race.first_holds.wait(self.race.timeout), "the first run never held"

    def hold(self) -> None:
        if self.first:
            self.race.first_holds.set()
            self.race.wait_for_the_second()


class _Race:
    def __init__(self, timeout: float):
        self.timeout = timeout
        self.first_holds = threading.Event()
        self.second_done = threading.Event()
        self.pids = [None, None]
        self.connected = threading.Barrier(2)

    def wait_for_the_second(self) -> None:
        """Until the second run waits for a lock the first holds (PostgreSQL says which
        sessions block which), or has finished without waiting."""
        first, second = self.pids
        deadline = time.monotonic() + self.timeout
        with connection.cursor() as cursor:
            while not self.second_done.is_set():
                cursor.execute("SELECT %s = ANY(pg_blocking_pids(%s))", [first, second])
                if cursor.fetchone()[0]:
                    return
                assert time.monotonic() < deadline, "the second run neither waited nor finished"
                self.second_done.wait(0.01)


def run_overlapping(first, second, *, timeout: float = 30) -> list:
    """Run `first(turn)` and `second(turn)` in their own threads and PostgreSQL connections so
    that their transactions overlap for certain, whatever the machine's speed: the second
    starts its work only once the first has done its own and holds it uncommitted, and the
    first commits only once the second is waiting for one of its locks (or finished without
    waiting, when nothing made it wait). Returns their results, the first's first, and fails
    on any error a thread raised."""
    race = _Race(timeout)
    results, errors = [None, None], []

    def run(index, target):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                race.pids[index] = cursor.fetchone()[0]
            race.connected.wait(timeout)
            results[index] = target(Turn(race, first=index == 0))
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
            race.first_holds.set()  # the second run does not wait for a first that failed
        finally:
            if index == 1:
                race.second_done.set()
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, target))
        for index, target in enumerate((first, second))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout * 2)
    assert not errors, errors
    return results


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test its own MEDIA_ROOT, so that no file another test left (under the same name:
    ids are reused) is found by this one. The default storage reads MEDIA_ROOT again when the
    setting changes. Module- and session-wide fixtures write to the process's
    (congress/settings/test.py)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def language_reset():
    """Each test starts in the default language: a request leaves its language active in the
    thread (English chosen with the switcher, a 乡's dialect), which a later test calling a
    selector or a service directly would otherwise read."""
    yield
    translation.deactivate()


@pytest.fixture
def township(db):
    return TownshipFactory()


@pytest.fixture
def unit(township):
    return UnitFactory(township=township)


@pytest.fixture
def make_user(db):
    from congress.services import user_create

    def make(role, township=None, unit=None, username=None, **extra):
        make.counter += 1
        return user_create(
            username=username or f"{role}{make.counter}",
            password="pw-for-tests-1",
            role=role,
            township=township,
            unit=unit,
            **extra,
        )

    make.counter = 0
    return make


@pytest.fixture
def users(township, unit, make_user):
    """One user per role in `township`; the deputy user is linked to a deputy record."""
    deputy_user = make_user(Role.DEPUTY, township)
    DeputyFactory(township=township, user=deputy_user)
    return {
        Role.STAFF: make_user(Role.STAFF, township),
        Role.MEMBER: make_user(Role.MEMBER, township),
        Role.DEPUTY: deputy_user,
        Role.UNIT: make_user(Role.UNIT, township, unit=unit),
        Role.COUNTY: make_user(Role.COUNTY, None),
        Role.COUNTY_ADMIN: make_user(Role.COUNTY_ADMIN, None),
    }


@pytest.fixture
def staff(users):
    return users[Role.STAFF]


@pytest.fixture
def county_admin(users):
    return users[Role.COUNTY_ADMIN]


@pytest.fixture
def constituency(township):
    return ConstituencyFactory(township=township)


@pytest.fixture
def deputy_group(township):
    return DeputyGroupFactory(township=township)


# Every database connection the test process opens. Playwright's sync API leaves the tests
# that run after the first browser test in another context than the session's fixtures, so
# they use connections of their own, which pytest-django's teardown never sees: still open,
# they keep it from dropping the test database ("is being accessed by other users").
_opened_connections = weakref.WeakSet()
connection_created.connect(
    lambda sender, connection, **kwargs: _opened_connections.add(connection), weak=False
)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    yield
    for opened in list(_opened_connections):
        if opened.connection is not None and opened._thread_ident == threading.get_ident():
            opened.close()


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium") or "/usr/bin/chromium"
    require(os.path.exists(path), "Debian's Chromium (/usr/bin/chromium) is not installed")
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_path):
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def celery_broker(settings):
    """Point the Celery app at a real broker for one test, then back to eager mode."""
    from congress.celery import app

    keys = ("broker_url", "task_always_eager")
    saved = {key: app.conf[key] for key in keys}

    def drop_pooled_connections():
        # What Celery itself does after a fork; app.close() would also unregister the app.
        app._pool = None
        app.amqp._producer_pool = None

    def use(url: str):
        settings.CELERY_TASK_ALWAYS_EAGER = False
        app.conf.update(broker_url=url, task_always_eager=False)
        drop_pooled_connections()
        return app

    yield use
    app.conf.update(saved)
    drop_pooled_connections()


@pytest.fixture
def page(page):
    # Generous for a loaded 2-core CI machine; a failing wait still fails within the limit.
    page.set_default_timeout(20_000)
    return page


def run_scheduled_jobs_twice_on_a_worker(app) -> None:
    """Send the scheduled-jobs task twice (beat firing twice, or two beats) to a real Celery
    worker on `app`'s broker and wait until every task it led to has finished."""
    import time

    from celery.contrib.testing.worker import start_worker
    from celery.signals import after_task_publish, task_postrun

    from congress.tasks import run_scheduled_jobs

    published, finished = set(), set()

    def on_publish(headers=None, **kwargs):
        published.add(headers["id"])

    def on_postrun(task_id=None, state=None, **kwargs):
        if state != "RETRY":
            finished.add(task_id)

    after_task_publish.connect(on_publish, weak=False)
    task_postrun.connect(on_postrun, weak=False)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            run_scheduled_jobs.delay()
            run_scheduled_jobs.delay()
            deadline = time.monotonic() + 60
            while not (len(published) > 2 and published <= finished):
                assert time.monotonic() < deadline, published - finished
                time.sleep(0.1)
    finally:
        after_task_publish.disconnect(on_publish)
        task_postrun.disconnect(on_postrun)
