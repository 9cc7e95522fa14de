"""Writes on the roster: deputies, mandates, constituencies and groups, liaison."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from congress.db import save_unique
from congress.models import Township, User
from congress.numerals import document_numeral
from congress.roles import Role
from congress.scoping import check_same_township

from ..models import DEPUTY_PROFILE_FIELDS, Constituency, Deputy, DeputyGroup, Mandate
from ..selectors import mandates_not_ended_on
from .accounts import deputy_accounts_sync

# Staff edit a deputy's whole profile; a deputy may edit only their own contact details.
PROFILE_FIELDS = list(DEPUTY_PROFILE_FIELDS)
SELF_SERVICE_FIELDS = ["phone", "address"]


def _check_liaison(township: Township, liaison: User | None) -> None:
    if liaison is not None and (liaison.role != Role.MEMBER or liaison.township_id != township.pk):
        raise ValidationError({"liaison": _("Choose a presidium member of this township.")})


@transaction.atomic
def deputy_create(
    *,
    township: Township,
    name: str,
    gender: str,
    level: str,
    term: int,
    constituency: Constituency,
    group: DeputyGroup | None = None,
    start_date: datetime.date | None = None,
    **profile,
) -> Deputy:
    """Add a person to the roster with their first mandate; both belong to one township."""
    check_same_township(township, constituency=constituency, group=group)
    _check_liaison(township, profile.get("liaison"))
    _check_account(Deputy(township=township), profile.get("user"))
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unknown profile fields: {sorted(unknown)}")
    if "photo" in profile:
        profile["photo"] = _photo_or_empty(profile["photo"])
    deputy = Deputy(township=township, name=name.strip(), gender=gender, **profile)
    deputy.full_clean()
    deputy.save()
    mandate_add(
        deputy=deputy,
        level=level,
        term=term,
        constituency=constituency,
        group=group,
        start_date=start_date,
    )
    return deputy


@transaction.atomic
def deputy_update(*, deputy: Deputy, fields: list[str] | None = None, **changes) -> Deputy:
    """Change a deputy's profile; only the fields named (by default all profile fields)."""
    allowed = set(fields or PROFILE_FIELDS)
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s")
            % {"fields": ", ".join(sorted(unknown))}
        )
    _check_liaison(deputy.township, changes.get("liaison", deputy.liaison))
    if "user" in changes:
        _check_account(deputy, changes["user"])
    old_photo = ""
    if "photo" in changes:
        changes["photo"] = _photo_or_empty(changes["photo"])
        # As stored: a ModelForm has already put its value on the instance.
        old_photo = Deputy.objects.filter(pk=deputy.pk).values_list("photo", flat=True)[0]
    for field, value in changes.items():
        setattr(deputy, field, value.strip() if isinstance(value, str) else value)
    deputy.full_clean()
    deputy.save(update_fields=list(changes) or None)
    if old_photo and old_photo != deputy.photo.name:
        # A photo cleared or replaced is not kept: no record points at it any more (the
        # history leaves photos out), and it is personal data.
        storage = deputy.photo.storage
        transaction.on_commit(lambda: storage.delete(old_photo))
    return deputy


def _photo_or_empty(photo):
    """A form's "clear" box gives False, no upload gives None: both mean no photo."""
    return photo or ""


@transaction.atomic
def mandate_add(
    *,
    deputy: Deputy,
    level: str,
    term: int,
    constituency: Constituency,
    group: DeputyGroup | None = None,
    start_date: datetime.date | None = None,
) -> Mandate:
    """Give a deputy a mandate at a level for a term; one per level and term."""
    check_same_township(deputy.township, constituency=constituency, group=group)
    mandate = Mandate(
        deputy=deputy,
        level=level,
        term=term,
        constituency=constituency,
        group=group,
        start_date=start_date,
    )
    mandate.full_clean()
    return save_unique(mandate)


