"""Writes on deputies' work between sessions: activities, attendance, contacts, reports."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from congress.attachments import validate_attachment
from congress.attendance import attendance_sync
from congress.models import Township, User
from congress.roles import Role
from congress.scoping import check_same_township

from ..models import (
    Activity,
    ActivityAttachment,
    Attendance,
    Deputy,
    DeputyGroup,
    LiaisonContact,
    ReportToVoters,
    VoterContact,
)
from ..selectors import activity_roll


@transaction.atomic
def activity_save(
    *,
    township: Township,
    kind: str,
    title: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    place: str = "",
    organiser: str = "",
    group: DeputyGroup | None = None,
    content: str = "",
    other_participants: int = 0,
    instance: Activity | None = None,
) -> Activity:
    """Record (or correct) a deputies' activity of the township."""
    check_same_township(township, group=group)
    activity = instance or Activity(township=township)
    for field, value in {
        "kind": kind,
        "title": title.strip(),
        "start_date": start_date,
        "end_date": end_date,
        "place": place.strip(),
        "organiser": organiser.strip(),
        "group": group,
        "content": content,
        "other_participants": other_participants,
    }.items():
        setattr(activity, field, value)
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def activity_set_attendance(
    *, activity: Activity, statuses: dict[int, str], by: User, clear: bool = False
) -> None:
    """Record who took part: {deputy id: status} for deputies in office on the activity's
    day; a deputy left out is not a participant. Nothing marked is refused unless `clear`.
    Every mark and change is kept in the history as done by `by`."""
    attendance_sync(
        model=Attendance,
        parent={"activity": activity},
        statuses=statuses,
        roll=activity_roll(activity=activity),
        by=by,
        clear=clear,
    )


@transaction.atomic
def activity_attach(*, activity: Activity, upload: UploadedFile) -> ActivityAttachment:
    """Attach a photo or document: only known types whose content is what their name says,
    at most MAX_ATTACHMENT_BYTES."""
    validate_attachment(upload)
    attachment = ActivityAttachment(activity=activity)
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def liaison_contact_record(
    *, member: User, deputy: Deputy, date: datetime.date, content: str
) -> LiaisonContact:
    """A presidium member records a contact with a deputy of their township."""
    if member.role not in {Role.MEMBER, Role.STAFF} or member.township_id != deputy.township_id:
        raise ValidationError(_("Only the presidium of the deputy's township records contacts."))
    contact = LiaisonContact(
        township_id=deputy.township_id,
        member=member,
        deputy=deputy,
        date=date,
        content=content.strip(),
    )
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def voter_contact_record(
    *, deputy: Deputy, date: datetime.date, voters: str, voter_count: int, raised: str
) -> VoterContact:
    """A deputy records meeting voters and what they raised."""
    contact = VoterContact(
        deputy=deputy,
        date=date,
        voters=voters.strip(),
        voter_count=voter_count,
        raised=raised.strip(),
    )
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def report_to_voters_record(
    *,
    deputy: Deputy,
    date: datetime.date,
    voters_attended: int,
    rating: str,
    place: str = "",
    notes: str = "",
) -> ReportToVoters:
    """Record a deputy's report to voters (述职) and the rating they gave."""
    report = ReportToVoters(
        deputy=deputy,
        date=date,
        place=place.strip(),
        voters_attended=voters_attended,
        rating=rating,
        notes=notes,
    )
    report.full_clean()
    report.save()
    return report
