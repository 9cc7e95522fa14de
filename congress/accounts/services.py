"""Writes on login accounts: create one with an initial password, issue a new one, deactivate
and reactivate, and create a township with its first staff account."""

import logging
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Township, Unit, User
from ..registry import account_checks
from ..roles import COUNTY_ROLES, GRANTABLE_PERMISSIONS, Role
from ..services import user_create
from .passwords import INITIAL_PASSWORD_HASHER, initial_password_new
from .selectors import usernames_taken

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IssuedPassword:
    """An account and the initial password just given to it: the only copy in clear, for the
    page and the slip of the request that made it."""

    user: User
    password: str


def may_manage_account(*, by: User, township_id: int | None, role: str) -> bool:
    """Staff manage the accounts of their own township, none of the county's; the county
    administrator manages the townships' staff accounts."""
    if not by.is_active or township_id is None:
        return False
    if by.role == Role.STAFF:
        return township_id == by.township_id and role not in COUNTY_ROLES
    if by.role == Role.COUNTY_ADMIN:
        return role == Role.STAFF
    return False


def _check_may_manage(*, by: User, township_id: int | None, role: str) -> None:
    if not may_manage_account(by=by, township_id=township_id, role=role):
        raise PermissionDenied


def username_errors(username: str) -> list[str]:
    """Why a new account may not take this username: empty, not made of the characters a
    username may have, or taken by another account in any letter case (people read usernames
    aloud and type them in either case)."""
    if not username:
        return [_("Give a username.")]
    try:
        User.username_validator(username)
    except ValidationError as error:
        return error.messages
    if usernames_taken([username]):
        return [_("The username “%(username)s” is already taken.") % {"username": username}]
    return []


def _issue(user: User) -> IssuedPassword:
    password = initial_password_new(user=user)
    user.password = make_password(password, hasher=INITIAL_PASSWORD_HASHER)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    return IssuedPassword(user=user, password=password)


@transaction.atomic
def account_create(
    *,
    by: User,
    township: Township,
    role: str,
    username: str,
    full_name: str,
    unit: Unit | None = None,
) -> IssuedPassword:
    """A new login of a township with an initial password, to be replaced at the first login.
    Staff create their own township's accounts, the county administrator staff accounts."""
    _check_may_manage(by=by, township_id=township.pk, role=role)
    username, full_name = username.strip(), full_name.strip()
    errors = {}
    if problems := username_errors(username):
        errors["username"] = problems
    if not full_name:
        errors["full_name"] = [_("Give the person's full name.")]
    if role == Role.UNIT and unit is None:
        errors["unit"] = [_("Choose the handling unit this person works in.")]
    if errors:
        raise ValidationError(errors)
    user = user_create(
        username=username,
        password=None,
        role=role,
        township=township,
        unit=unit if role == Role.UNIT else None,
        full_name=full_name,
    )
    return _issue(user)


@transaction.atomic
def account_issue_password(*, by: User, user: User) -> IssuedPassword:
    """A new initial password for someone who forgot theirs (deputies rarely have email): the
    old one stops working, and the user must set their own at the next login."""
    _check_may_manage(by=by, township_id=user.township_id, role=user.role)
    if not user.is_active:
        raise ValidationError(_("This account is deactivated; reactivate it first."))
    return _issue(user)


@transaction.atomic
def account_set_active(*, by: User, user: User, active: bool) -> User:
    """Deactivate an account (it can no longer log in; its records stay) or reactivate it,
    unless an app's rule says it may not be active (a deputy no longer in office)."""
    _check_may_manage(by=by, township_id=user.township_id, role=user.role)
    if not active and user.pk == by.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    if active:
        reasons = [reason for check in account_checks if (reason := check.reason(user=user))]
        if reasons:
            raise ValidationError(reasons)
    user.is_active = active
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def account_permissions_set(*, by: User, user: User, granted: set[str]) -> set[str]:
    """Give a staff account of the township exactly the grantable permissions in `granted`
    (GRANTABLE_PERMISSIONS: what no role carries, such as seeing who wrote a letter to the
    congress), withdrawing the others; returns what changed. Logged."""
    _check_may_manage(by=by, township_id=user.township_id, role=user.role)
    if not by.has_perm("congress.change_user"):
        raise PermissionDenied
    unknown = set(granted) - set(GRANTABLE_PERMISSIONS)
    if unknown:
        raise ValidationError(_("Unknown permission."))
    if user.role != Role.STAFF:
        raise ValidationError(_("Only staff accounts are given these permissions."))
    from django.contrib.auth.models import Permission

    wanted = {label: label.split(".", 1) for label in GRANTABLE_PERMISSIONS}
    permissions = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in=[codename for _app, codename in wanted.values()]
        )
        if f"{p.content_type.app_label}.{p.codename}" in wanted
    }
    held = set(
        user.user_permissions.filter(pk__in=[p.pk for p in permissions.values()]).values_list(
            "content_type__app_label", "codename"
        )
    )
    held = {f"{app}.{codename}" for app, codename in held}
    added, removed = set(granted) - held, held - set(granted)
    if added:
        user.user_permissions.add(*(permissions[label] for label in added))
    if removed:
        user.user_permissions.remove(*(permissions[label] for label in removed))
    for cache in ("_perm_cache", "_user_perm_cache"):  # ModelBackend's, on this instance
        user.__dict__.pop(cache, None)
    for label in sorted(added | removed):
        # The audit trail of who may read what: the user model's history has no m2m.
        logger.info(
            "account %s: %s %s by %s",
            user.get_username(),
            "granted" if label in added else "withdrew",
            label,
            by.get_username(),
        )
    return added | removed


@transaction.atomic
def township_create(
    *,
    by: User,
    name: str,
    county: str,
    current_term: int,
    staff_username: str,
    staff_full_name: str,
) -> tuple[Township, IssuedPassword]:
    """A new township with its first staff account, who then creates everyone else's: both or
    neither. Only the county administrator creates townships."""
    if not (by.is_active and by.role == Role.COUNTY_ADMIN):
        raise PermissionDenied
    township = Township(name=name.strip(), county=county.strip(), current_term=current_term)
    errors = {}
    try:
        township.full_clean()
    except ValidationError as error:
        errors.update(error.error_dict)
    if problems := username_errors(staff_username.strip()):
        errors["staff_username"] = problems
    if not staff_full_name.strip():
        errors["staff_full_name"] = [_("Give the person's full name.")]
    if errors:
        raise ValidationError(errors)  # every problem at once, before anything is saved
    township.save()
    issued = account_create(
        by=by,
        township=township,
        role=Role.STAFF,
        username=staff_username,
        full_name=staff_full_name,
    )
    return township, issued
