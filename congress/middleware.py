from django.conf import settings
from django.shortcuts import redirect
from django.utils import translation


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
