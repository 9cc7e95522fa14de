"""Writes on the shared core: townships, units and users."""

import uuid

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .forms import FORM_EXPIRED
from .models import FormSubmission, Township, Unit, User
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
