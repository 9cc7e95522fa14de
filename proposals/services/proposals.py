"""Every write on proposals: drafts and signatures, submission, registration with its number,
assignment with deadlines, answers, ratings and the rest of the handling workflow."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from congress.models import Township, Unit, User
from congress.notifications.services import notify
from congress.roles import Role
from congress.scoping import check_same_township
from congress.workdays import Workdays
from deputies.models import Deputy, VoterContact
from sessions.models import CongressSession

from .. import permissions, rules
from ..models import (
    Answer,
    AnswerCategory,
    Assignment,
    AssignmentMeeting,
    Proposal,
    ProposalCounter,
    ProposalField,
    ProposalSigner,
    Rating,
)
from ..workflow import PROPOSAL_WORKFLOW, Status

# ------------------------------------------------------------------------ township defaults


def township_lists_ensure(*, township: Township) -> None:
    """A township's proposal fields and answer categories, made with the defaults if it has
    none (a new township; staff then keep the lists)."""
    if not ProposalField.objects.filter(township=township).exists():
        ProposalField.objects.bulk_create(
            ProposalField(township=township, name=name, order=n)
            for n, name in enumerate(rules.DEFAULT_FIELDS)
        )
    if not AnswerCategory.objects.filter(township=township).exists():
        AnswerCategory.objects.bulk_create(
            AnswerCategory(township=township, code=code, label=label, order=n)
            for n, (code, label) in enumerate(rules.DEFAULT_ANSWER_CATEGORIES)
        )


# ------------------------------------------------------------------------ drafting and signing


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


@transaction.atomic
def proposal_cosigners_invite(
    *, proposal: Proposal, deputies: list[Deputy], by: User, confirm_by: datetime.date | None = None
) -> list[ProposalSigner]:
    """Ask deputies of the township to co-sign a draft; each confirms online by `confirm_by`
    (COSIGN_DAYS from today by default) and is told so."""
    if proposal.status != Status.DRAFT:
        raise ValidationError(_("Co-signers are asked while the proposal is a draft."))
    confirm_by = confirm_by or timezone.localdate() + datetime.timedelta(days=rules.COSIGN_DAYS)
    signed = set(proposal.signers.values_list("deputy_id", flat=True))
    made = []
    for deputy in deputies:
        check_same_township(proposal.township_id, deputy=deputy)
        if deputy.pk in signed:
            continue
        made.append(
            ProposalSigner.objects.create(proposal=proposal, deputy=deputy, confirm_by=confirm_by)
        )
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
    """A co-signer confirms (or declines) their signature before its deadline."""
    if not permissions.may_confirm_signature(user=by, signer=signer):
        raise ValidationError(_("Only the deputy asked can confirm this signature."))
    if signer.is_lead:
        raise ValidationError(_("The lead deputy signs by writing it."))
    if signer.confirm_by and timezone.localdate() > signer.confirm_by:
        raise ValidationError(_("The time to confirm this signature has passed."))
    now = timezone.now()
    signer.confirmed_at, signer.declined_at = (now, None) if confirm else (None, now)
    signer.save(update_fields=["confirmed_at", "declined_at"])
    return signer


def _check_motion_signers(proposal: Proposal, confirmed: int) -> None:
    """A motion from deputies needs at least five of them jointly (组织法 Art 22)."""
    if (
        proposal.kind == Proposal.Kind.MOTION
        and proposal.proposer == Proposal.Proposer.DEPUTIES
        and confirmed < rules.MIN_MOTION_SIGNERS
    ):
        raise ValidationError(
            _(
                "A motion needs at least %(min)s deputies signing it jointly (Local Organic Law "
                "Art 22); it has %(n)s. Ask more deputies to co-sign, or submit it as a "
                "suggestion."
            )
            % {"min": rules.MIN_MOTION_SIGNERS, "n": confirmed}
        )
    if proposal.kind == Proposal.Kind.MOTION and not proposal.solution.strip():
        raise ValidationError(
            {"solution": _("A motion states its subject, grounds and proposed solution.")}
        )


@transaction.atomic
def proposal_draft_submit(
    *, proposal: Proposal, by: User, at: datetime.datetime | None = None
) -> Proposal:
    """Submit a draft: a motion only with enough confirmed signers. Co-signers who have not
    confirmed are not counted."""
    confirmed = sum(1 for s in proposal.signers.all() if s.is_confirmed)
    _check_motion_signers(proposal, confirmed)
    at = at or timezone.now()
    PROPOSAL_WORKFLOW.perform(
        record=proposal, move="submit", by=by, at=at, changes={"submitted_at": at}
    )
    _notify_staff(proposal, SUBMITTED_NOTICE, "proposals.submitted")
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
    at = submitted_at or timezone.now()
    if at > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError({"submitted_at": _("The submission date cannot be in the future.")})
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
    _check_motion_signers(proposal, len(signers))
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


# ------------------------------------------------------------------------ registration


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
    (`as_suggestion`, with the reason). A key proposal has a presidium member leading it."""
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
    at = at or timezone.now()
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
    _notify_signers(proposal, gettext_lazy("Your proposal is registered: “%(title)s”"), "register")
    return proposal


