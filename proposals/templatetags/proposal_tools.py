"""What a proposal's page shows of its merges, splits and publication, read through the
selectors (the detail view is shared; this part of the page brings its own context)."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from ..masking import PLACEHOLDERS
from ..models import Proposal
from ..selectors import (
    MERGEABLE_STATES,
    PUBLIC_STATES,
    SPLITTABLE_STATES,
    PublicItem,
    proposal_relations,
    public_preview,
)

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


@register.simple_tag
def public_item_preview(proposal: Proposal) -> PublicItem | None:
    """What the public page shows, or will show once published, of this answered proposal."""
    if proposal.status not in PUBLIC_STATES:
        return None
    return public_preview(proposal=proposal)


@register.filter
def mark_withheld(text: str) -> SafeString:
    """The text escaped, each placeholder of what the public page withholds highlighted."""
    html = conditional_escape(text)
    for placeholder in PLACEHOLDERS.values():
        escaped = conditional_escape(placeholder)
        html = html.replace(escaped, f'<mark data-testid="withheld">{escaped}</mark>')
    return mark_safe(html)  # every part was escaped above
