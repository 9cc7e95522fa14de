"""Production: secrets have no default, and the app refuses to start on the dev key."""

import os

from .base import *  # noqa: F403
from .base import STORAGES, env_bool
from .media import protected_media

WHITENOISE_USE_FINDERS = False
# Behind nginx, which sends the files the views allow from MEDIA_ROOT (README, Production);
# with the media in a bucket the workers stream them unless PROTECTED_MEDIA says otherwise.
PROTECTED_MEDIA = protected_media(os.environ, storage=STORAGES["default"], default="nginx")
# The media storage and django-dbbackup's stay as base.py chose them.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
