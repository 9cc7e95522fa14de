"""Developer defaults: DEBUG on unless the environment says otherwise."""

import os

os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: E402,F403

# Django's debug error pages carry inline script and style: in development the policy only
# reports violations (in the browser's console) so that those pages work. Tests, which check
# the header, and production enforce it.
CONTENT_SECURITY_POLICY_REPORT_ONLY = CONTENT_SECURITY_POLICY  # noqa: F405
CONTENT_SECURITY_POLICY = None
