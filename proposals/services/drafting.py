"""Drafts and signatures: a deputy writes a draft, asks co-signers and submits it; staff enter
a paper proposal in one step."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from congress.models import User
from congress.notifications.services import notify
from congress.scoping import check_same_township
from deputies.models import Deputy, VoterContact
from sessions.models import CongressSession

from .. import permissions, rules
from ..models import Proposal, ProposalField, ProposalSigner
from ..selectors.deputy import cosigner_choices
from ..workflow import PROPOSAL_WORKFLOW, Status
from .dates import DateEvent, check_event_date
from .notices import SUBMITTED_NOTICE, notify_staff


def _check_submitter(deputy: Deputy, by) -> None:
    """A deputy writes their own proposals; only staff of the township enter one on a
    deputy's behalf (paper submissions)."""
    if not permissions.may_write_for(user=by, deputy=deputy):
        raise ValidationError(_("You may submit proposals only in your own name."))


def _fill(proposal: Proposal, fields: dict) -> None:
    for name, value in fields.items():
        setattr(proposal, name, value.strip() if isinstance(value, str) else value)


EDITABLE = ("kind", "title", "content", "solution", "session", "field")


@transaction.atomic
def proposal_draft_save(
    *, deputy: Deputy, by: User, proposal: Proposal | None = None, **fields
) -> Proposal:
    """Start a draft in the deputy's name, or change one of theirs: only drafts can be edited."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    _check_submitter(deputy, by)
    check_same_township(
        deputy.township_id, session=fields.get("session"), field=fields.get("field")
    )
    if proposal is None:
        proposal = Proposal(township_id=deputy.township_id, deputy=deputy, created_by=by)
        created = True
    else:
        created = False
        if proposal.status != Status.DRAFT:
            raise ValidationError(_("Only a draft can be changed."))
    _fill(proposal, fields)
    proposal.full_clean()
    proposal.save()
    if created:
        ProposalSigner.objects.create(
            proposal=proposal, deputy=deputy, is_lead=True, confirmed_at=timezone.now()
        )
        PROPOSAL_WORKFLOW.start(record=proposal, by=by)
    return proposal


def _check_inviter(proposal: Proposal, by: User) -> None:
    """Only the deputy who leads a draft asks co-signers; staff of the township, for a draft
    they entered on a deputy's behalf from paper."""
    if permissions.is_lead_deputy(user=by, proposal=proposal):
        return
    entered_by_staff = proposal.deputy_id is not None and (
        proposal.created_by_id != proposal.deputy.user_id
    )
    if entered_by_staff and permissions.enters_paper_records(
        user=by, township_id=proposal.township_id
    ):
        return
    raise ValidationError(_("Only the deputy who leads this draft may ask co-signers."))


def awaiting_confirmation(signers) -> list[ProposalSigner]:
    """The co-signers asked who have neither confirmed nor declined: on a draft they do not
    count yet; once it is submitted they are not its co-signers."""
    return [
        s for s in signers if not s.is_lead and s.confirmed_at is None and s.declined_at is None
    ]


@transaction.atomic
def proposal_cosigners_invite(
    *, proposal: Proposal, deputies: list[Deputy], by: User, confirm_by: datetime.date | None = None
) -> list[ProposalSigner]:
    """The draft's lead deputy asks deputies of the township to co-sign it; only deputies in
    office with an active login account can be asked (cosigner_choices), since each confirms
    online by `confirm_by` (COSIGN_DAYS from today by default) and is told so."""
    _check_inviter(proposal, by)
    if proposal.status != Status.DRAFT:
        raise ValidationError(_("Co-signers are asked while the proposal is a draft."))
    confirm_by = confirm_by or timezone.localdate() + datetime.timedelta(days=rules.COSIGN_DAYS)
    signed = set(proposal.signers.values_list("deputy_id", flat=True))
    for deputy in deputies:
        check_same_township(proposal.township_id, deputy=deputy)
    to_ask = [d for d in dict.fromkeys(deputies) if d.pk not in signed]
    can_confirm = set(
        cosigner_choices(proposal=proposal)
        .filter(pk__in=[d.pk for d in to_ask])
        .values_list("pk", flat=True)
    )
    cannot = [d.name for d in to_ask if d.pk not in can_confirm]
    if cannot:
        raise ValidationError(
            _(
                "%(names)s cannot confirm online: only deputies in office with a login account "
                "are asked here. A deputy without one signs the paper proposal, which the "
                "congress office enters."
            )
            % {"names": "、".join(cannot)}
        )
    made = [
        ProposalSigner.objects.create(proposal=proposal, deputy=deputy, confirm_by=confirm_by)
        for deputy in to_ask
    ]
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Asked to co-sign: “%(title)s” (by %(day)s)") % {
            "title": proposal.title,
            "day": confirm_by.isoformat(),
        }
    notify(
        recipients=User.objects.filter(deputy__in=[s.deputy for s in made]),
        kind="proposals.cosign_asked",
        subject=subject,
        url=reverse("proposals:detail", args=[proposal.pk]),
        record=proposal,
    )
    return made


@transaction.atomic
def proposal_cosign(*, signer: ProposalSigner, by: User, confirm: bool) -> ProposalSigner:
    """A co-signer confirms (or declines) their signature before its deadline, while the
    proposal is a draft: once submitted (or withdrawn) it collects no more signatures."""
    if not permissions.may_confirm_signature(user=by, signer=signer):
        raise ValidationError(_("Only the deputy asked can confirm this signature."))
    if signer.is_lead:
        raise ValidationError(_("The lead deputy signs by writing it."))
    # Locked as the submission locks it: a signature confirmed while the draft is submitted
    # either counts or is refused, never lost in between.
    locked = Proposal.objects.select_for_update().only("status").get(pk=signer.proposal_id)
    if locked.status != Status.DRAFT:
        raise ValidationError(
            _("This proposal is “%(status)s”: it no longer collects signatures.")
            % {"status": locked.get_status_display()}
        )
    if signer.confirm_by and timezone.localdate() > signer.confirm_by:
        raise ValidationError(_("The time to confirm this signature has passed."))
    now = timezone.now()
    signer.confirmed_at, signer.declined_at = (now, None) if confirm else (None, now)
    signer.save(update_fields=["confirmed_at", "declined_at"])
    return signer


