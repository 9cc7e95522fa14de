"""Who may act on a proposal, its signatures, its assignments and its answers: each rule once.

`congress.scoping` says who may see a row, and a role's Django permission what the role may do
at all; this module says on which rows a user may act: the deputy who leads a proposal, the
deputies who signed it, the unit it is assigned to as lead (主办) or as co-unit (协办), the
staff of its township. Each rule is a plain function of the user and the record, which
services call to refuse and pages to offer; where a list or a queue needs a rule, the same
rule is here as a Q expression. The workflow's moves (`allowed`) ask here too.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from congress.roles import Role

from .models import Answer, Assignment, Proposal, ProposalSigner
from .workflow import Status

# Staff enter on a deputy's or a unit's behalf what reached them on paper: a proposal, an
# answer, a rating form.
ON_BEHALF = "proposals.submit_on_behalf"
# Staff register, assign, merge and split proposals.
HANDLE = "proposals.assign_proposal"
PUBLISH = "proposals.change_proposal"
DECIDE_EXTENSION = "proposals.change_deadlineextension"

# A duplicate is merged while submitted or registered (the workflow's "merge" sources) into a
# proposal still being handled; one already answered has been rated (or is being rated) by its
# own signers.
MERGEABLE_STATES = (Status.SUBMITTED, Status.REGISTERED)
MERGE_TARGET_STATES = (Status.SUBMITTED, Status.REGISTERED, Status.ASSIGNED)
# Only a submitted proposal, not yet numbered, is split (proposals.services.proposal_split).
SPLITTABLE_STATES = (Status.SUBMITTED,)
# Answered, rated or closed: what may be shown with its answer (代表法 Art 58).
PUBLIC_STATES = (Status.ANSWERED, Status.RATED, Status.CLOSED)


# ------------------------------------------------------------------------ who the user is


def is_township_staff(*, user, township_id: int | None, permission: str) -> bool:
    """Holds `permission` and works in the record's township: staff act on their own
    township's records only (the permission alone would reach every township's)."""
    return township_id is not None and user.township_id == township_id and user.has_perm(permission)


def enters_paper_records(*, user, township_id: int | None) -> bool:
    """Staff of the township, who enter a paper proposal, answer or rating form on the
    deputy's or the unit's behalf."""
    return is_township_staff(user=user, township_id=township_id, permission=ON_BEHALF)


def is_deputy(*, user, deputy) -> bool:
    """The user is this deputy's own account."""
    return deputy is not None and user.pk is not None and deputy.user_id == user.pk


def is_lead_deputy(*, user, proposal: Proposal) -> bool:
    """The deputy who leads the proposal (领衔), in person: not a co-signer, not staff."""
    return proposal.deputy_id is not None and is_deputy(user=user, deputy=proposal.deputy)


def works_for_unit(*, user, unit_id: int | None) -> bool:
    """A handling unit's own user: other roles act for no unit, whatever unit they hold."""
    return user.role == Role.UNIT and unit_id is not None and user.unit_id == unit_id


def own_unit_q(user, prefix: str = "") -> Q:
    """works_for_unit as a filter: the rows whose unit (through `prefix`) is the user's own;
    none for a user who is no unit's."""
    if user.role != Role.UNIT or user.unit_id is None:
        return Q(pk__in=[])
    return Q(**{f"{prefix}unit_id": user.unit_id})


def lead_unit_q(user, prefix: str = "") -> Q:
    """The assignments (through `prefix`) that make the user's unit the lead unit."""
    return own_unit_q(user, prefix) & Q(**{f"{prefix}role": Assignment.Role.LEAD})


def is_lead_unit(*, user, proposal: Proposal) -> bool:
    """A user of the unit the proposal is assigned to as lead (主办), not a co-unit's: one
    query, none for another role."""
    if user.role != Role.UNIT:
        return False
    return proposal.assignments.filter(lead_unit_q(user)).exists()


def signed_q(prefix: str = "") -> Q:
    """The signers (through `prefix`) who signed it: the lead, and each co-signer who confirmed
    and did not decline. They follow it and rate its answer; one still asked does not."""
    return (Q(**{f"{prefix}is_lead": True}) | Q(**{f"{prefix}confirmed_at__isnull": False})) & Q(
        **{f"{prefix}declined_at__isnull": True}
    )


def has_signed(signer: ProposalSigner) -> bool:
    """signed_q for one signer already read."""
    return (signer.is_lead or signer.confirmed_at is not None) and signer.declined_at is None


# ------------------------------------------------------------------------ drafting and signing


def may_write_for(*, user, deputy) -> bool:
    """A deputy writes proposals in their own name; staff of the deputy's township enter a
    paper one on the deputy's behalf."""
    return is_deputy(user=user, deputy=deputy) or enters_paper_records(
        user=user, township_id=deputy.township_id
    )


def may_edit_draft(*, user, proposal: Proposal) -> bool:
    """The deputy who leads a draft changes it and attaches files to it; once submitted, it is
    as sent."""
    return proposal.status == Status.DRAFT and is_lead_deputy(user=user, proposal=proposal)


def may_submit(*, user, proposal: Proposal) -> bool:
    """The lead deputy submits their draft; staff of the township submit the paper ones they
    enter."""
    return is_lead_deputy(user=user, proposal=proposal) or enters_paper_records(
        user=user, township_id=proposal.township_id
    )


def may_withdraw(*, user, proposal: Proposal) -> bool:
    """A draft is withdrawn by the deputy who leads it, no one else."""
    return is_lead_deputy(user=user, proposal=proposal)


