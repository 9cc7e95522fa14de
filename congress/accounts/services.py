"""Writes on login accounts: create one with an initial password, issue a new one, deactivate
and reactivate, grant what no role carries, and create a township with its first staff account.

Who manages whom is `may_manage_account`: a township's staff manage its members', units' and
deputies' accounts; staff accounts are the county administrator's, so that no staff member can
take over a colleague's account and what only that colleague was granted. Every change is a
line of the audit log with who made it and the reason they gave (`AuthEvent`).
"""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import AuthEvent, Township, Unit, User
from ..registry import account_checks
from ..roles import GRANTABLE_PERMISSIONS, STAFF_MANAGES_ROLES, Role
from ..security.services import auth_event_record
from ..services import user_create
from .passwords import INITIAL_PASSWORD_HASHER, initial_password_new
from .selectors import usernames_taken


@dataclass(frozen=True)
class IssuedPassword:
    """An account and the initial password just given to it: the only copy in clear, for the
    page and the slip of the request that made it."""

    user: User
    password: str


def may_manage_account(*, by: User, township_id: int | None, role: str) -> bool:
    """Staff manage their own township's members', units' and deputies' accounts, never a
    staff account (their own included) nor the county's; the county administrator manages
    the townships' staff accounts."""
    if not by.is_active or township_id is None:
        return False
    if by.role == Role.STAFF:
        return township_id == by.township_id and role in STAFF_MANAGES_ROLES
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


def reason_checked(reason: str) -> str:
    """The reason given for a change to an account, which the audit log keeps: required, and
    what AuthEvent.reason takes (one line of visible text, of its length at most)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason: the audit log keeps it.")})
    try:
        AuthEvent._meta.get_field("reason").run_validators(reason)
    except ValidationError as error:
        raise ValidationError({"reason": error.messages}) from error
    return reason


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
    request=None,
) -> IssuedPassword:
    """A new login of a township with an initial password, to be replaced at the first login.
    Staff create their own township's members', units' and deputies' accounts, the county
    administrator staff accounts."""
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
    issued = _issue(user)
    auth_event_record(kind=AuthEvent.Kind.ACCOUNT_CREATED, request=request, user=user, actor=by)
    return issued


@transaction.atomic
def account_issue_password(*, by: User, user: User, reason: str, request=None) -> IssuedPassword:
    """A new initial password for someone who forgot theirs (deputies rarely have email): the
    old one stops working, and the user must set their own at the next login, where they are
    told who issued it and why (congress.security.audit). The reason is required."""
    _check_may_manage(by=by, township_id=user.township_id, role=user.role)
    reason = reason_checked(reason)
    if not user.is_active:
        raise ValidationError(_("This account is deactivated; reactivate it first."))
    issued = _issue(user)
    auth_event_record(
        kind=AuthEvent.Kind.PASSWORD_RESET, request=request, user=user, actor=by, reason=reason
    )
    return issued


@transaction.atomic
def account_set_active(*, by: User, user: User, active: bool, reason: str, request=None) -> User:
    """Deactivate an account (it can no longer log in; its records stay) or reactivate it,
    unless an app's rule says it may not be active (a deputy no longer in office). The
    reason is required."""
    _check_may_manage(by=by, township_id=user.township_id, role=user.role)
    reason = reason_checked(reason)
    if not active and user.pk == by.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    if active:
        refusals = [why for check in account_checks if (why := check.reason(user=user))]
        if refusals:
            raise ValidationError(refusals)
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    auth_event_record(
        kind=AuthEvent.Kind.ACCOUNT_REACTIVATED if active else AuthEvent.Kind.ACCOUNT_DEACTIVATED,
        request=request,
        user=user,
        actor=by,
        reason=reason,
    )
    return user


@transaction.atomic
def account_permissions_set(
    *, by: User, user: User, granted: set[str], reason: str, request=None
) -> set[str]:
    """Give a staff account exactly the grantable permissions in `granted` (GRANTABLE_PERMISSIONS:
    what no role carries, such as seeing who wrote a letter to the congress), withdrawing the
    others; returns what changed. Only whoever manages staff accounts may (the county
    administrator), with a reason; each grant and withdrawal is a line of the audit log."""
    _check_may_manage(by=by, township_id=user.township_id, role=user.role)
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
    if added or removed:
        reason = reason_checked(reason)
    if added:
        user.user_permissions.add(*(permissions[label] for label in added))
    if removed:
        user.user_permissions.remove(*(permissions[label] for label in removed))
    for cache in ("_perm_cache", "_user_perm_cache"):  # ModelBackend's, on this instance
        user.__dict__.pop(cache, None)
    for label in sorted(added | removed):
        auth_event_record(
            kind=(
                AuthEvent.Kind.PERMISSION_GRANTED
                if label in added
                else AuthEvent.Kind.PERMISSION_REVOKED
            ),
            request=request,
            user=user,
            actor=by,
            reason=reason,
            detail=str(GRANTABLE_PERMISSIONS[label]),
        )
    return added | removed


@transaction.atomic
def township_update(
    *, township: Township, by: User, name: str, kind: str, county: str, all_signers_rate: bool
) -> Township:
    """Correct a township's name, kind, county or rating rule: the county administrator's
    (the township's history keeps each change and who made it)."""
    if not (by.is_active and by.role == Role.COUNTY_ADMIN):
        raise PermissionDenied
    township = Township.objects.select_for_update().get(pk=township.pk)
    township.name, township.kind, township.county = name.strip(), kind, county.strip()
    township.all_signers_rate = all_signers_rate
    township.full_clean()
    township._change_reason = "township_update"
    township.save()
    return township


@transaction.atomic
def township_create(
    *,
    by: User,
    name: str,
    county: str,
    current_term: int,
    staff_username: str,
    kind: str = Township.Kind.TOWN,
    all_signers_rate: bool = False,
    staff_full_name: str,
    request=None,
) -> tuple[Township, IssuedPassword]:
    """A new township with its first staff account, who then creates everyone else's: both or
    neither. Only the county administrator creates townships."""
    if not (by.is_active and by.role == Role.COUNTY_ADMIN):
        raise PermissionDenied
    township = Township(
        name=name.strip(),
        kind=kind,
        county=county.strip(),
        current_term=current_term,
        all_signers_rate=all_signers_rate,
    )
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
        request=request,
    )
    return township, issued