# ------------------------------------------------------------------------ assignment


def answer_deadline(*, township, assigned_on: datetime.date, hard: bool = False) -> datetime.date:
    """The last day to answer: 3 months from the assignment (6 for hard ones; 代表法 Art 51),
    moved to the next working day if it is a day off."""
    months = rules.HARD_ANSWER_DEADLINE_MONTHS if hard else rules.ANSWER_DEADLINE_MONTHS
    return Workdays(township).months_later(assigned_on, months)


@transaction.atomic
def proposal_assign(
    *,
    proposal: Proposal,
    unit: Unit,
    by: User,
    co_units: list[Unit] = (),
    meeting: AssignmentMeeting | None = None,
    assigned_on: datetime.date | None = None,
    hard: bool = False,
    deadline: datetime.date | None = None,
    note: str = "",
    at: datetime.datetime | None = None,
) -> Proposal:
    """Hand a registered proposal to its lead unit (主办) and co-units (协办), at an assignment
    meeting or not, with its deadline (3 months, up to 6 for hard ones, on a working day), or
    to other units (a reassignment needs a note and drops the old units)."""
    check_same_township(proposal.township_id, unit=unit, meeting=meeting)
    for co_unit in co_units:
        check_same_township(proposal.township_id, unit=co_unit)
    if unit in co_units:
        raise ValidationError({"co_units": _("The lead unit cannot also be a co-unit.")})
    assigned_on = assigned_on or (meeting.date if meeting else timezone.localdate())
    latest = answer_deadline(township=proposal.township, assigned_on=assigned_on, hard=True)
    deadline = deadline or answer_deadline(
        township=proposal.township, assigned_on=assigned_on, hard=hard
    )
    if deadline > latest or deadline < assigned_on:
        raise ValidationError(
            {
                "deadline": _(
                    "The deadline is at most six months after the assignment (%(latest)s)."
                )
                % {"latest": latest}
            }
        )
    move = "assign" if proposal.status == Status.REGISTERED else "reassign"
    if move == "reassign":
        proposal.assignments.all().delete()
    units = [(unit, Assignment.Role.LEAD), *((u, Assignment.Role.CO) for u in co_units)]
    bulk_create_with_history(
        [
            Assignment(
                proposal=proposal,
                unit=each,
                role=role,
                meeting=meeting,
                assigned_on=assigned_on,
                deadline=deadline,
                is_hard=hard,
                assigned_by=by,
            )
            for each, role in units
        ],
        Assignment,
        default_user=by,
    )
    PROPOSAL_WORKFLOW.perform(
        record=proposal,
        move=move,
        by=by,
        note=note,
        at=at,
        changes={"handling_unit": unit, "due_date": deadline},
    )
    _notify_units(proposal, STEP_NOTICES[move])
    return proposal


