import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext as _

from .models import AuthEvent
from .security.audit import EXPIRED_REASON, SESSION_LOGIN_AT, SESSION_SEEN_AT
from .security.services import auth_event_record
from .wording import activate_for


class ChosenLanguageMiddleware:
    """Chinese unless the user chose another language with the switcher (a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an office PC with
    an English browser would show English; the app's users expect Chinese by default.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class TownshipWordingMiddleware:
    """Once the user is known, a 乡's or a 民族乡's users read the product in its words (乡长,
    乡人民政府, 本乡): congress.wording. After AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        activate_for(request.user)
        return self.get_response(request)


class RequestSizeLimitMiddleware:
    """Answer 413 to a request whose Content-Length exceeds MAX_REQUEST_BYTES, before any code
    reads its body: a 200 MB upload is refused without being received."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return render(
                request,
                "413.html",
                {"limit_mb": settings.MAX_REQUEST_BYTES // 2**20},
                status=413,
            )
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """What a logged-in user receives (pages, Excel and PDF files) carries personal data: no
    browser or proxy may keep it (Cache-Control: no-store, Vary: Cookie). Every response sends
    a Permissions-Policy. Files that run no script (PDF, Excel, pictures) go without the
    Content-Security-Policy: under it Chrome's PDF viewer shows nothing."""

    ACTIVE_TYPES = ("text/html", "application/xhtml+xml", "image/svg+xml", "text/xml")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type and content_type not in self.ACTIVE_TYPES:
            response._csp_exempt = True  # read by csp.middleware.CSPMiddleware
        return response


class RefusalAuditMiddleware:
    """Each refused page (403, whichever code refused it) is one line of the audit log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            user = getattr(request, "user", None)
            auth_event_record(kind=AuthEvent.Kind.PERMISSION_DENIED, request=request, user=user)
        return response


class SessionTimeoutMiddleware:
    """Logs a user out after SESSION_IDLE_MINUTES without a request, and SESSION_LIFETIME_HOURS
    after logging in however active (等保2.0 登录连接超时自动退出); the login page then says why.
    The last request's time is written to the session at most once a minute."""

    TOUCH_EVERY_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self.check(request)
        return self.get_response(request)

    def check(self, request):
        session = request.session
        now = time.time()
        login_at = session.setdefault(SESSION_LOGIN_AT, now)
        seen_at = session.setdefault(SESSION_SEEN_AT, now)
        idle_limit = settings.SESSION_IDLE_MINUTES * 60
        if now - login_at > settings.SESSION_LIFETIME_HOURS * 3600:
            message = _(
                "You were logged out because %(hours)d hours have passed since you logged in. "
                "Please log in again."
            ) % {"hours": settings.SESSION_LIFETIME_HOURS}
            self.end(request, reason="lifetime", message=message)
        elif now - seen_at > idle_limit:
            message = _(
                "You were logged out after %(minutes)d minutes without activity, to protect "
                "the data on this computer. Please log in again."
            ) % {"minutes": settings.SESSION_IDLE_MINUTES}
            self.end(request, reason="idle", message=message)
        elif now - seen_at >= self.TOUCH_EVERY_SECONDS:
            session[SESSION_SEEN_AT] = now

    def end(self, request, *, reason: str, message: str):
        setattr(request, EXPIRED_REASON, reason)
        logout(request)  # flushes the session; the user is anonymous from here on
        messages.warning(request, message)


class PasswordChangeRequired:
    """A user holding an initial password (staff issued it, it is printed on a slip) is sent
    to set their own on every page until they have; the password change page tells them why.

    Logging out, the password pages, the language switch and /healthz stay open; static files
    never reach this far (WhiteNoise serves them first).
    """

    OPEN_VIEWS = frozenset(
        {"password_change", "password_change_done", "logout", "login", "healthz", "set_language"}
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.must_change_password:
            return None
        if request.resolver_match.view_name in self.OPEN_VIEWS:
            return None
        return redirect("password_change")
