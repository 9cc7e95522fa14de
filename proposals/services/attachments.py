"""Files attached to proposals and answers: the lead deputy's to their draft, the lead unit's
to its answer. Every file is type-, size- and content-checked like every attachment of the site
(congress.validators.validate_upload) and served only through a scoped view."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from congress.attachments import validate_attachment
from congress.models import User

from .. import permissions
from ..models import Answer, AnswerAttachment, Proposal, ProposalAttachment


def _check_upload(upload: UploadedFile) -> None:
    try:
        validate_attachment(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None


@transaction.atomic
def proposal_attach(*, proposal: Proposal, upload: UploadedFile, by: User) -> ProposalAttachment:
    """Attach a file (PDF, Word, Excel, a photo; at most MAX_ATTACHMENT_BYTES, its content what
    its name says) to a draft, by the deputy who leads it."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not permissions.may_edit_draft(user=by, proposal=locked):
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
    if not permissions.may_attach_to_answer(user=by, answer=answer):
        raise ValidationError(
            _("Only the unit that answered attaches files to its answer, before it is rated.")
        )
    _check_upload(upload)
    attachment = AnswerAttachment(answer=answer)
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    return attachment