def mandate_status_errors(
    *,
    status: str,
    start_date: datetime.date | None,
    end_date: datetime.date | None,
    status_reason: str,
) -> dict[str, str]:
    """A mandate that ended (resigned, recalled, terminated, transferred) has its end date and
    reason; one in office has no end date; no mandate ends before it starts. Field -> message."""
    errors = {}
    if status != Mandate.Status.ACTIVE:
        if end_date is None:
            errors["end_date"] = _("Give the date the mandate ended.")
        if not status_reason.strip():
            errors["status_reason"] = _("Give the reason the mandate ended.")
    elif end_date is not None:
        errors["end_date"] = _("A mandate in office has no end date.")
    if start_date and end_date and end_date < start_date:
        errors.setdefault("end_date", _("A mandate cannot end before it starts."))
    return errors


@transaction.atomic
def mandate_update(
    *,
    mandate: Mandate,
    constituency: Constituency,
    group: DeputyGroup | None,
    status: str,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    status_reason: str = "",
) -> Mandate:
    """Change a mandate's seat or status; a mandate that ended needs its end date and reason."""
    township = mandate.deputy.township
    check_same_township(township, constituency=constituency, group=group)
    errors = mandate_status_errors(
        status=status, start_date=start_date, end_date=end_date, status_reason=status_reason
    )
    if errors:
        raise ValidationError(errors)
    mandate.constituency = constituency
    mandate.group = group
    mandate.status = status
    mandate.start_date = start_date
    mandate.end_date = end_date
    mandate.status_reason = status_reason.strip()
    mandate.full_clean()
    save_unique(mandate)
    deputy_accounts_sync(deputy=mandate.deputy)  # their last mandate ended: no more login
    return mandate


def _named_record_save(model, *, township, name, description, instance):
    record = instance or model(township=township)
    record.name = name.strip()
    record.description = description.strip()
    record.full_clean()
    return save_unique(record)


@transaction.atomic
def constituency_save(
    *, township: Township, name: str, description: str = "", instance: Constituency | None = None
) -> Constituency:
    """Create or rename a constituency; names are unique in a township."""
    return _named_record_save(
        Constituency, township=township, name=name, description=description, instance=instance
    )


@transaction.atomic
def deputy_group_save(
    *, township: Township, name: str, description: str = "", instance: DeputyGroup | None = None
) -> DeputyGroup:
    """Create or rename a deputy group; names are unique in a township."""
    return _named_record_save(
        DeputyGroup, township=township, name=name, description=description, instance=instance
    )


def _check_account(deputy: Deputy, user: User | None) -> None:
    if user is None:
        return
    if user.role != Role.DEPUTY or user.township_id != deputy.township_id:
        raise ValidationError({"user": _("Choose a deputy account of this township.")})
    if Deputy.objects.filter(user=user).exclude(pk=deputy.pk).exists():
        raise ValidationError({"user": _("This account is already linked to another deputy.")})


@transaction.atomic
def deputy_link_account(*, deputy: Deputy, user: User | None) -> Deputy:
    """Link a deputy record to the deputy's login account (or unlink it); one record each."""
    _check_account(deputy, user)
    deputy.user = user
    deputy.save(update_fields=["user"])
    return deputy


@transaction.atomic
def term_mandates_expire(*, township: Township, term: int, day: datetime.date, by: User) -> int:
    """A new term begins on `day` (its first session meets): every township mandate of an
    earlier term still running then ends with the term (任期届满), and the new term's mandates
    without a start date start that day. Returns how many mandates ended.

    County mandates run on the county's terms and are left alone. Deputies left without a
    running mandate lose their login (their records stay readable to staff)."""
    township_mandates = Mandate.objects.filter(
        deputy__township=township, level=Mandate.Level.TOWNSHIP
    )
    ending = list(township_mandates.filter(mandates_not_ended_on(day), term__lt=term))
    for mandate in ending:
        mandate.status = Mandate.Status.EXPIRED
        mandate.end_date = day
        mandate.status_reason = _("Term %(term)s ended") % {"term": document_numeral(mandate.term)}
    bulk_update_with_history(
        ending, Mandate, ["status", "end_date", "status_reason"], default_user=by
    )
    starting = list(township_mandates.filter(term=term, start_date__isnull=True))
    for mandate in starting:
        mandate.start_date = day
    bulk_update_with_history(starting, Mandate, ["start_date"], default_user=by)
    deputy_accounts_sync(township=township, today=day)
    return len(ending)
