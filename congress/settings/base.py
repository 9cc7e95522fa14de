"""Settings shared by every environment; everything that differs comes from the environment."""

import datetime
import os
from pathlib import Path

import dj_database_url
import xstatic.pkg.bootstrap
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .media import media_storage, protected_media

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int, *, minimum: int) -> int:
    """An integer setting from the environment; a value under `minimum` stops the start."""
    raw = os.environ.get(name, "")
    try:
        value = int(raw) if raw.strip() else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum} (it is {value}).")
    return value


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEV_SECRET_KEY = "dev-only-insecure-secret-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
if not DEBUG and SECRET_KEY in ("", DEV_SECRET_KEY):
    raise ImproperlyConfigured(
        "DEBUG is off: set SECRET_KEY to a long random value (the development key is refused)."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Widget templates from the project's templates too (the login's picture challenge).
    "django.forms",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "django_filters",
    # Login lockout. Before the core, so that its signal receivers run before the audit log's
    # (congress.security.audit relies on axes having marked a locked-out request).
    "axes",
    "captcha",
    "csp",
    "dbbackup",
    "congress.apps.CongressConfig",
    "sessions.apps.CongressSessionsConfig",
    "deputies.apps.DeputiesConfig",
    "proposals.apps.ProposalsConfig",
    "oversight.apps.OversightConfig",
    "petitions.apps.PetitionsConfig",
    "publicity.apps.PublicityConfig",
    "reports.apps.ReportsConfig",
    "demo.apps.DemoConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "congress.middleware.ChosenLanguageMiddleware",
    # Before anything reads the body: a request larger than MAX_REQUEST_BYTES is answered 413.
    "congress.middleware.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "congress.middleware.TownshipWordingMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Personal data is not to stay in a browser's or proxy's cache; one audit row per 403.
    "congress.middleware.SecurityHeadersMiddleware",
    "congress.middleware.RefusalAuditMiddleware",
    # Ends a session idle or too old, before LoginRequiredMiddleware sends its user to log in.
    "congress.middleware.SessionTimeoutMiddleware",
    # Every view requires login unless marked with @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # A user with an initial password sets their own before any other page.
    "congress.middleware.PasswordChangeRequired",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: turns a login refused by the lockout into the Chinese lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "congress.urls"
WSGI_APPLICATION = "congress.wsgi.application"

FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "congress.context_processors.navigation",
                "congress.context_processors.notifications",
            ],
        },
    },
]

# The embedded default is a SQLite file in the project; production sets postgres://...
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "congress.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# axes first: it refuses a locked-out login before any password is checked. It needs the
# request in authenticate(); the login view and the admin pass it, client.force_login skips it.
# Django's ModelBackend, loading the user with their township (one query a request, not two).
# Sessions stored under Django's own backend path (before it was replaced) end: their users log
# in again once.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "congress.security.backends.TownshipModelBackend",
]
# Argon2 hashes every new password (congress.accounts.hashers: Django's Argon2PasswordHasher
# with OWASP's parameters, a password change in a fraction of a second); Django's other hashers
# still verify older hashes, which are rehashed with Argon2 at the next login; last the one that
# only verifies initial passwords until their first use (fewer rounds, see its docstring).
PASSWORD_HASHERS = [
    "congress.accounts.hashers.OfficeArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "congress.accounts.hashers.InitialPasswordHasher",
]

# Passwords (等保2.0 二级 身份鉴别; OWASP ASVS 2.1): our validators speak Chinese, see
# congress/security/passwords.py.
PASSWORD_MIN_LENGTH = env_int("PASSWORD_MIN_LENGTH", 8, minimum=8)
PASSWORD_HISTORY_COUNT = env_int("PASSWORD_HISTORY_COUNT", 5, minimum=1)
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "congress.security.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "congress.security.passwords.CharacterClassesValidator"},
    {"NAME": "congress.security.passwords.UsernameValidator"},
    {
        # The user name has its own rule above; this one keeps the password away from the
        # email address and names.
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["email", "full_name", "first_name", "last_name"]},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {
        "NAME": "congress.security.passwords.PasswordHistoryValidator",
        "OPTIONS": {"count": PASSWORD_HISTORY_COUNT},
    },
]

# Lockout (django-axes; 等保2.0 登录失败处理): LOGIN_FAILURE_LIMIT failed logins at one account
# name from one address, each within LOGIN_LOCKOUT_MINUTES of the one before, lock that name
# from that address for LOGIN_LOCKOUT_MINUTES. Only that pair: nobody can lock another person
# out from elsewhere, nor a whole office behind one address. Guessing from many addresses, or
# many names from one, meets a picture challenge instead (congress.security.login): after
# LOGIN_CHALLENGE_AFTER failures at a name from anywhere, or LOGIN_ADDRESS_CHALLENGE_AFTER
# from an address at any names, in the same window. Staff unlock their township's accounts at
# /accounts/locked/; the admin clears anything.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_CHALLENGE_AFTER = env_int("LOGIN_CHALLENGE_AFTER", 3, minimum=1)
LOGIN_ADDRESS_CHALLENGE_AFTER = env_int("LOGIN_ADDRESS_CHALLENGE_AFTER", 10, minimum=1)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = datetime.timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # the pair, never either alone
# Attempts while locked do not restart the clock: the page promises a fixed wait.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "congress.security.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "congress.security.client.client_ip"
# The picture challenge (django-simple-captcha): four digits, valid 5 minutes, one try each.
CAPTCHA_CHALLENGE_FUNCT = "congress.security.login.digits_challenge"
CAPTCHA_LENGTH = 4
CAPTCHA_TIMEOUT = 5
CAPTCHA_FONT_SIZE = 28
CAPTCHA_LETTER_ROTATION = (-20, 20)
# Logins and logouts go to the core's audit log (AuthEvent), not to a second table.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Behind a reverse proxy (nginx) every request comes from the proxy's address: give the number
# of proxies that append to X-Forwarded-For, so that lockouts and the audit log see the client.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)

