from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from congress.models import Unit
from congress.roles import Role

from .models import Proposal, ProposalStatusChange


def proposal_list_for_user(*, user) -> QuerySet[Proposal]:
    """Staff and members read their township's proposals, a deputy only their own, a handling
    unit only those assigned to it; anyone else reads none."""
    proposals = Proposal.objects.select_related("deputy", "handling_unit", "session")
    if user.township_id is None:
        return proposals.none()
    proposals = proposals.filter(township_id=user.township_id)
    if user.role in {Role.STAFF, Role.MEMBER}:
        return proposals
    if user.role == Role.DEPUTY:
        return proposals.filter(deputy__user=user)
    if user.role == Role.UNIT and user.unit_id is not None:
        return proposals.filter(handling_unit_id=user.unit_id)
    return proposals.none()


def proposal_get_for_user(*, user, pk: int) -> Proposal:
    """One proposal the user may read; 404 otherwise, so that its existence does not leak."""
    return get_object_or_404(proposal_list_for_user(user=user), pk=pk)


def unit_choices(*, township) -> QuerySet[Unit]:
    return Unit.objects.filter(township=township, is_active=True)


def proposal_status_changes(*, proposal: Proposal) -> QuerySet[ProposalStatusChange]:
    """A proposal's handling record, oldest first, with who made each step."""
    return proposal.status_changes.select_related("changed_by")
