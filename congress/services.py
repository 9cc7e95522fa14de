"""Writes on the shared core: townships, units and users."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Township, Unit, User
from .roles import Role


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: str,
    township: Township | None,
    unit: Unit | None = None,
    full_name: str = "",
) -> User:
    """Create a login whose role group matches its role; every role but county needs a township."""
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    if role != Role.COUNTY and township is None:
        raise ValidationError(_("Every role except county viewer belongs to a township."))
    if role == Role.UNIT and unit is None:
        raise ValidationError(_("A handling-unit user must belong to a unit."))
    if unit is not None and unit.township_id != getattr(township, "pk", None):
        raise ValidationError(_("The unit belongs to another township."))
    user = User(username=username, role=role, township=township, unit=unit, full_name=full_name)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    user_set_role(user=user, role=role)
    return user


@transaction.atomic
def user_set_role(*, user: User, role: str) -> User:
    """Put the user in exactly the group of their role, so permissions follow the role."""
    user.role = role
    user.save(update_fields=["role"])
    user.groups.set([Group.objects.get(name=role)])
    return user


def attendance_sync(*, model, parent: dict, statuses: dict[int, str], township_id: int) -> None:
    """Make a parent's attendance rows say exactly {deputy id: status}, in a few bulk queries.

    Shared by congress sessions and deputies' activities; the caller holds the transaction.
    """
    from deputies.models import Deputy

    known = set(
        Deputy.objects.filter(township_id=township_id, pk__in=statuses).values_list("pk", flat=True)
    )
    if set(statuses) - known:
        raise ValidationError(_("Some deputies do not belong to this township."))
    valid = model._meta.get_field("status").choices
    if any(status not in dict(valid) for status in statuses.values()):
        raise ValidationError(_("Unknown attendance status."))
    rows = model.objects.filter(**parent)
    existing = {row.deputy_id: row for row in rows}
    rows.exclude(deputy_id__in=statuses).delete()
    create, update = [], []
    for deputy_id, status in statuses.items():
        row = existing.get(deputy_id)
        if row is None:
            create.append(model(deputy_id=deputy_id, status=status, **parent))
        elif row.status != status:
            row.status = status
            update.append(row)
    model.objects.bulk_create(create)
    model.objects.bulk_update(update, ["status"])


@transaction.atomic
def user_profile_update(*, user: User, email: str, email_frequency: str) -> User:
    """A user's own notification settings: any email at all needs an address to go to."""
    email = email.strip()
    if email_frequency not in User.EmailFrequency.values:
        raise ValidationError({"email_frequency": _("Choose how often to receive email.")})
    if email_frequency != User.EmailFrequency.NEVER and not email:
        raise ValidationError({"email": _("Give an email address, or choose to receive no email.")})
    user.email = email
    user.email_frequency = email_frequency
    user.full_clean(exclude=["password"], validate_unique=False, validate_constraints=False)
    user.save(update_fields=["email", "email_frequency"])
    return user
