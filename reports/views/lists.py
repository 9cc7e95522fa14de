"""The list of work reports (staff's township, or the county's final versions) and starting one."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from congress.forms import add_submission_token
from congress.views_mixins import CreateOnceMixin, TownshipMixin

from .. import services
from ..forms import WorkReportForm
from ..selectors import (
    final_versions_for_user,
    reads_every_township,
    statistics_sheets_for_user,
    work_report_list_for_user,
)
from ..workflow import VersionState
from .common import version_url

# ----------------------------------------------------------------------------- the list


class ReportListView(PermissionRequiredMixin, TemplateView):
    """Staff and members: their township's work reports by year and kind, each with its latest
    version's state, and (staff) the form to start one. County viewers: every township's
    final versions, to download."""

    permission_required = "reports.view_workreport"

    @cached_property
    def county(self) -> bool:
        return reads_every_township(self.request.user)

    def get_template_names(self):
        return ["reports/final_list.html" if self.county else "reports/report_list.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if self.county:
            context["versions"] = final_versions_for_user(user=user)
            return context
        state = self.request.GET.get("state", "")
        state = state if state in VersionState.values else ""
        reports = work_report_list_for_user(user=user, state=state)
        context.update(
            reports=reports,
            state=state,
            states=VersionState.choices,
            sheets=list(statistics_sheets_for_user(user=user)[:20]),
        )
        if user.has_perm("reports.add_workreport"):
            context["form"] = add_submission_token(WorkReportForm())
        return context


class WorkReportCreateView(PermissionRequiredMixin, TownshipMixin, CreateOnceMixin, FormView):
    """Start a report for a year (past years too): its first version is drafted at once."""

    permission_required = "reports.add_workreport"
    template_name = "reports/report_form.html"
    form_class = WorkReportForm

    def perform(self, form):
        return services.work_report_create(
            township=self.township,
            year=form.cleaned_data["year"],
            kind=form.cleaned_data["kind"],
            by=self.request.user,
        )

    def get_success_message(self, report):
        return _("The draft was generated from the year's records. Check and edit it below.")

    def get_success_url(self, report):
        return version_url(report.versions.order_by("-number").first())
