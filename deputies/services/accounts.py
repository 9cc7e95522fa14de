"""Deputies' login accounts: made by staff from the roster, one by one or for every deputy
without one, and deactivated once all of a deputy's mandates have ended.

The accounts themselves are the core's (congress.accounts.services.account_create): an initial
password shown once and printed on a slip, to be replaced at the first login.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.accounts.selectors import usernames_taken
from congress.accounts.services import IssuedPassword, account_create
from congress.models import Township, User
from congress.roles import Role

from ..models import Deputy
from ..rules import MOBILE_PHONE_PATTERN
from ..selectors import deputies_holding_a_mandate, deputies_without_account


def deputy_username(deputy: Deputy, *, taken: set[str]) -> str:
    """The deputy's mobile number, which they know by heart, when it is one and no account
    has it; otherwise "d" and the deputy's record number (d1024), which is theirs alone
    (-2, -3… only should someone have taken it by hand). `taken` is in lower case."""
    phone = deputy.phone.strip()
    if re.fullmatch(MOBILE_PHONE_PATTERN, phone) and phone not in taken:
        return phone
    base = candidate = f"d{deputy.pk}"
    number = 1
    while candidate in taken or usernames_taken([candidate]):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _candidates(deputies) -> list[str]:
    return [name for deputy in deputies for name in (deputy.phone.strip(), f"d{deputy.pk}")]


def _holds_a_mandate(deputy: Deputy, day: datetime.date) -> bool:
    return deputies_holding_a_mandate(Deputy.objects.filter(pk=deputy.pk), day).exists()


def _account_for(deputy: Deputy, *, by: User, taken: set[str]) -> IssuedPassword:
    username = deputy_username(deputy, taken=taken)
    issued = account_create(
        by=by, township=deputy.township, role=Role.DEPUTY, username=username, full_name=deputy.name
    )
    taken.add(username.lower())
    deputy.user = issued.user
    deputy.save(update_fields=["user"])
    return issued


@transaction.atomic
def deputy_account_create(*, deputy: Deputy, by: User) -> IssuedPassword:
    """A login account for one deputy who holds a mandate and has none yet."""
    deputy = Deputy.objects.select_for_update().select_related("township").get(pk=deputy.pk)
    if deputy.user_id is not None:
        raise ValidationError(_("%(name)s already has a login account.") % {"name": deputy.name})
    if not _holds_a_mandate(deputy, timezone.localdate()):
        raise ValidationError(
            _("%(name)s holds no mandate any more, so may not have a login account.")
            % {"name": deputy.name}
        )
    return _account_for(deputy, by=by, taken=usernames_taken(_candidates([deputy])))


@transaction.atomic
def deputy_accounts_create_missing(*, township: Township, by: User) -> list[IssuedPassword]:
    """Login accounts, in one step, for every deputy of the township who holds a mandate and
    has none yet (a new term's roster just imported), in the roster's order."""
    deputies = list(
        deputies_without_account(township=township, day=timezone.localdate())
        .select_related("township")
        .select_for_update()
    )
    taken = usernames_taken(_candidates(deputies))
    return [_account_for(deputy, by=by, taken=taken) for deputy in deputies]


@transaction.atomic
def deputy_accounts_sync(
    *,
    township: Township | None = None,
    deputy: Deputy | None = None,
    today: datetime.date | None = None,
) -> int:
    """Deactivate the accounts of deputies none of whose mandates runs on `today` any more
    (default: today), in one township, for one deputy or everywhere; returns how many. It
    never reactivates one: that is staff's call, which `deputy_account_inactive_reason` checks.

    Called when staff end a mandate, after a roster import, and daily for end dates that
    arrive later (the scheduled job "deputies.accounts_sync")."""
    today = today or timezone.localdate()
    deputies = Deputy.objects.filter(user__is_active=True, user__role=Role.DEPUTY)
    if township is not None:
        deputies = deputies.filter(township=township)
    if deputy is not None:
        deputies = deputies.filter(pk=deputy.pk)
    holding = deputies_holding_a_mandate(deputies, today).values("pk")
    users = list(User.objects.filter(deputy__in=deputies.exclude(pk__in=holding)))
    for user in users:  # one by one, so that each keeps a history row of its deactivation
        user.is_active = False
        # Why, in the history: the daily job has no "who".
        user._change_reason = _("All of the deputy's mandates have ended")
        user.save(update_fields=["is_active"])
    return len(users)


def deputy_account_inactive_reason(*, user: User) -> str:
    """Why a deputy's account may not be reactivated: their mandates have all ended."""
    deputy = Deputy.objects.filter(user=user).first() if user.role == Role.DEPUTY else None
    if deputy is None or _holds_a_mandate(deputy, timezone.localdate()):
        return ""
    return _("%(name)s holds no mandate any more, so may not have an active login account.") % {
        "name": deputy.name
    }
