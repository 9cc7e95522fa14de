"""Test settings: the same code paths as production, with fast password hashing."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "x" * 40)

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
TEST_REDIS_URL = os.environ.get("REDIS_URL", "")
