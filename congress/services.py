"""Writes on the shared core: townships, units and users."""

import uuid

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .forms import FORM_EXPIRED
from .models import FormSubmission, Township, Unit, User
from .roles import COUNTY_ROLES, Role
from .scoping import check_same_township


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    role: str,
    township: Township | None,
    unit: Unit | None = None,
    full_name: str = "",
) -> User:
    """Create a login whose role group matches its role; every role but the county's needs a
    township. Without a password the account cannot log in until one is set."""
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    if role in COUNTY_ROLES and township is not None:
        raise ValidationError(_("The county's accounts belong to no township."))
    if role not in COUNTY_ROLES and township is None:
        raise ValidationError(_("Every role except the county's belongs to a township."))
    if role == Role.UNIT and unit is None:
        raise ValidationError(_("A handling-unit user must belong to a unit."))
    if unit is not None:
        check_same_township(township, unit=unit)
    user = User(username=username, role=role, township=township, unit=unit, full_name=full_name)
    if password is None:
        user.set_unusable_password()
    else:
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
def user_password_change(*, user: User, password: str) -> User:
    """The user's own new password (the form has checked it against the password rules): not
    the one they had, which may be the initial password printed on a slip. The password rules'
    history check has already compared it with the current one when it is configured: one
    hash fewer (a hash is the cost of a password change)."""
    from .security.passwords import history_count

    if not history_count() and user.check_password(password):
        raise ValidationError(
            {"new_password1": _("Choose a password different from the one you have now.")}
        )
    user.set_password(password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
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


class AlreadySubmitted(Exception):
    """The form's token was used before: `url` is the page of what that submission made."""

    def __init__(self, url: str):
        super().__init__(url)
        self.url = url


def form_submission_claim(*, token: uuid.UUID, user: User) -> FormSubmission:
    """Use a create form's token, inside the caller's transaction: the first submission gets
    it; a second (a double click, a replayed POST), even one running at the same moment,
    waits for the first to commit and raises AlreadySubmitted with the first one's page. A
    first submission that failed rolled its claim back, so the form can be sent again."""
    try:
        with transaction.atomic():
            return FormSubmission.objects.create(token=token, user=user)
    except IntegrityError:
        first = FormSubmission.objects.filter(token=token, user=user).first()
        if first is None:  # another user's token: not a form this user was shown
            raise ValidationError(FORM_EXPIRED) from None
        raise AlreadySubmitted(first.url) from None


def form_submission_complete(*, submission: FormSubmission, url: str) -> None:
    """Remember where the record the form made can be seen, for a repeated submission."""
    submission.url = url[: FormSubmission._meta.get_field("url").max_length]
    submission.save(update_fields=["url"])


@transaction.atomic
def unit_save(
    *,
    township: Township,
    name: str,
    kind: str,
    is_active: bool = True,
    instance: Unit | None = None,
) -> Unit:
    """Add or change a township's handling unit; names are unique in a township. A unit that is
    deactivated keeps its proposals and users but is offered for no new assignment."""
    if instance is not None:
        check_same_township(township, unit=instance)
    unit = instance or Unit(township=township)
    unit.name = name.strip()
    unit.kind = kind
    unit.is_active = is_active
    unit.full_clean()
    unit.save()
    return unit