def may_confirm_signature(*, user, signer: ProposalSigner) -> bool:
    """A co-signer confirms or declines their own signature, no one else."""
    return is_deputy(user=user, deputy=signer.deputy)


def awaits_signature(*, user, signer: ProposalSigner) -> bool:
    """This is the user's own co-signature, not yet confirmed: the proposal's page asks them
    to confirm or decline it."""
    return (
        not signer.is_lead
        and signer.confirmed_at is None
        and may_confirm_signature(user=user, signer=signer)
    )


# ------------------------------------------------------------------------ answers and ratings


def may_answer(*, user, proposal: Proposal) -> bool:
    """The lead unit answers (a co-unit sends it its view); staff of the township enter a
    paper answer on its behalf."""
    return enters_paper_records(user=user, township_id=proposal.township_id) or is_lead_unit(
        user=user, proposal=proposal
    )


def may_rate(*, user, proposal: Proposal) -> bool:
    """A deputy who signed it (signed_q) rates the handling; staff of the township enter a
    paper rating form on a signer's behalf."""
    if enters_paper_records(user=user, township_id=proposal.township_id):
        return True
    return user.pk is not None and proposal.signers.filter(signed_q(), deputy__user=user).exists()


def may_add_cosigner_rating(*, user, proposal: Proposal) -> bool:
    """Once the lead deputy's rating has rated the item, a co-signer who has not rated its
    answer may still add theirs (kept and shown, not the item's), or staff enter their paper
    form; not where every signer rates (Township.all_signers_rate: all rated before it is)."""
    if proposal.status != Status.RATED or proposal.township.all_signers_rate:
        return False
    answer_id = _current_answer_id(proposal)
    unrated = proposal.signers.filter(signed_q(), is_lead=False).exclude(
        deputy__ratings__answer_id=answer_id
    )
    if enters_paper_records(user=user, township_id=proposal.township_id):
        return unrated.exists()
    return user.pk is not None and unrated.filter(deputy__user=user).exists()


def _current_answer_id(proposal: Proposal) -> int | None:
    return (
        proposal.answers.filter(returned=False)
        .order_by("-answered_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )


def may_attach_to_answer(*, user, answer: Answer) -> bool:
    """The unit that gave an answer (or staff entering a paper answer for it) attaches files
    to it while the signers have it to rate: not to a returned answer, nor once rated."""
    proposal = answer.proposal
    if answer.returned or proposal.status != Status.ANSWERED:
        return False
    its_unit = works_for_unit(user=user, unit_id=answer.unit_id)
    staff = enters_paper_records(user=user, township_id=proposal.township_id)
    return (its_unit or staff) and _current_answer_id(proposal) == answer.pk


# ------------------------------------------------------------------------ assignments


def may_request_extension(*, user, assignment: Assignment) -> bool:
    """A user of the lead unit asks for a later deadline; a co-unit follows the lead unit's."""
    return assignment.role == Assignment.Role.LEAD and works_for_unit(
        user=user, unit_id=assignment.unit_id
    )


def may_send_opinion(*, user, assignment: Assignment) -> bool:
    """A user of a co-unit sends the lead unit its view; the lead unit answers instead."""
    return assignment.role == Assignment.Role.CO and works_for_unit(
        user=user, unit_id=assignment.unit_id
    )


def may_decide_extension(*, user, proposal: Proposal) -> bool:
    """Staff of the proposal's township approve or refuse a later deadline."""
    return is_township_staff(
        user=user, township_id=proposal.township_id, permission=DECIDE_EXTENSION
    )


# ------------------------------------------------------------------------ the staff's actions


def handles(*, user, proposal: Proposal) -> bool:
    """Staff of the proposal's township, who register, assign, merge and split it."""
    return is_township_staff(user=user, township_id=proposal.township_id, permission=HANDLE)


def merge_refusal(proposal: Proposal) -> str:
    """Why this proposal cannot be merged into another now; empty when it can."""
    if proposal.kind != Proposal.Kind.SUGGESTION:
        return _("Only suggestions are merged; whether a motion is taken up is for the presidium.")
    if proposal.status not in MERGEABLE_STATES:
        return _("A proposal that is %(status)s cannot be merged into another.") % {
            "status": proposal.get_status_display()
        }
    return ""


def may_merge(*, user, proposal: Proposal) -> bool:
    """Staff of the township merge a duplicate suggestion, submitted or registered, into
    another."""
    return handles(user=user, proposal=proposal) and not merge_refusal(proposal)


def is_splittable(proposal: Proposal) -> bool:
    """Only a submitted proposal, not yet numbered, is split."""
    return proposal.status in SPLITTABLE_STATES


def split_refusal(proposal: Proposal) -> str:
    """Why this proposal cannot be split now; empty when it can."""
    if is_splittable(proposal):
        return ""
    return _(
        "A proposal that is %(status)s cannot be split: only a submitted one, before it "
        "is registered."
    ) % {"status": proposal.get_status_display()}


def may_split(*, user, proposal: Proposal) -> bool:
    """Staff of the township split a submitted proposal that mixes matters."""
    return handles(user=user, proposal=proposal) and is_splittable(proposal)


def publishes(*, user, proposal: Proposal) -> bool:
    """Staff of the proposal's township decide what its public page shows."""
    return is_township_staff(user=user, township_id=proposal.township_id, permission=PUBLISH)


def may_publish(*, user, proposal: Proposal) -> bool:
    """Staff of the township put an answered proposal on the public page, or take one off
    that is on it (one whose answer was sent back since included)."""
    return publishes(user=user, proposal=proposal) and (
        proposal.status in PUBLIC_STATES or proposal.published
    )
