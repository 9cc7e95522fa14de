"""Merging duplicate suggestions into one, and splitting one that mixes matters into several."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congress.models import User
from congress.notifications.services import notify
from congress.scoping import check_same_township
from congress.wording import township_language

from .. import permissions
from ..models import Proposal, ProposalSigner
from ..permissions import MERGE_TARGET_STATES
from ..workflow import PROPOSAL_WORKFLOW
from .drafting import check_motion_signers


def _signers_of(*proposals: Proposal):
    """The accounts of every deputy who signed any of them: the lead and the co-signers who
    confirmed (not those still asked, nor those who declined)."""
    return User.objects.filter(
        permissions.signed_q("deputy__signatures__"),
        deputy__signatures__proposal__in=proposals,
    ).distinct()


def _named_by_field(error: ValidationError) -> list[str]:
    """A proposal's errors, each with the name of the field it is about."""
    if not hasattr(error, "error_dict"):
        return error.messages
    return [
        message
        if name == NON_FIELD_ERRORS
        else _("%(field)s: %(error)s")
        % {"field": Proposal._meta.get_field(name).verbose_name, "error": message}
        for name, messages in error.message_dict.items()
        for message in messages
    ]


def _quoted(titles) -> str:
    return "、".join(f"“{title}”" for title in titles)


@transaction.atomic
def proposal_merge(
    *,
    proposal: Proposal,
    into: Proposal,
    by: User,
    note: str,
    at: datetime.datetime | None = None,
) -> Proposal:
    """Merge a duplicate suggestion (submitted or registered) into another one still being
    handled (submitted, registered or assigned): the duplicate becomes "merged" with the note
    saying why, every deputy who signed it becomes a confirmed signer of the other (they
    follow and rate it from now on), and every signer of both is told. A co-signer of the
    duplicate who had not confirmed, or had declined, signed nothing and is not carried over."""
    check_same_township(proposal.township_id, into=into)
    if into.pk == proposal.pk:
        raise ValidationError({"into": _("A proposal cannot be merged into itself.")})
    if Proposal.Kind.MOTION in {proposal.kind, into.kind}:
        raise ValidationError(
            _("Only suggestions are merged; whether a motion is taken up is for the presidium.")
        )
    target = Proposal.objects.select_for_update().get(pk=into.pk)
    if target.status not in MERGE_TARGET_STATES:
        raise ValidationError(
            {
                "into": _(
                    "“%(title)s” is %(status)s: a duplicate is merged only into a proposal "
                    "still being handled (submitted, registered or assigned)."
                )
                % {"title": target.title, "status": target.get_status_display()}
            }
        )
    at = at or timezone.now()
    PROPOSAL_WORKFLOW.perform(
        record=proposal, move="merge", by=by, note=note, at=at, changes={"merged_into": target}
    )
    on_target = {signer.deputy_id: signer for signer in target.signers.all()}
    for signer in proposal.signers.all():
        if not permissions.has_signed(signer):
            continue
        existing = on_target.get(signer.deputy_id)
        if existing is None:
            ProposalSigner.objects.create(
                proposal=target, deputy_id=signer.deputy_id, confirmed_at=at
            )
        elif not permissions.has_signed(existing):
            # Asked on the other one and undecided (or declined), but signed this duplicate.
            existing.confirmed_at, existing.declined_at = at, None
            existing.save(update_fields=["confirmed_at", "declined_at"])
    with township_language(proposal.township):
        subject = _("“%(merged)s” has been merged into “%(target)s”") % {
            "merged": proposal.title,
            "target": target.title,
        }
    notify(
        recipients=_signers_of(proposal, target),
        kind="proposals.merge",
        subject=subject,
        body=note.strip(),
        url=reverse("proposals:detail", args=[target.pk]),
        record=target,
    )
    return proposal


