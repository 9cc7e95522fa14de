"""The login form with a picture challenge (图形验证码) once guessing is suspected.

The lockout (django-axes) locks an account name only from the address the failures came from
(AXES_LOCKOUT_PARAMETERS), so that nobody can lock another person out from elsewhere. What
stops guessing from many addresses, or many names from one address, is a challenge instead of
a lock: after LOGIN_CHALLENGE_AFTER failures at one account name from anywhere, or
LOGIN_ADDRESS_CHALLENGE_AFTER failures from one address at any names, within the lockout
window, a login there must answer a picture of digits first. The password is not even checked
until it is answered, so a script cannot go on guessing, while the account's owner (or an
office behind one address) still logs in.
"""

import secrets

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from captcha.fields import CaptchaField, CaptchaTextInput
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from .client import client_ip
from .selectors import lockout_started_after

# django-simple-captcha's Chinese catalog translates Django's own "This field is required."
# (这个字段是必须的), and an app's catalog outranks Django's: every form would change its
# wording. Ours (LOCALE_PATHS) outranks both and keeps Django's.
gettext_noop("This field is required.")

CHALLENGE_FIELD = "challenge"
CHALLENGE_DIGITS = 4


def digits_challenge() -> tuple[str, str]:
    """CAPTCHA_CHALLENGE_FUNCT: four digits, what the picture shows and the answer (digits
    are read alike by everyone and typed on a phone's number pad)."""
    digits = "".join(secrets.choice("0123456789") for _ in range(CHALLENGE_DIGITS))
    return digits, digits


def _recent_failures(**lookup) -> int:
    attempts = AccessAttempt.objects.filter(attempt_time__gte=lockout_started_after(), **lookup)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def challenge_needed(*, request, username: str = "") -> bool:
    """Whether a login from this request, at this account name, must answer the challenge:
    recent failures at the name from any address, or from the request's address at any name."""
    address = client_ip(request)
    if address and _recent_failures(ip_address=address) >= settings.LOGIN_ADDRESS_CHALLENGE_AFTER:
        return True
    username = (username or "").strip()
    return bool(username) and (
        _recent_failures(username=username) >= settings.LOGIN_CHALLENGE_AFTER
    )


CHALLENGE_LABEL = _("Digits in the picture")


class ChallengeTextInput(CaptchaTextInput):
    """The picture, a button for another, and the answer box: named for screen readers (the
    form shows the field as a fieldset, without a label element) and opening a phone's number
    pad."""

    template_name = "captcha/widgets/challenge.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        answer = context["widget"]["subwidgets"][1]["attrs"]
        answer.update(
            {"inputmode": "numeric", "maxlength": CHALLENGE_DIGITS, "aria-label": CHALLENGE_LABEL}
        )
        return context


class LoginForm(AuthenticationForm):
    """Django's login form, with the challenge when `challenge_needed`: asked first, so that a
    wrong or missing answer refuses the login without the password being tried (nor counted
    as a failure)."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        typed = self.data.get("username") if self.is_bound else self.initial.get("username")
        if request is not None and challenge_needed(request=request, username=typed or ""):
            self.fields[CHALLENGE_FIELD] = CaptchaField(
                label=CHALLENGE_LABEL,
                help_text=_("Several failed logins: type the digits you see to continue."),
                widget=ChallengeTextInput(),
                error_messages={
                    "invalid": _("The digits do not match the picture; try the new one."),
                    "required": _("Type the digits in the picture."),
                    "incomplete": _("Type the digits in the picture."),
                },
            )

    def clean(self):
        unanswered = CHALLENGE_FIELD in self.fields and CHALLENGE_FIELD not in self.cleaned_data
        if unanswered and not AxesProxyHandler.is_locked(
            self.request, {"username": self.cleaned_data.get("username")}
        ):
            return self.cleaned_data  # the password is not tried
        # Answered; or locked here, which the lockout page says at once (no password is
        # tried while locked either).
        return super().clean()
