"""Reads of login accounts and townships, scoped to what the user may see."""

from collections.abc import Iterable

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..models import AuthEvent, Township, Unit, User
from ..registry import Todo
from ..roles import GRANTABLE_PERMISSIONS, Role
from ..scoping import get_visible_or_404, visible_to

# The order of the accounts page: staff first, then members, units and deputies.
ROLE_ORDER = [Role.STAFF, Role.MEMBER, Role.UNIT, Role.DEPUTY]


def accounts_for_user(*, user, role: str = "") -> QuerySet[User]:
    """The accounts of the user's township (staff), by role then name; one role if given."""
    accounts = visible_to(User.objects.select_related("unit"), user)
    if role:
        accounts = accounts.filter(role=role)
    role_rank = Case(
        *(When(role=value, then=Value(rank)) for rank, value in enumerate(ROLE_ORDER)),
        default=Value(len(ROLE_ORDER)),
        output_field=IntegerField(),
    )
    return accounts.order_by(role_rank, "full_name", "username")


def account_get_for_user(*, user, pk: int) -> User:
    """One account of the user's township; another township's answers 404."""
    return get_visible_or_404(User.objects.select_related("unit", "township"), user, pk=pk)


def grantable_permissions_held(*, users: Iterable[User]) -> dict[int, set[str]]:
    """Which grantable permissions (GRANTABLE_PERMISSIONS) each of these accounts holds
    itself: one query, whatever the number of accounts."""
    ids = [user.pk for user in users]
    held: dict[int, set[str]] = {pk: set() for pk in ids}
    if not ids or not GRANTABLE_PERMISSIONS:
        return held
    codenames = [label.split(".", 1)[1] for label in GRANTABLE_PERMISSIONS]
    rows = User.user_permissions.through.objects.filter(
        user_id__in=ids, permission__codename__in=codenames
    ).values_list("user_id", "permission__content_type__app_label", "permission__codename")
    for user_id, app_label, codename in rows:
        label = f"{app_label}.{codename}"
        if label in GRANTABLE_PERMISSIONS:
            held[user_id].add(label)
    return held


def usernames_taken(usernames: Iterable[str]) -> set[str]:
    """Which of these usernames an account already has, in lower case: one query."""
    wanted = {name.lower() for name in usernames if name}
    if not wanted:
        return set()
    return set(
        User.objects.annotate(lower=Lower("username"))
        .filter(lower__in=wanted)
        .values_list("lower", flat=True)
    )


def unit_choices(*, township) -> QuerySet[Unit]:
    """The township's active handling units: what a new unit account may belong to and what a
    proposal may be assigned to."""
    return Unit.objects.filter(township=township, is_active=True)


def units_for_user(*, user) -> QuerySet[Unit]:
    """The township's handling units, active first, each with its number of active accounts."""
    return (
        visible_to(Unit.objects.all(), user)
        .annotate(accounts=Count("users", filter=Q(users__is_active=True)))
        .order_by("-is_active", "name")
    )


def unit_get_for_user(*, user, pk: int) -> Unit:
    return get_visible_or_404(Unit.objects.all(), user, pk=pk)


def townships_for_user(*, user) -> QuerySet[Township]:
    """Every township the county administrator reads, with its number of active staff."""
    return visible_to(Township.objects.all(), user).annotate(
        staff_count=Count("users", filter=Q(users__role=Role.STAFF, users__is_active=True))
    )


def township_get_for_user(*, user, pk: int) -> Township:
    return get_visible_or_404(Township.objects.all(), user, pk=pk)


def township_staff(*, township: Township) -> QuerySet[User]:
    """A township's staff accounts, the ones the county administrator looks after."""
    return township.users.filter(role=Role.STAFF).order_by("-is_active", "full_name", "username")


# The audit log's kinds that change an account: what the county administrator reads of a
# township's log (not its logins, nor its deputies' failed passwords).
ACCOUNT_EVENT_KINDS = (
    AuthEvent.Kind.ACCOUNT_CREATED,
    AuthEvent.Kind.PASSWORD_RESET,
    AuthEvent.Kind.ACCOUNT_DEACTIVATED,
    AuthEvent.Kind.ACCOUNT_REACTIVATED,
    AuthEvent.Kind.PERMISSION_GRANTED,
    AuthEvent.Kind.PERMISSION_REVOKED,
)
ACCOUNT_EVENTS_SHOWN = 20


def account_events_for_township(*, township: Township) -> list[AuthEvent]:
    """The latest changes to the township's staff accounts (created, new initial passwords,
    deactivated, access granted or withdrawn), with who made them and why: one query."""
    return list(
        AuthEvent.objects.filter(
            township=township, kind__in=ACCOUNT_EVENT_KINDS, user__role=Role.STAFF
        )
        .select_related("user", "actor")
        .order_by("-created_at", "-pk")[:ACCOUNT_EVENTS_SHOWN]
    )


def county_dashboard(*, user, year: int) -> dict:
    """The county administrator's home: the townships, and those left without staff."""
    townships = townships_for_user(user=user)
    return {
        "townships": townships.count(),
        "todo": [
            Todo(
                str(_("Townships without an active staff account")),
                townships.filter(staff_count=0).count(),
                reverse("county:townships"),
            )
        ],
    }
