"""Slips with a user's initial password, one A4 page each, in Chinese.

Initial passwords are stored only as hashes, so the slips can be printed only from the request
that issued them. That response is the page showing the passwords; it carries the slips as a
signed token in its download button. The button posts the token back; the PDF is rendered from
it, for the user who issued it, within SLIPS_TOKEN_MAX_AGE. Nothing is kept on the server:
no file, no session entry, no database row holding a password. The token holds nothing the
page does not show, and `no-store` keeps both out of every cache.

Why not the PDF as the POST's own response: then the passwords could not also be shown on the
page (a staff member often reads one out over the phone), and a download that failed or was
cancelled could not be repeated without issuing new passwords.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation

from ..pdf import render_pdf
from ..roles import COUNTY_ROLES, Role
from ..wording import chinese_for

SLIPS_SALT = "congress.accounts.slips"
SLIPS_TOKEN_MAX_AGE = 30 * 60  # seconds: time enough to print, short enough to be of no use later
SLIPS_LANGUAGE = "zh-hans"  # printed for people who read Chinese, whatever the issuer's language


def slips_token(*, issued, by) -> str:
    """The slips of these issued passwords, signed for the user who issued them."""
    slips = [
        {
            "name": item.user.display_name,
            "username": item.user.username,
            "password": item.password,
            "role": item.user.role,
            "township": item.user.township.name if item.user.township_id else "",
            # 向乡人大办申请 on a 乡's slips (congress.wording).
            "language": chinese_for(item.user.township) if item.user.township_id else "",
        }
        for item in issued
    ]
    return signing.dumps({"by": by.pk, "slips": slips}, salt=SLIPS_SALT, compress=True)


def slips_from_token(*, token: str, user) -> list[dict]:
    """The slips a token holds, if it is genuine, recent and was issued by this user; raises
    signing.BadSignature (or its SignatureExpired) otherwise."""
    payload = signing.loads(token, salt=SLIPS_SALT, max_age=SLIPS_TOKEN_MAX_AGE)
    if payload.get("by") != user.pk:
        raise signing.BadSignature("issued by another user")
    return payload["slips"]


def slips_site_url(request) -> str:
    """The address the slips send people to: SITE_URL when the office set it (the site may be
    issued from behind a proxy under another name), otherwise the one the staff member is using
    to issue them, which is one their colleagues reach too."""
    return settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")


def slips_pdf(*, slips: list[dict], site_url: str) -> bytes:
    """One page per person: township, name, username, initial password, where to log in."""
    login_url = site_url + reverse("login")
    # One issue's slips are of one township: printed in its Chinese.
    language = next((slip.get("language") for slip in slips if slip.get("language")), "")
    with translation.override(language or SLIPS_LANGUAGE):
        for slip in slips:
            slip["role_label"] = str(Role(slip["role"]).label) if slip["role"] else ""
            # Staff who forget their password ask the county; everyone else the township's staff.
            slip["ask_county"] = slip["role"] == Role.STAFF or slip["role"] in COUNTY_ROLES
        return render_pdf(
            template_name="congress/accounts/slips_pdf.html",
            context={"slips": slips, "login_url": login_url, "issued_on": timezone.localdate()},
        )
