"""A session's agenda (议程): the reports it hears and reviews and its other items, with their
documents and outcomes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.attachments import AttachedFile
from congress.scoping import Scope
from congress.validators import validate_visible_text

from .sessions import CongressSession


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        REPORT = "report", _("Report heard and reviewed")  # 听取和审议报告
        ELECTION = "election", _("Election")  # 选举
        OTHER = "other", _("Other item")

    session = models.ForeignKey(
        CongressSession,
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("congress session"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REPORT)
    title = models.CharField(_("title"), max_length=200, validators=[validate_visible_text])
    presenter = models.CharField(
        _("presented by"),
        max_length=100,
        blank=True,
        validators=[validate_visible_text],
        help_text=_("Who delivers it, e.g. 镇长 张三."),
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=200,
        blank=True,
        validators=[validate_visible_text],
        help_text=_("e.g. 审议通过, 批准; empty until the session has dealt with it."),
    )

    history = HistoricalRecords()

    scope = Scope(township="session__township")

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


def agenda_document_path(instance, filename):
    return f"sessions/agenda/{instance.item_id}/{filename}"


class AgendaDocument(AttachedFile):
    """A document of an agenda item: the report's text, a draft resolution, a photo."""

    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("agenda item"),
    )
    file = models.FileField(_("file"), upload_to=agenda_document_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    scope = Scope(township="item__session__township")

    class Meta:
        verbose_name = _("agenda document")
        verbose_name_plural = _("agenda documents")
        ordering = ["pk"]
