from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView

from congress.files import protected_file_response
from congress.forms import add_submission_token
from congress.views_mixins import CreateOnceMixin, TownshipMixin

from .forms import ReportRequestForm
from .selectors import report_get_for_user, report_list_for_user
from .services import report_request


class ReportListView(PermissionRequiredMixin, ListView):
    permission_required = "reports.view_report"
    template_name = "reports/report_list.html"
    context_object_name = "reports"
    paginate_by = 50

    def get_queryset(self):
        return report_list_for_user(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.has_perm("reports.add_report"):
            context["form"] = add_submission_token(ReportRequestForm())
        return context


class ReportRequestView(PermissionRequiredMixin, TownshipMixin, CreateOnceMixin, FormView):
    permission_required = "reports.add_report"
    template_name = "reports/report_form.html"
    form_class = ReportRequestForm
    success_url = reverse_lazy("reports:list")

    def perform(self, form):
        return report_request(
            township=self.township,
            year=form.cleaned_data["year"],
            requested_by=self.request.user,
        )

    def get_success_message(self, report):
        return _("The report is being generated; it appears below when ready.")


class ReportDownloadView(PermissionRequiredMixin, View):
    permission_required = "reports.view_report"

    def get(self, request, pk):
        report = report_get_for_user(user=request.user, pk=pk)
        if not report.is_ready:
            raise Http404(_("This report is not ready."))
        filename = _("%(township)s %(year)s annual work statistics.pdf") % {
            "township": report.township.name,
            "year": report.year,
        }
        return protected_file_response(report.file, filename=filename)
