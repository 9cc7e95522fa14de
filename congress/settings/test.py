"""Test settings: the same code paths as production, with fast password hashing."""

import os
import tempfile
import urllib.parse

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "x" * 40)


def redis_url_of_xdist_worker(url: str, worker: str) -> str:
    """pytest-xdist runs the tests in worker processes gw0, gw1, …, each on its own test
    database (pytest-django's suffix). Each takes its own Redis database too, `url`'s number
    less the worker's (gw0 15, gw1 14), so a Celery worker a test starts takes only the tasks
    of its own process, and no queue, result or cache key is shared. Without xdist: `url`."""
    if not worker:
        return url
    parts = urllib.parse.urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    number = base - int(worker.removeprefix("gw"))
    if number < 0:
        raise ValueError(f"Redis database {base} leaves none for pytest-xdist worker {worker}")
    return urllib.parse.urlunsplit(parts._replace(path=f"/{number}"))


# Written back to the environment, where base.py reads it, and once: the processes tests start
# (manage.py, gunicorn, Celery) inherit both variables and keep the worker's database.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if os.environ.get("REDIS_URL") and os.environ.get("RENDA_REDIS_WORKER", "") != _worker:
    os.environ["REDIS_URL"] = redis_url_of_xdist_worker(os.environ["REDIS_URL"], _worker)
    os.environ["RENDA_REDIS_WORKER"] = _worker

from .base import *  # noqa: E402,F403

DEBUG = False
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "congress.accounts.hashers.InitialPasswordHasher",
]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="renda-test-media-"))  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LANGUAGE_CODE = "zh-hans"
# Tests queue tasks eagerly unless a test starts a real worker itself.
CELERY_TASK_ALWAYS_EAGER = True
# No background thread printing while the tests run; reports/tests/test_warm_up.py calls it.
REPORTS_PDF_WARM_UP = False
# Where the tests that start a real Celery worker find Redis (its database 15 by default).
TEST_REDIS_URL = os.environ.get("REDIS_URL") or redis_url_of_xdist_worker(
    "redis://127.0.0.1:6379/15", _worker
)
