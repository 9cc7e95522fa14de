"""django-axes' lockout page: the login form again, with the message (the rule itself is in
the settings: an account name locked from one address only; congress.security.login)."""

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .login import LoginForm

LOCKOUT_STATUS = 429  # Too Many Requests


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _(
        "Too many failed logins: the account is locked for now. Try again in %(minutes)d "
        "minutes, or ask the congress office to unlock it."
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login form, the name typed kept, and the lockout message."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = LoginForm(request, initial={"username": username})
    context = {
        "form": form,
        "lockout_message": lockout_message(),
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    return TemplateResponse(
        request, LoginView.template_name, context, status=LOCKOUT_STATUS
    ).render()
