"""Every write on proposals: submission, and each move of the handling workflow."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.models import Unit, User
from congress.notifications.services import notify
from congress.roles import Role
from congress.scoping import check_same_township
from deputies.models import Deputy, VoterContact
from sessions.models import CongressSession

from .models import Proposal
from .workflow import ASSIGN_MOVES, PROPOSAL_WORKFLOW, Status


def _check_submitter(deputy: Deputy, submitted_by) -> None:
    """A deputy submits their own proposals; only staff of the township register one on a
    deputy's behalf (paper submissions)."""
    if submitted_by.pk is not None and submitted_by.pk == deputy.user_id:
        return
    if (
        submitted_by.has_perm("proposals.submit_on_behalf")
        and submitted_by.township_id == deputy.township_id
    ):
        return
    raise ValidationError(_("You may submit proposals only in your own name."))


@transaction.atomic
def proposal_submit(
    *,
    deputy: Deputy,
    title: str,
    content: str,
    kind: str,
    submitted_by,
    session: CongressSession | None = None,
    submitted_at: datetime.datetime | None = None,
    is_key: bool = False,
    voter_contact: VoterContact | None = None,
) -> Proposal:
    """Register a deputy's proposal in their township, in the submitted state.

    Staff registering a paper proposal after the fact give the day it was really submitted.
    """
    _check_submitter(deputy, submitted_by)
    check_same_township(deputy.township_id, session=session)
    if voter_contact is not None and voter_contact.deputy_id != deputy.pk:
        raise ValidationError(_("This voter contact is another deputy's."))
    proposal = Proposal(
        township_id=deputy.township_id,
        deputy=deputy,
        session=session,
        kind=kind,
        title=title.strip(),
        content=content.strip(),
        is_key=is_key,
        submitted_at=submitted_at or timezone.now(),
        voter_contact=voter_contact,
    )
    proposal.full_clean()
    proposal.save()
    PROPOSAL_WORKFLOW.start(record=proposal, by=submitted_by, at=proposal.submitted_at)
    return proposal


@transaction.atomic
def proposal_from_voter_contact(*, contact: VoterContact, submitted_by, **proposal_fields):
    """Turn what voters raised into the deputy's proposal; one proposal per contact."""
    locked = VoterContact.objects.select_for_update().get(pk=contact.pk)
    if Proposal.objects.filter(voter_contact=locked).exists():
        raise ValidationError(_("A proposal has already been made from this contact."))
    return proposal_submit(
        deputy=locked.deputy, submitted_by=submitted_by, voter_contact=locked, **proposal_fields
    )


# Who hears of each step: the unit that must act, or the deputy whose proposal it is.
STEP_NOTICES = {
    "assign": ("unit", gettext_lazy("Assigned to your unit: “%(title)s”")),
    "reassign": ("unit", gettext_lazy("Assigned to your unit: “%(title)s”")),
    "send_back": ("unit", gettext_lazy("Sent back to be handled again: “%(title)s”")),
    "answer": ("deputy", gettext_lazy("Your proposal has been answered: “%(title)s”")),
    "close": ("deputy", gettext_lazy("Your proposal has been closed: “%(title)s”")),
}


@transaction.atomic
def proposal_move(
    *, proposal: Proposal, move: str, by, note: str = "", at: datetime.datetime | None = None
) -> Proposal:
    """Make one move of the handling workflow (answer, send back, close); the workflow checks
    that the move is allowed from the proposal's status and for this user, and records it."""
    if move in ASSIGN_MOVES:
        raise ValidationError(_("Choose the handling unit to assign the proposal to."))
    PROPOSAL_WORKFLOW.perform(record=proposal, move=move, by=by, note=note, at=at)
    _notify_step(proposal, move, note)
    return proposal


@transaction.atomic
def proposal_assign(
    *, proposal: Proposal, unit: Unit, by, note: str = "", at: datetime.datetime | None = None
) -> Proposal:
    """Hand a proposal to a handling unit of the same township (交办), or to another unit."""
    check_same_township(proposal.township_id, unit=unit)
    move = "assign" if proposal.status == Status.SUBMITTED else "reassign"
    PROPOSAL_WORKFLOW.perform(
        record=proposal, move=move, by=by, note=note, at=at, changes={"handling_unit": unit}
    )
    _notify_step(proposal, move, note)
    return proposal


def _notify_step(proposal: Proposal, move: str, note: str) -> None:
    """Tell whoever must act next, or the deputy when their proposal is answered or closed."""
    audience, subject = STEP_NOTICES[move]
    if audience == "unit":
        recipients = User.objects.filter(unit_id=proposal.handling_unit_id, role=Role.UNIT)
    else:
        recipients = User.objects.filter(deputy__pk=proposal.deputy_id)
    # Stored text, read later by someone else: in the site's language, not the actor's.
    with translation.override(settings.LANGUAGE_CODE):
        subject = str(subject) % {"title": proposal.title}
    notify(
        recipients=recipients,
        kind=f"proposals.{move}",
        subject=subject,
        body=note,
        url=reverse("proposals:detail", args=[proposal.pk]),
        record=proposal,
    )
