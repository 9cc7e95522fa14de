"""Writes on the shared core: townships, units and users."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Township, Unit, User
from .roles import Role
from .scoping import check_same_township


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
    if unit is not None:
        check_same_township(township, unit=unit)
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