# ------------------------------------------------------------------------ answers and ratings


@transaction.atomic
def proposal_answer(
    *,
    proposal: Proposal,
    by: User,
    category: AnswerCategory,
    text: str,
    contact_person: str = "",
    met_on: datetime.date | None = None,
    at: datetime.datetime | None = None,
) -> Answer:
    """The lead unit's answer: its category, text and who met the deputy."""
    lead = proposal.assignments.filter(role=Assignment.Role.LEAD).select_related("unit").first()
    if lead is None or not permissions.may_answer(user=by, proposal=proposal):
        raise ValidationError(_("Only the lead unit answers; co-units send it their view."))
    check_same_township(proposal.township_id, category=category)
    if not text.strip():
        raise ValidationError({"text": _("Write the answer.")})
    at = at or timezone.now()
    answer = Answer(
        proposal=proposal,
        unit=lead.unit,
        category=category,
        text=text.strip(),
        contact_person=contact_person.strip(),
        met_on=met_on,
        answered_at=at,
        answered_by=by,
    )
    answer.full_clean()
    answer.save()
    PROPOSAL_WORKFLOW.perform(record=proposal, move="answer", by=by, at=at)
    _notify_signers(proposal, STEP_NOTICES["answer"], "answer")
    return answer


def current_answer(proposal: Proposal) -> Answer | None:
    return proposal.answers.filter(returned=False).order_by("-answered_at", "-pk").first()


@transaction.atomic
def proposal_return_answer(*, proposal: Proposal, by: User, note: str) -> Proposal:
    """Staff send an answer that is not good enough back to the lead unit."""
    answer = current_answer(proposal)
    PROPOSAL_WORKFLOW.perform(record=proposal, move="send_back", by=by, note=note)
    if answer is not None:
        answer.returned = True
        answer.save(update_fields=["returned"])
    _notify_units(proposal, STEP_NOTICES["send_back"], body=note)
    return proposal


@transaction.atomic
def proposal_rate(
    *,
    proposal: Proposal,
    by: User,
    attitude: str,
    result: str,
    reasons: str = "",
    at: datetime.datetime | None = None,
    on_behalf_of: Deputy | None = None,
) -> Rating:
    """A signer rates the answer (staff enter a paper rating form `on_behalf_of` a signer).
    不满意 on either needs the reasons and sends the proposal back to the lead unit with a new
    deadline (REANSWER_MONTHS); once every confirmed signer has rated and none is unsatisfied,
    the proposal is rated."""
    # Locked first: two signers rating at once would each miss the other's uncommitted
    # rating, and neither would find that everyone has rated.
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if on_behalf_of is not None:
        if not permissions.enters_paper_records(user=by, township_id=proposal.township_id):
            raise ValidationError(_("Only staff enter a rating on a deputy's behalf."))
        signer = proposal.signers.filter(deputy=on_behalf_of).first()
    else:
        signer = proposal.signers.filter(deputy__user=by).first()
    if signer is None or not permissions.has_signed(signer):
        raise ValidationError(_("Only the deputies who signed it rate its handling."))
    answer = current_answer(proposal)
    if answer is None or proposal.status != Status.ANSWERED:
        raise ValidationError(_("There is no answer to rate yet."))
    at = at or timezone.now()
    rating = Rating(
        answer=answer,
        deputy=signer.deputy,
        attitude=attitude,
        result=result,
        reasons=reasons.strip(),
        rated_at=at,
    )
    if rating.is_unsatisfied and not rating.reasons:
        raise ValidationError({"reasons": _("Say why you are not satisfied.")})
    rating.full_clean(validate_unique=False)
    if Rating.objects.filter(answer=answer, deputy=signer.deputy).exists():
        raise ValidationError(_("You have already rated this answer."))
    rating.save()
    if rating.is_unsatisfied:
        deadline = Workdays(proposal.township).months_later(
            timezone.localtime(at).date(), rules.REANSWER_MONTHS
        )
        proposal.assignments.update(deadline=deadline)
        PROPOSAL_WORKFLOW.perform(
            record=proposal,
            move="rate_unsatisfied",
            by=by,
            note=rating.reasons,
            at=at,
            changes={"due_date": deadline},
        )
        _notify_units(proposal, STEP_NOTICES["rate_unsatisfied"], body=rating.reasons)
        return rating
    confirmed = [s.deputy_id for s in proposal.signers.all() if permissions.has_signed(s)]
    rated = set(answer.ratings.values_list("deputy_id", flat=True))
    if set(confirmed) <= rated:
        PROPOSAL_WORKFLOW.perform(record=proposal, move="rate", by=by, at=at)
    return rating


