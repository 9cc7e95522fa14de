"""Files attached to proposals and answers: the lead deputy's to their draft, the lead unit's
to its answer. Every file is type-, size- and content-checked like every attachment of the site
(congress.validators.validate_upload) and served only through a scoped view."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from congress.models import User
from congress.roles import Role
from congress.validators import validate_upload
from deputies.rules import ALLOWED_ATTACHMENT_EXTENSIONS, MAX_ATTACHMENT_BYTES

from ..models import Answer, AnswerAttachment, Proposal, ProposalAttachment
from ..workflow import Status


def may_attach_to_proposal(*, user, proposal: Proposal) -> bool:
    """The deputy who leads a draft attaches files to it; once submitted, it is as sent."""
    return (
        proposal.status == Status.DRAFT
        and proposal.deputy_id is not None
        and user.pk is not None
        and proposal.deputy.user_id == user.pk
    )


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
    its_unit = user.role == Role.UNIT and user.unit_id == answer.unit_id
    staff = user.has_perm("proposals.submit_on_behalf") and user.township_id == proposal.township_id
    return (its_unit or staff) and _current_answer_id(proposal) == answer.pk


def _check_upload(upload: UploadedFile) -> None:
    try:
        validate_upload(
            upload, allowed=ALLOWED_ATTACHMENT_EXTENSIONS, max_bytes=MAX_ATTACHMENT_BYTES
        )
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None


@transaction.atomic
def proposal_attach(*, proposal: Proposal, upload: UploadedFile, by: User) -> ProposalAttachment:
    """Attach a file (PDF, Word, Excel, a photo; at most MAX_ATTACHMENT_BYTES, its content what
    its name says) to a draft, by the deputy who leads it."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not may_attach_to_proposal(user=by, proposal=locked):
        raise ValidationError(_("Only the deputy who leads a draft attaches files to it."))
    _check_upload(upload)
    attachment = ProposalAttachment(proposal=locked, uploaded_by=by)
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def answer_attach(*, answer: Answer, upload: UploadedFile, by: User) -> AnswerAttachment:
    """Attach a file (same types and size as every attachment) to an answer, by the unit that
    gave it, while the signers have it to rate."""
    # Locked as a workflow step locks it: the state checked here holds until the commit.
    proposal = Proposal.objects.select_for_update().get(pk=answer.proposal_id)
    answer = Answer.objects.get(pk=answer.pk)
    answer.proposal = proposal
    if not may_attach_to_answer(user=by, answer=answer):
        raise ValidationError(
            _("Only the unit that answered attaches files to its answer, before it is rated.")
        )
    _check_upload(upload)
    attachment = AnswerAttachment(answer=answer)
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    return attachment
