"""A session's agenda and the documents attached to each item."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from congress.attachments import validate_attachment
from congress.models import User

from ..models import AgendaDocument, AgendaItem, CongressSession


@transaction.atomic
def agenda_item_save(
    *,
    session: CongressSession,
    kind: str,
    title: str,
    presenter: str = "",
    outcome: str = "",
    order: int | None = None,
    item: AgendaItem | None = None,
) -> AgendaItem:
    """Add an item to the session's agenda (at the end unless `order` says), or change one."""
    if item is None:
        last = session.agenda_items.order_by("-order").values_list("order", flat=True).first()
        item = AgendaItem(session=session, order=(last or 0) + 1)
    elif item.session_id != session.pk:
        raise ValidationError(_("This item belongs to another session."))
    item.kind, item.title = kind, title.strip()
    item.presenter, item.outcome = presenter.strip(), outcome.strip()
    if order is not None:
        item.order = order
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem) -> None:
    """Remove an agenda item and its documents; votes that named it keep their record."""
    for document in item.documents.all():
        document.file.delete(save=False)
    item.delete()


@transaction.atomic
def agenda_document_attach(*, item: AgendaItem, upload: UploadedFile, by: User) -> AgendaDocument:
    """Attach a document (PDF, Word, Excel, a photo) to an agenda item: type, size and content
    checked the same way as every attachment."""
    validate_attachment(upload)
    document = AgendaDocument(item=item, uploaded_by=by)
    document.file.save(upload.name, upload, save=False)
    document.save()
    return document


@transaction.atomic
def agenda_document_delete(*, document: AgendaDocument) -> None:
    document.file.delete(save=False)
    document.delete()