@transaction.atomic
def proposal_move(
    *, proposal: Proposal, move: str, by, note: str = "", at: datetime.datetime | None = None
) -> Proposal:
    """A move that needs nothing but a note: withdraw a draft, refuse registration, close."""
    if move not in {"withdraw", "refuse", "close"}:
        raise ValidationError(_("This step has its own form."))
    if move == "withdraw" and not permissions.may_withdraw(user=by, proposal=proposal):
        raise ValidationError(_("Only the deputy who wrote it withdraws a draft."))
    PROPOSAL_WORKFLOW.perform(record=proposal, move=move, by=by, note=note, at=at)
    if move in {"refuse", "close"}:
        _notify_signers(proposal, STEP_NOTICES[move], move, body=note)
    return proposal


# ------------------------------------------------------------------------ notices

SUBMITTED_NOTICE = gettext_lazy("New proposal submitted: “%(title)s”")

# Who hears of each step: the units that must act, or the deputies who signed it.
STEP_NOTICES = {
    "register": gettext_lazy("Your proposal is registered: “%(title)s”"),
    "refuse": gettext_lazy("Your proposal was not registered: “%(title)s”"),
    "assign": gettext_lazy("Assigned to your unit: “%(title)s”"),
    "reassign": gettext_lazy("Assigned to your unit: “%(title)s”"),
    "send_back": gettext_lazy("Sent back to be handled again: “%(title)s”"),
    "rate_unsatisfied": gettext_lazy("The deputy is not satisfied; answer again: “%(title)s”"),
    "answer": gettext_lazy("Your proposal has been answered: “%(title)s”"),
    "close": gettext_lazy("Your proposal has been closed: “%(title)s”"),
}


def _subject(template, proposal: Proposal) -> str:
    # Stored text, read later by someone else: in the site's language, not the actor's.
    with translation.override(settings.LANGUAGE_CODE):
        return str(template) % {"title": proposal.title}


def _send(recipients, proposal: Proposal, template, kind: str, body: str = "") -> None:
    notify(
        recipients=recipients,
        kind=kind,
        subject=_subject(template, proposal),
        body=body,
        url=reverse("proposals:detail", args=[proposal.pk]),
        record=proposal,
    )


def _notify_units(proposal: Proposal, template, body: str = "") -> None:
    units = proposal.assignments.values("unit_id")
    recipients = User.objects.filter(unit_id__in=units, role=Role.UNIT)
    _send(recipients, proposal, template, "proposals.to_unit", body)


def _notify_signers(proposal: Proposal, template, move: str, body: str = "") -> None:
    recipients = User.objects.filter(
        deputy__signatures__proposal=proposal, deputy__signatures__declined_at__isnull=True
    )
    _send(recipients, proposal, template, f"proposals.{move}", body)


def _notify_staff(proposal: Proposal, template, kind: str) -> None:
    recipients = User.objects.filter(township_id=proposal.township_id, role=Role.STAFF)
    _send(recipients, proposal, template, kind)
