"""Which answered proposals the township shows on its public page (代表法 Art 58)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from congress.models import User

from .. import permissions
from ..models import Proposal
from ..permissions import PUBLIC_STATES


@transaction.atomic
def proposal_publish(*, proposal: Proposal, by: User, published: bool) -> Proposal:
    """Show an answered proposal, with its answer, on the township's public page, or take it
    off. Only the township's staff decide; only an answered one can go on (one whose answer
    is later sent back leaves the page by itself until it is answered again)."""
    if not permissions.publishes(user=by, proposal=proposal):
        raise ValidationError(_("Only the township's staff publish its proposals."))
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if published and locked.status not in PUBLIC_STATES:
        raise ValidationError(
            _("Only an answered proposal is published, with its answer (it is %(status)s).")
            % {"status": locked.get_status_display()}
        )
    if locked.published != published:
        locked.published = published
        locked.save(update_fields=["published"])
    proposal.published = published
    return proposal