# Sessions: logged out after SESSION_IDLE_MINUTES without a request, and SESSION_LIFETIME_HOURS
# after logging in whatever the activity; the cookie dies with the browser.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_LIFETIME_HOURS = env_int("SESSION_LIFETIME_HOURS", 12, minimum=1)
SESSION_COOKIE_AGE = SESSION_LIFETIME_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Audit log of logins, failures, lockouts and refusals: kept AUDIT_RETENTION_DAYS; 等保2.0
# (GB/T 22239-2019 8.1.4.3) requires at least six months.
AUDIT_MIN_RETENTION_DAYS = 183
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 400, minimum=AUDIT_MIN_RETENTION_DAYS)

# Content-Security-Policy (django-csp 4): no inline script or style anywhere; JavaScript lives
# in static/js/ and reads its settings from data- attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# Features no page uses, switched off for the page and anything it might embed.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "zh-hans")
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "congress" / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Bootstrap comes from a Python package so no page needs the internet.
STATICFILES_DIRS = [BASE_DIR / "static", ("bootstrap", xstatic.pkg.bootstrap.BASE_DIR)]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploads and generated files: under MEDIA_ROOT, or in a private S3-compatible bucket when
# MEDIA_STORAGE=s3 or AWS_STORAGE_BUCKET_NAME is set (congress.settings.media).
MEDIA_STORAGE_BACKEND = media_storage(os.environ)
# No URL serves the media: every file is sent by a view that checks who may read its record
# (congress.files). "django" streams it from Python; "nginx" hands it to nginx with
# X-Accel-Redirect to PROTECTED_MEDIA_PREFIX, an `internal` location aliased to MEDIA_ROOT;
# "s3-redirect" answers a signed URL of the bucket valid PROTECTED_MEDIA_URL_SECONDS.
PROTECTED_MEDIA = protected_media(os.environ, storage=MEDIA_STORAGE_BACKEND, default="django")
PROTECTED_MEDIA_PREFIX = os.environ.get("PROTECTED_MEDIA_PREFIX", "/protected-media/")
PROTECTED_MEDIA_URL_SECONDS = env_int("PROTECTED_MEDIA_URL_SECONDS", 60, minimum=1)
if not (PROTECTED_MEDIA_PREFIX.startswith("/") and PROTECTED_MEDIA_PREFIX.endswith("/")):
    raise ImproperlyConfigured("PROTECTED_MEDIA_PREFIX starts and ends with '/'.")
# The largest request body accepted (an attachment is at most 10 MB, a roster workbook 5 MB):
# a larger Content-Length is answered 413 before the body is read. nginx's
# client_max_body_size should say the same.
MAX_REQUEST_BYTES = int(os.environ.get("MAX_REQUEST_BYTES", str(20 * 1024 * 1024)))
# Form fields other than files; the longest text typed here is far below this.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Without collectstatic (development, tests) WhiteNoise serves straight from the finders.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", True)
# `manage.py backup` writes one dated archive (the database dump and the media files) here.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))
STORAGES = {
    "default": MEDIA_STORAGE_BACKEND,
    # Static files stay on the local disk, served by WhiteNoise, wherever the media live.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # django-dbbackup's own storage; `backup` and `restore` pass it local paths instead.
    # Its media part reads and writes the files through "default", on disk or in the bucket.
    "dbbackup": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(BACKUP_DIR)},
    },
}
# Failures are reported by the command's exit status and output (cron mails it).
DBBACKUP_SEND_EMAIL = False

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "renda@localhost")
# Where users reach the site, empty when unset. Emails, sent with no request to take it from,
# link to it (else to http://127.0.0.1:8000); slips print it (else the address they are issued at).
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

# Every channel receives every new notification (congress.notifications.channels.Channel);
# an SMS gateway is one more line here.
NOTIFICATION_CHANNELS = ["congress.notifications.channels.EmailChannel"]

# Celery: with REDIS_URL a real worker does the work; without it tasks run eagerly in-process,
# so the app works on a bare machine with no services at all.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
# Django's cache. Nothing relies on it today (sessions and login lockouts are in the database),
# but Django's default, a per-process memory cache, would differ between app servers and
# workers: with Redis every process shares one.
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "renda-cache",
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
# Load WeasyPrint and the report's faces ahead of the first PDF (reports.printing.warm_up).
REPORTS_PDF_WARM_UP = True
# Eager mode behaves as a worker does: a failing task is retried (at once, without the wait)
# and records its failure; it does not raise into the request that queued it.
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The whole beat schedule lives here. Every periodic job registers in congress.registry and
# runs from this one daily entry (cron without Redis: `manage.py run_scheduled`).
SCHEDULED_JOBS_HOUR = int(os.environ.get("SCHEDULED_JOBS_HOUR", "7"))
CELERY_BEAT_SCHEDULE: dict = {
    "run-scheduled-jobs": {
        "task": "congress.tasks.run_scheduled_jobs",
        "schedule": crontab(hour=SCHEDULED_JOBS_HOUR, minute=0),  # in CELERY_TIMEZONE
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        # A refused page is an expected event (and is in the audit log): one line, no traceback.
        "forbidden_without_traceback": {"()": "congress.security.logs.ForbiddenWithoutTraceback"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"filters": ["forbidden_without_traceback"]},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Each failed login is in the audit log; axes would log it again at WARNING.
        "axes": {"level": "ERROR"},
    },
}