def check_motion_signers(proposal: Proposal, confirmed: int, unconfirmed: list[str] = ()) -> None:
    """A motion from deputies needs at least five of them jointly (组织法 Art 22); those asked
    who have not confirmed (`unconfirmed`, named in the refusal) do not count."""
    if (
        proposal.kind == Proposal.Kind.MOTION
        and proposal.proposer == Proposal.Proposer.DEPUTIES
        and confirmed < rules.MIN_MOTION_SIGNERS
    ):
        message = _(
            "A motion needs at least %(min)s deputies signing it jointly (Local Organic Law "
            "Art 22); it has %(n)s. Ask more deputies to co-sign, or submit it as a "
            "suggestion."
        ) % {"min": rules.MIN_MOTION_SIGNERS, "n": confirmed}
        if unconfirmed:
            message += _(" Not yet confirmed: %(names)s.") % {"names": "、".join(unconfirmed)}
        raise ValidationError(message)
    if proposal.kind == Proposal.Kind.MOTION and not proposal.solution.strip():
        raise ValidationError(
            {"solution": _("A motion states its subject, grounds and proposed solution.")}
        )


@transaction.atomic
def proposal_draft_submit(
    *, proposal: Proposal, by: User, at: datetime.datetime | None = None
) -> Proposal:
    """Submit a draft: a motion only with enough confirmed signers. Co-signers who have not
    confirmed are not counted and do not become co-signers: the handling record names them."""
    # Locked before the signatures are counted, as proposal_cosign locks it to confirm one.
    Proposal.objects.select_for_update().only("pk").get(pk=proposal.pk)
    signers = list(proposal.signers.select_related("deputy"))
    confirmed = sum(1 for s in signers if s.is_confirmed)
    unconfirmed = [s.deputy.name for s in awaiting_confirmation(signers)]
    check_motion_signers(proposal, confirmed, unconfirmed)
    note = ""
    if unconfirmed:
        with translation.override(settings.LANGUAGE_CODE):
            note = _("Submitted without %(names)s, who had not confirmed their signature.") % {
                "names": "、".join(unconfirmed)
            }
    at = at or timezone.now()
    PROPOSAL_WORKFLOW.perform(
        record=proposal, move="submit", by=by, note=note, at=at, changes={"submitted_at": at}
    )
    notify_staff(proposal, SUBMITTED_NOTICE, "proposals.submitted")
    return proposal


@transaction.atomic
def proposal_submit(
    *,
    deputy: Deputy | None,
    title: str,
    content: str,
    kind: str,
    submitted_by: User,
    session: CongressSession | None = None,
    submitted_at: datetime.datetime | None = None,
    solution: str = "",
    field: ProposalField | None = None,
    cosigners: list[Deputy] = (),
    proposer: str = Proposal.Proposer.DEPUTIES,
    voter_contact: VoterContact | None = None,
) -> Proposal:
    """Write and submit a proposal in one step: a deputy's own, or a paper one staff enter
    on the deputies' behalf with the day it was really submitted and its co-signers (who
    signed the paper). The presidium's and the government's motions have no deputy."""
    if proposer == Proposal.Proposer.DEPUTIES:
        if deputy is None:
            raise ValidationError({"deputy": _("Choose the deputy who leads it.")})
        _check_submitter(deputy, submitted_by)
        township_id = deputy.township_id
    else:
        if not permissions.enters_paper_records(
            user=submitted_by, township_id=submitted_by.township_id
        ):
            raise ValidationError(_("Only staff enter the presidium's and government's motions."))
        if kind != Proposal.Kind.MOTION:
            raise ValidationError(_("The presidium and the government propose motions."))
        township_id, deputy, cosigners = submitted_by.township_id, None, ()
    check_same_township(township_id, session=session, field=field)
    if voter_contact is not None and (deputy is None or voter_contact.deputy_id != deputy.pk):
        raise ValidationError(_("This voter contact is another deputy's."))
    if submitted_at is not None and not permissions.enters_paper_records(
        user=submitted_by, township_id=township_id
    ):
        raise ValidationError(_("A deputy's own proposal is dated the day it is submitted."))
    at = check_event_date(
        at=submitted_at or timezone.now(), event=DateEvent.SUBMITTED, field="submitted_on"
    )
    proposal = Proposal(
        township_id=township_id,
        deputy=deputy,
        proposer=proposer,
        session=session,
        kind=kind,
        title=title.strip(),
        content=content.strip(),
        solution=solution.strip(),
        field=field,
        voter_contact=voter_contact,
        created_by=submitted_by,
    )
    proposal.full_clean()
    proposal.save()
    signers = [deputy, *[d for d in cosigners if d != deputy]] if deputy else []
    for n, signer in enumerate(signers):
        check_same_township(township_id, deputy=signer)
        ProposalSigner.objects.create(
            proposal=proposal, deputy=signer, is_lead=n == 0, confirmed_at=at
        )
    PROPOSAL_WORKFLOW.start(record=proposal, by=submitted_by, at=at)
    check_motion_signers(proposal, len(signers))
    PROPOSAL_WORKFLOW.perform(
        record=proposal, move="submit", by=submitted_by, at=at, changes={"submitted_at": at}
    )
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
