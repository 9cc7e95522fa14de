"""Uploaded roster workbooks awaiting confirmation or imported."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.models import Township
from congress.scoping import Scope
from congress.validators import validate_visible_text


def roster_import_path(instance, filename):
    return f"deputies/imports/{instance.township_id}/{filename}"


class RosterImport(models.Model):
    """An uploaded roster workbook: read and checked once on upload, previewed from what was
    stored, then imported whole or not at all, or discarded."""

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        IMPORTED = "imported", _("Imported")
        DISCARDED = "discarded", _("Discarded")

    township = models.ForeignKey(
        Township,
        on_delete=models.CASCADE,
        related_name="roster_imports",
        verbose_name=_("township"),
    )
    file = models.FileField(_("file"), upload_to=roster_import_path, blank=True)
    original_name = models.CharField(
        _("file name"), max_length=200, validators=[validate_visible_text]
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    summary = models.CharField(_("summary"), max_length=200, blank=True)
    # The file's rows as read on upload, each with its cells as text, its errors and what
    # importing it would do (deputies.services.importing.ImportRow.as_json).
    rows = models.JSONField(_("checked rows"), default=list, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["rows"])

    scope = Scope()

    class Meta:
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.original_name
