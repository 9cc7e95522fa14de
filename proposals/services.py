import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.models import Unit
from deputies.models import Deputy
from sessions.models import CongressSession

from .models import Proposal, ProposalStatusChange
from .workflow import Status, can_transition


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
) -> Proposal:
    """Register a deputy's proposal in their township, in the submitted state.

    Staff registering a paper proposal after the fact give the day it was really submitted.
    """
    if session is not None and session.township_id != deputy.township_id:
        raise ValidationError({"session": _("This session belongs to another township.")})
    proposal = Proposal(
        township_id=deputy.township_id,
        deputy=deputy,
        session=session,
        kind=kind,
        title=title.strip(),
        content=content.strip(),
        is_key=is_key,
        submitted_at=submitted_at or timezone.now(),
    )
    proposal.full_clean()
    proposal.save()
    ProposalStatusChange.objects.create(
        proposal=proposal,
        from_status="",
        to_status=Status.SUBMITTED,
        changed_by=submitted_by,
        changed_at=proposal.submitted_at,
    )
    return proposal


@transaction.atomic
def proposal_transition(
    *, proposal: Proposal, to: str, by, note: str = "", at: datetime.datetime | None = None
) -> Proposal:
    """Move a proposal along one allowed edge of the workflow and record who did it."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not can_transition(locked.status, to):
        raise ValidationError(
            _("A proposal that is %(current)s cannot become %(target)s.")
            % {"current": locked.get_status_display(), "target": Status(to).label}
        )
    ProposalStatusChange.objects.create(
        proposal=locked,
        from_status=locked.status,
        to_status=to,
        changed_by=by,
        note=note,
        changed_at=at or timezone.now(),
    )
    locked.status = to
    locked.save(update_fields=["status"])
    proposal.status = to
    return proposal


@transaction.atomic
def proposal_assign(
    *, proposal: Proposal, unit: Unit, by, note: str = "", at: datetime.datetime | None = None
) -> Proposal:
    """Hand a proposal to a handling unit of the same township (交办)."""
    if unit.township_id != proposal.township_id:
        raise ValidationError({"unit": _("This unit belongs to another township.")})
    proposal_transition(proposal=proposal, to=Status.ASSIGNED, by=by, note=note, at=at)
    proposal.handling_unit = unit
    proposal.save(update_fields=["handling_unit"])
    return proposal