@dataclass(frozen=True)
class SplitPart:
    """One of the proposals a mixed one is split into: its own title, content and solution."""

    title: str
    content: str
    solution: str = ""


@transaction.atomic
def proposal_split(
    *,
    proposal: Proposal,
    parts: Sequence[SplitPart],
    by: User,
    note: str = "",
    at: datetime.datetime | None = None,
) -> list[Proposal]:
    """Split a submitted proposal that mixes matters into two or more new ones, each with its
    own title and content and everything else of the original (signers, kind, field, session,
    the day it was submitted), each submitted and registered on its own.

    The original is then refused ("not registered") with a note naming the new ones, rather
    than kept with the first part: a registry clerk registers each matter under its own number
    and keeps the paper the deputies signed as they wrote it; rewriting the original's text
    would make the record differ from that paper, and its number would name only part of what
    it once said. So only a submitted proposal, not yet numbered, is split."""
    if not permissions.handles(user=by, proposal=proposal):
        raise ValidationError(_("Only staff split a proposal."))
    if not permissions.is_splittable(proposal):
        raise ValidationError(
            _(
                "Only a submitted proposal, not yet registered, is split: a registered one "
                "keeps its number (it is %(status)s)."
            )
            % {"status": proposal.get_status_display()}
        )
    parts = [
        SplitPart(part.title.strip(), part.content.strip(), part.solution.strip()) for part in parts
    ]
    if len(parts) < 2:
        raise ValidationError(_("Split it into at least two proposals."))
    titles = [part.title for part in parts]
    if len(set(titles)) != len(titles):
        raise ValidationError(_("Give each new proposal its own title."))
    submitted_at = proposal.submitted_at or timezone.now()
    signers = [s for s in proposal.signers.all() if s.declined_at is None]
    with township_language(proposal.township):
        started_note = _("Split from “%(title)s”") % {"title": proposal.title}
        refused_note = _("Split into %(titles)s.") % {"titles": _quoted(titles)}
    made = []
    for n, part in enumerate(parts, start=1):
        new = Proposal(
            township_id=proposal.township_id,
            session_id=proposal.session_id,
            kind=proposal.kind,
            proposer=proposal.proposer,
            deputy_id=proposal.deputy_id,
            field_id=proposal.field_id,
            title=part.title,
            content=part.content,
            solution=part.solution,
            submitted_at=submitted_at,
            split_from=proposal,
            created_by=by,
        )
        try:
            new.full_clean()
            check_motion_signers(new, sum(1 for s in signers if s.is_confirmed))
        except ValidationError as error:
            raise ValidationError(
                [
                    _("New proposal %(n)s: %(error)s") % {"n": n, "error": message}
                    for message in _named_by_field(error)
                ]
            ) from None
        new.save()
        for signer in signers:
            ProposalSigner.objects.create(
                proposal=new,
                deputy_id=signer.deputy_id,
                is_lead=signer.is_lead,
                confirm_by=signer.confirm_by,
                confirmed_at=signer.confirmed_at,
            )
        PROPOSAL_WORKFLOW.start(record=new, by=by, at=submitted_at, note=started_note)
        PROPOSAL_WORKFLOW.perform(
            record=new, move="submit", by=by, at=submitted_at, note=started_note
        )
        made.append(new)
    note = f"{note.strip()}\n{refused_note}" if note.strip() else refused_note
    PROPOSAL_WORKFLOW.perform(record=proposal, move="refuse", by=by, note=note, at=at)
    with township_language(proposal.township):
        subject = ngettext(
            "“%(title)s” has been split into %(n)s proposal",
            "“%(title)s” has been split into %(n)s proposals",
            len(made),
        ) % {
            "title": proposal.title,
            "n": len(made),
        }
    notify(
        recipients=_signers_of(proposal),
        kind="proposals.split",
        subject=subject,
        body=note,
        url=reverse("proposals:detail", args=[proposal.pk]),
        record=proposal,
    )
    return made
