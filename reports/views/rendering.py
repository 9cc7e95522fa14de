"""A PDF's rendering: its progress page, its JSON for the page's script, the download."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from congress.files import protected_file_response

from ..models import Report
from ..selectors import (
    report_get_for_user,
)
from .common import version_filename

# ----------------------------------------------------------------------------- renderings


def render_status(render: Report) -> dict:
    return {
        "state": render.state,
        "state_label": str(render.get_state_display()),
        "progress": render.progress,
        "done": render.is_ready,
        "failed": render.state == Report.State.FAILED,
        "error": render.error,
        "download": reverse("reports:download", args=[render.pk]) if render.is_ready else "",
    }


class RenderView(PermissionRequiredMixin, TemplateView):
    """A PDF being rendered: its progress, polled by a few lines of script (the page reloads
    itself every few seconds without script), then the download."""

    permission_required = "reports.view_report"
    template_name = "reports/render_progress.html"

    def get_context_data(self, **kwargs):
        render = report_get_for_user(user=self.request.user, pk=self.kwargs["pk"])
        return {
            **super().get_context_data(**kwargs),
            "render": render,
            "status": render_status(render),
            "waiting": render.state == Report.State.QUEUED,
        }


class RenderProgressView(PermissionRequiredMixin, View):
    """The rendering's state as JSON, for the progress page's script."""

    permission_required = "reports.view_report"

    def get(self, request, pk):
        render = report_get_for_user(user=request.user, pk=pk)
        response = JsonResponse(render_status(render))
        response["Cache-Control"] = "no-store"
        return response


class ReportDownloadView(PermissionRequiredMixin, View):
    """A rendering's PDF: a version's (named after the report and version) or an annual
    statistics sheet made before the work report replaced it."""

    permission_required = "reports.view_report"

    def get(self, request, pk):
        report = report_get_for_user(user=request.user, pk=pk)
        if not report.is_ready:
            raise Http404(_("This report is not ready."))
        if report.version is not None:
            filename = version_filename(report.version)
        else:
            filename = _("%(township)s %(year)s annual work statistics.pdf") % {
                "township": report.township.name,
                "year": report.year,
            }
        return protected_file_response(report.file, filename=filename)
