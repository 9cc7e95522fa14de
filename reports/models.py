from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.models import Township
from congress.scoping import Scope
from congress.validators import validate_plain_text, validate_visible_text
from congress.workflow import StatusChange

from .workflow import VersionState


class Report(models.Model):
    """A generated report file: requested by a user, rendered in the background."""

    class Kind(models.TextChoices):
        ANNUAL_STATS = "annual_stats", _("Annual work statistics")
        VERSION = "version", _("Report version")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, related_name="reports", verbose_name=_("township")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.ANNUAL_STATS
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # A rendering of a work report's version (kind VERSION); empty for the statistics sheet.
    version = models.ForeignKey(
        "ReportVersion",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="renders",
        verbose_name=_("version"),
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    file = models.FileField(_("file"), upload_to="reports/%Y/", blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    history = HistoricalRecords()

    scope = Scope()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.township} {self.year} {self.get_kind_display()}"

    @property
    def is_ready(self) -> bool:
        """Rendered, with a file to download."""
        return self.state == self.State.DONE and bool(self.file)


class WorkReport(models.Model):
    """One document of a township's year: the presidium's work report, or a companion such as
    the proposal-handling report. Its text lives in versions (ReportVersion)."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Presidium annual work report")  # 人大主席团工作报告
        PROPOSALS = (
            "proposals",
            _("Report on the handling of deputies' proposals"),
        )  # 代表建议办理情况报告

    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, related_name="work_reports", verbose_name=_("township")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ANNUAL)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    scope = Scope()

    class Meta:
        verbose_name = _("work report")
        verbose_name_plural = _("work reports")
        ordering = ["-year", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "year", "kind"],
                name="work_report_once_per_year_and_kind",
                violation_error_message=_("This township already has this report for the year."),
            )
        ]

    def __str__(self):
        return f"{self.township} {self.year} {self.get_kind_display()}"


class ReportVersion(models.Model):
    """A version of a work report: a draft staff edit, under review by the presidium, or final.
    A final version is frozen (its sections, figures and PDF as they were); a new version
    starts as a copy of it. The state moves only through reports.workflow.VERSION_WORKFLOW."""

    report = models.ForeignKey(
        WorkReport, on_delete=models.CASCADE, related_name="versions", verbose_name=_("report")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    state = models.CharField(
        _("state"), max_length=20, choices=VersionState.choices, default=VersionState.DRAFT
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_visible_text])
    addressee = models.CharField(
        _("addressed to"),
        max_length=200,
        blank=True,
        validators=[validate_visible_text],
        help_text=_("The 主送 line, e.g. 县人大常委会."),
    )
    issuer = models.CharField(
        _("issued by"), max_length=200, blank=True, validators=[validate_visible_text]
    )
    issue_date = models.DateField(_("date of issue"), null=True, blank=True)
    # The figures the text quotes, as of the last generation: key -> {"value", "label", "url"}.
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    # What the last generation found changed in the data: [{"key", "label", "old", "new"}].
    data_changes = models.JSONField(_("changes in the data"), default=list, blank=True)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="reports/final/%Y/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["figures", "data_changes"])

    scope = Scope(township="report__township")

    class Meta:
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        ordering = ["report", "-number"]
        permissions = [("approve_reportversion", _("Can review and approve report versions"))]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"],
                name="report_version_number_once",
                violation_error_message=_("This report already has a version with this number."),
            )
        ]

    def __str__(self):
        return _("%(report)s, version %(number)s") % {"report": self.report, "number": self.number}

    @property
    def is_editable(self) -> bool:
        return self.state == VersionState.DRAFT

    @property
    def is_final(self) -> bool:
        return self.state == VersionState.FINAL


class VersionStatusChange(StatusChange):
    version = models.ForeignKey(
        ReportVersion,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("version"),
    )

    history = HistoricalRecords()

    scope = Scope(township="version__report__township")

    class Meta(StatusChange.Meta):
        verbose_name = _("report version status change")
        verbose_name_plural = _("report version status changes")


class ReportSection(models.Model):
    """A section of a version, in `position` order. Numbered sections take 一、二、… from their
    place among the numbered ones; the opening has no heading; next year's plan has a heading
    without a number. `body` is what prints: paragraphs, one per line, in which a figure taken
    from the records is written [value|key] (see reports.drafting.tokens). `generated_body` is
    the text the last generation wrote, so that a section staff have edited is told apart and
    never overwritten without asking; `proposed_body` holds a newer generated text waiting for
    staff to accept it."""

    class Heading(models.TextChoices):
        NUMBERED = "numbered", _("Numbered heading")
        PLAIN = "plain", _("Heading without a number")
        NONE = "none", _("No heading")

    version = models.ForeignKey(
        ReportVersion, on_delete=models.CASCADE, related_name="sections", verbose_name=_("version")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    key = models.CharField(
        _("generated from"),
        max_length=40,
        blank=True,
        help_text=_("The standard section this one is generated from; empty for one staff added."),
    )
    heading = models.CharField(
        _("heading"), max_length=10, choices=Heading.choices, default=Heading.NUMBERED
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, validators=[validate_visible_text]
    )
    body = models.TextField(_("text"), blank=True, validators=[validate_plain_text])
    generated_body = models.TextField(_("generated text"), blank=True)
    proposed_body = models.TextField(_("newly generated text"), blank=True)
    # Statistics tables and charts the generator drew from the data: see reports.drafting.
    blocks = models.JSONField(_("tables and charts"), default=list, blank=True)

    history = HistoricalRecords(excluded_fields=["generated_body", "proposed_body", "blocks"])

    scope = Scope(township="version__report__township")

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        ordering = ["version", "position", "pk"]

    def __str__(self):
        return self.title or self.get_heading_display()

    @property
    def is_edited(self) -> bool:
        """Staff changed the text since it was generated."""
        return bool(self.key) and self.body != self.generated_body

    @property
    def has_proposal(self) -> bool:
        return bool(self.proposed_body) and self.proposed_body != self.body
