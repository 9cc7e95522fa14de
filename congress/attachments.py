"""Attachments: the photos and documents that activities, agenda items, oversight actions,
proposals and answers carry. One rule for what may be attached and one form to attach it, so
that a province's limit is one change."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from .validators import validate_upload

# Photos and documents, at most 10 MB each.
ALLOWED_ATTACHMENT_EXTENSIONS = ["jpg", "jpeg", "png", "pdf", "doc", "docx", "xls", "xlsx"]
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def validate_attachment(upload) -> None:
    """One of the allowed types, at most MAX_ATTACHMENT_BYTES, its content what its name says."""
    validate_upload(upload, allowed=ALLOWED_ATTACHMENT_EXTENSIONS, max_bytes=MAX_ATTACHMENT_BYTES)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("photo or document"),
        help_text=_("JPG, PNG, PDF, Word or Excel, at most 10 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in ALLOWED_ATTACHMENT_EXTENSIONS)}
        ),
    )


IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png"})


class AttachedFile(models.Model):
    """A record holding one uploaded `file`, a photo or a document: named by the file's own
    name, shown in the page when it is a photo (`is_image`), downloaded otherwise. Abstract and
    without a field of its own, so a model taking it gains no column and no migration."""

    file: models.FileField

    class Meta:
        abstract = True

    def __str__(self):
        return self.file.name.rsplit("/", 1)[-1]

    @property
    def is_image(self) -> bool:
        return self.file.name.lower().rsplit(".", 1)[-1] in IMAGE_EXTENSIONS
