"""Registration: a submitted proposal gets its number, per township, year and kind."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.models import User
from congress.roles import Role
from congress.scoping import check_same_township

from ..models import Proposal, ProposalCounter, ProposalField
from ..workflow import PROPOSAL_WORKFLOW
from .dates import DateEvent, check_event_date
from .notices import notify_signers


def _next_number(*, township_id: int, year: int, kind: str) -> int:
    """The next number of the township's year and kind. The counter row stays locked until
    the registration commits, so a concurrent registration waits and takes the following
    number; a registration rolled back gives its number back (no gaps)."""
    key = {"township_id": township_id, "year": year, "kind": kind}
    try:
        with transaction.atomic():
            ProposalCounter.objects.get_or_create(**key)
    except IntegrityError:  # made at the same instant by another registration: it is there now
        pass
    counter = ProposalCounter.objects.select_for_update().get(**key)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


@transaction.atomic
def proposal_register(
    *,
    proposal: Proposal,
    by: User,
    field: ProposalField | None = None,
    is_key: bool = False,
    lead_member: User | None = None,
    as_suggestion: bool = False,
    note: str = "",
    at: datetime.datetime | None = None,
) -> Proposal:
    """Register a submitted proposal and give it its number (per township, year and kind). A
    motion the presidium does not put on the agenda is registered as a suggestion
    (`as_suggestion`, with the reason). A key proposal has a presidium member leading it.
    Dated `at` (a paper one's real day): not after today, not before its submission."""
    check_same_township(proposal.township_id, field=field)
    if is_key and lead_member is None:
        raise ValidationError({"lead_member": _("Name the presidium member who leads it.")})
    if lead_member is not None:
        check_same_township(proposal.township_id, lead_member=lead_member)
        if lead_member.role not in {Role.MEMBER, Role.STAFF}:
            raise ValidationError({"lead_member": _("Choose a member of the presidium.")})
    kind = proposal.kind
    if as_suggestion:
        if kind != Proposal.Kind.MOTION:
            raise ValidationError(_("Only a motion can be turned into a suggestion."))
        if not note.strip():
            raise ValidationError({"note": _("Say why it is not put on the agenda.")})
        kind = Proposal.Kind.SUGGESTION
    at = check_event_date(
        at=at or timezone.now(),
        event=DateEvent.REGISTERED,
        field="on",
        after=(DateEvent.SUBMITTED, proposal.submitted_at),
    )
    year = timezone.localtime(proposal.submitted_at or at).year
    number = _next_number(township_id=proposal.township_id, year=year, kind=kind)
    PROPOSAL_WORKFLOW.perform(
        record=proposal,
        move="register",
        by=by,
        note=note,
        at=at,
        changes={
            "kind": kind,
            "number_year": year,
            "number": number,
            "field": field or proposal.field,
            "is_key": is_key,
            "lead_member": lead_member,
        },
    )
    notify_signers(proposal, gettext_lazy("Your proposal is registered: “%(title)s”"), "register")
    return proposal
