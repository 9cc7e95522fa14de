import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from congress.pdf import render_pdf

from ..drafting.base import report_language
from ..models import Report, ReportVersion
from ..printing import document_html, document_pdf, printed_document
from ..selectors import annual_stats

logger = logging.getLogger(__name__)

FIRST_YEAR = 1980


@transaction.atomic
def render_request(*, version: ReportVersion, requested_by) -> Report:
    """Queue the PDF of a version. A final version's PDF is made once and kept: asking again
    returns the rendering that made it (or is making it)."""
    # Locked, so that of two requests at once (two app servers) the second waits for the
    # first to commit its rendering and then finds it, rather than queueing another.
    version = ReportVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_final:
        # Only a rendering of the final text: one made while it was a draft may differ.
        approved = version.status_changes.filter(to_status=version.state).latest("changed_at")
        existing = (
            version.renders.exclude(state=Report.State.FAILED)
            .filter(requested_at__gte=approved.changed_at)
            .order_by("requested_at", "pk")
            .first()
        )
        if existing is not None:
            return existing
    report = Report.objects.create(
        township=version.report.township,
        year=version.report.year,
        kind=Report.Kind.VERSION,
        version=version,
        requested_by=requested_by,
    )
    transaction.on_commit(lambda: _enqueue_render(report.pk))
    return report


def _progress(report: Report, percent: int) -> None:
    # An update, not a save: the page polling it reads it; the history need not.
    Report.objects.filter(pk=report.pk).update(progress=percent)


def version_pdf(version: ReportVersion, *, on_progress=None) -> bytes:
    """A version's PDF in the GB/T 9704 layout, in Chinese whatever the requester's language."""
    step = on_progress or (lambda percent: None)
    with translation.override(report_language(version.report.township)):
        html = document_html(printed_document(version))
    step(20)
    return document_pdf(html, on_progress=step)


def _render_version(report: Report) -> bytes:
    version = ReportVersion.objects.select_related("report__township").get(pk=report.version_id)
    if version.is_final and version.pdf:
        with version.pdf.open("rb") as kept:
            return kept.read()
    pdf = version_pdf(version, on_progress=lambda percent: _progress(report, percent))
    if version.is_final:
        return _version_keep_pdf(version_id=version.pk, pdf=pdf)
    return pdf


@transaction.atomic
def _version_keep_pdf(*, version_id: int, pdf: bytes) -> bytes:
    """Keep a final version's PDF unless another rendering kept one while this one was laid
    out (two workers at once): the first kept stays, and the PDF returned is always the kept
    one, so every download of the version is the same file."""
    version = ReportVersion.objects.select_for_update().get(pk=version_id)
    if version.pdf:
        with version.pdf.open("rb") as kept:
            return kept.read()
    version.pdf.save(
        f"work-report-{version.report_id}-v{version.number}.pdf", ContentFile(pdf), save=False
    )
    version.save(update_fields=["pdf"])
    return pdf


def _enqueue_render(report_id: int) -> None:
    from ..tasks import render_report

    try:
        render_report.delay(report_id)
    except OperationalError:
        logger.exception("Task broker unreachable; report %s not queued", report_id)
        _mark_failed(
            report_id, _("The background task queue is unreachable. Please try again later.")
        )


def report_render(*, report_id: int) -> Report:
    """Render a queued report to PDF and attach it. A failure raises: the task retries it and
    marks the report failed only after its last try (see reports.tasks)."""
    report = Report.objects.select_related("township").get(pk=report_id)
    if report.state == Report.State.DONE:
        return report  # the same task delivered twice
    if report.version_id:
        pdf = _render_version(report)
        name = f"work-report-{report.version_id}.pdf"
    else:
        stats = annual_stats(township=report.township, year=report.year)
        # The printed report goes to the county in Chinese whatever the requester's language.
        with translation.override(report_language(report.township)):
            pdf = render_pdf(
                template_name="reports/annual_stats_pdf.html",
                context={"stats": stats, "generated_at": timezone.localtime()},
            )
        name = f"annual-stats-{report.township_id}-{report.year}.pdf"
    return _report_finish(report_id=report.pk, pdf=pdf, name=name)


@transaction.atomic
def _report_finish(*, report_id: int, pdf: bytes, name: str) -> Report:
    # Locked: the same task run twice at once (a message delivered again to another worker)
    # keeps the first file and does not write a second.
    report = Report.objects.select_for_update().get(pk=report_id)
    if report.state == Report.State.DONE:
        return report
    report.file.save(name, ContentFile(pdf), save=False)
    report.progress = 100
    report.state = Report.State.DONE
    report.error = ""
    report.finished_at = timezone.now()
    report.save(update_fields=["file", "progress", "state", "error", "finished_at"])
    return report


def report_mark_failed(*, report_id: int, error: str) -> None:
    """Record that a report could not be made, with the reason a user can read."""
    logger.error("Report %s failed: %s", report_id, error)
    _mark_failed(report_id, error)


@transaction.atomic
def _mark_failed(report_id: int, error: str) -> None:
    # Saved, not updated in bulk, so that the report's history shows the failure.
    report = Report.objects.select_for_update().filter(pk=report_id).first()
    if report is None or report.state == Report.State.DONE:
        return
    report.state = Report.State.FAILED
    report.error = error
    report.finished_at = timezone.now()
    report.save(update_fields=["state", "error", "finished_at"])
