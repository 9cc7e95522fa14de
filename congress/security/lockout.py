"""django-axes configured for a township office: its lockout rule and its lockout page."""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.db.models import Sum
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

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
    form = AuthenticationForm(request, initial={"username": username})
    context = {
        "form": form,
        "lockout_message": lockout_message(),
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    return TemplateResponse(
        request, LoginView.template_name, context, status=LOCKOUT_STATUS
    ).render()


class AccountAndAddressHandler(AxesDatabaseHandler):
    """Locks an account name after LOGIN_FAILURE_LIMIT failures and an address after
    LOGIN_ADDRESS_FAILURE_LIMIT, each counted apart (AXES_LOCKOUT_PARAMETERS lists the name,
    then the address). The address has its own, higher limit because a township office
    reaches the server through one address: five typing mistakes across the office would
    otherwise lock everyone out, the staff who unlock accounts included.

    axes compares one number with AXES_FAILURE_LIMIT (the account's limit), so the address's
    failures are given on that scale: a * account_limit // address_limit reaches
    account_limit exactly when a reaches address_limit."""

    def get_failures(self, request, credentials=None) -> int:
        by_account, by_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        account_limit = settings.AXES_FAILURE_LIMIT
        return max(by_account, by_address * account_limit // settings.LOGIN_ADDRESS_FAILURE_LIMIT)
