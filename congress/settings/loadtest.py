"""`make loadtest`: production's settings, served over plain HTTP on the loopback without nginx.

Everything that costs time per request stays as in production (DEBUG off, the manifest static
storage, the middleware, the enforced CSP); only what needs TLS or nginx in front is relaxed, so
that the load tool's plain-HTTP clients keep their session and CSRF cookies and the PDF is sent
by the app itself."""

from .production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# No nginx to answer X-Accel-Redirect: the app sends the file, as without one in production.
PROTECTED_MEDIA = "django"
