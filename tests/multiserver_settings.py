"""Settings of the app servers and Celery workers that tests/test_multiserver.py starts: the
test settings, with the media directory of the test process (standing in for the storage all
servers share), tasks queued for real, and a queue of the test's own."""

import os
from pathlib import Path

from congress.settings.test import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["MULTISERVER_MEDIA_ROOT"])
CELERY_TASK_ALWAYS_EAGER = False
# Nothing queued by another test (or left over in Redis) reaches these workers.
CELERY_TASK_DEFAULT_QUEUE = os.environ["MULTISERVER_QUEUE"]
