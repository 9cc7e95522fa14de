"""What a proposal's page shows of its merges, splits and publication, read through the
selectors (the detail view is shared; this part of the page brings its own context)."""

from django import template

from ..models import Proposal
from ..selectors import MERGEABLE_STATES, PUBLIC_STATES, SPLITTABLE_STATES, proposal_relations

register = template.Library()


@register.simple_tag(takes_context=True)
def proposal_tools(context, proposal: Proposal) -> dict:
    """The proposals this one is linked to by a merge or a split, and the staff's actions on
    it that this user may take now."""
    user = context["request"].user
    staff = user.has_perm("proposals.assign_proposal")
    return {
        **proposal_relations(proposal=proposal, user=user),
        "can_merge": staff
        and proposal.kind == Proposal.Kind.SUGGESTION
        and proposal.status in MERGEABLE_STATES,
        "can_split": staff and proposal.status in SPLITTABLE_STATES,
        "can_publish": user.has_perm("proposals.change_proposal")
        and user.township_id == proposal.township_id
        and (proposal.status in PUBLIC_STATES or proposal.published),
    }
