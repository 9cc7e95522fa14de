"""Attachments: the photos and documents that activities, agenda items, oversight actions,
proposals and answers carry. One rule for what may be attached and one form to attach it, so
that a province's limit is one change."""

from django import forms
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
