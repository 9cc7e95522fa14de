"""Answers and ratings: the lead unit answers, staff may send an answer back, the signers
rate it; and the moves that need nothing but a note (withdraw, refuse, close)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.models import User
from congress.scoping import check_same_township
from congress.workdays import Workdays
from deputies.models import Deputy

from .. import permissions, rules
from ..models import Answer, AnswerCategory, Assignment, Proposal, Rating
from ..selectors.proposals import current_answer
from ..workflow import PROPOSAL_WORKFLOW, Status
from .dates import DateEvent, check_event_date, event_moment
from .notices import STEP_NOTICES, notify_signers, notify_units


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
    """The lead unit's answer: its category, text and who met the deputy. A unit's own is dated
    now; staff entering a paper one give its day (`at`): not after today, not before the
    assignment."""
    lead = proposal.assignments.filter(role=Assignment.Role.LEAD).select_related("unit").first()
    if lead is None or not permissions.may_answer(user=by, proposal=proposal):
        raise ValidationError(_("Only the lead unit answers; co-units send it their view."))
    check_same_township(proposal.township_id, category=category)
    if not text.strip():
        raise ValidationError({"text": _("Write the answer.")})
    at = check_event_date(
        at=at or timezone.now(),
        event=DateEvent.ANSWERED,
        field="answered_on",
        after=(DateEvent.ASSIGNED, event_moment(proposal, DateEvent.ASSIGNED)),
    )
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
    notify_signers(proposal, STEP_NOTICES["answer"], "answer")
    return answer


# A co-signer's rating is taken while the answer is rated or still waiting for the lead's.
RATEABLE_STATES = (Status.ANSWERED, Status.RATED)


@transaction.atomic
def proposal_return_answer(
    *, proposal: Proposal, by: User, note: str, at: datetime.datetime | None = None
) -> Proposal:
    """Staff send an answer that is not good enough back to the lead unit, on the day they did
    (`at`): not after today, not before the answer."""
    answer = current_answer(proposal)
    at = check_event_date(
        at=at or timezone.now(),
        event="returned",
        field="on",
        after=(DateEvent.ANSWERED, answer.answered_at if answer else None),
    )
    PROPOSAL_WORKFLOW.perform(record=proposal, move="send_back", by=by, note=note, at=at)
    if answer is not None:
        answer.returned = True
        answer.save(update_fields=["returned"])
    notify_units(proposal, STEP_NOTICES["send_back"], body=note)
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
    """A signer rates the answer (staff enter a paper rating form `on_behalf_of` a signer, with
    its real date: not after today, not before the answer). The lead deputy's rating is the
    item's, as offices count it: 不满意 on either (reasons required) sends the proposal back to
    the lead unit with a new deadline (REANSWER_MONTHS), anything else rates it. Co-signers may
    add theirs, kept and shown but moving nothing, also once the lead has rated. Where the
    township asks every signer to rate (Township.all_signers_rate), any 不满意 sends it back and
    it is rated once every confirmed signer has rated."""
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
    every_signer = proposal.township.all_signers_rate
    answer = current_answer(proposal)
    if answer is None or proposal.status not in RATEABLE_STATES:
        raise ValidationError(_("There is no answer to rate yet."))
    if Rating.objects.filter(answer=answer, deputy=signer.deputy).exists():
        raise ValidationError(_("You have already rated this answer."))
    # Once the lead's rating has rated the item, a co-signer's may still be added.
    if proposal.status != Status.ANSWERED and (every_signer or signer.is_lead):
        raise ValidationError(_("There is no answer to rate yet."))
    if at is not None:  # a paper rating form's own day
        at = check_event_date(
            at=at,
            event="rated",
            field="rated_on",
            after=(DateEvent.ANSWERED, answer.answered_at),
        )
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
    rating.save()
    if proposal.status != Status.ANSWERED or not (every_signer or signer.is_lead):
        return rating  # a co-signer's rating: kept and shown, not the item's
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
        notify_units(proposal, STEP_NOTICES["rate_unsatisfied"], body=rating.reasons)
        return rating
    if every_signer:
        confirmed = {s.deputy_id for s in proposal.signers.all() if permissions.has_signed(s)}
        if not confirmed <= set(answer.ratings.values_list("deputy_id", flat=True)):
            return rating
    PROPOSAL_WORKFLOW.perform(record=proposal, move="rate", by=by, at=at)
    return rating


@transaction.atomic
def proposal_move(
    *, proposal: Proposal, move: str, by, note: str = "", at: datetime.datetime | None = None
) -> Proposal:
    """A move that needs nothing but a note: withdraw a draft, refuse registration, close.
    Staff date a refusal or a closing by its real day (`at`): not after today, not before the
    submission (refusal) or the answer and its ratings (closing)."""
    if move not in {"withdraw", "refuse", "close"}:
        raise ValidationError(_("This step has its own form."))
    if move == "withdraw" and not permissions.may_withdraw(user=by, proposal=proposal):
        raise ValidationError(_("Only the deputy who wrote it withdraws a draft."))
    if move == "refuse":
        at = check_event_date(
            at=at or timezone.now(),
            event="refused",
            field="on",
            after=(DateEvent.SUBMITTED, proposal.submitted_at),
        )
    elif move == "close":
        answer = current_answer(proposal)
        last_rating = answer.ratings.order_by("-rated_at").first() if answer else None
        after = (DateEvent.ANSWERED, answer.answered_at) if answer else None
        if last_rating is not None and last_rating.rated_at > answer.answered_at:
            after = ("rated", last_rating.rated_at)
        at = check_event_date(at=at or timezone.now(), event="closed", field="on", after=after)
    PROPOSAL_WORKFLOW.perform(record=proposal, move=move, by=by, note=note, at=at)
    if move in {"refuse", "close"}:
        notify_signers(proposal, STEP_NOTICES[move], move, body=note)
    return proposal
