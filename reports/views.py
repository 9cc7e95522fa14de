"""The work report pages: the list (staff's township reports, or the county's final versions),
the version page where staff edit and the presidium approves, the PDF's progress and download.
Thin views over reports.services and reports.selectors; a service's ValidationError becomes a
message or a form error, never a 500."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from congress.files import protected_file_response
from congress.forms import add_submission_token
from congress.views_mixins import CreateOnceMixin, ServiceFormMixin, TownshipMixin

from . import services
from .forms import MoveForm, SectionAddForm, SectionForm, VersionForm, WorkReportForm
from .models import Report, ReportVersion, WorkReport
from .printing import warm_up_soon
from .selectors import (
    final_versions_for_user,
    latest_render,
    reads_every_township,
    report_get_for_user,
    section_get_for_user,
    standard_sections_missing,
    statistics_sheets_for_user,
    version_get_for_user,
    version_page,
    work_report_list_for_user,
)
from .workflow import VERSION_WORKFLOW, VersionState

# The document's name in a download's file name, in the document's language (as its text).
FILE_KINDS = {
    WorkReport.Kind.ANNUAL: "人大主席团工作报告",
    WorkReport.Kind.PROPOSALS: "代表建议办理情况报告",
}
NOT_A_DRAFT = gettext_lazy("Only a draft can be changed: this version is %(state)s.")
EDIT = "reports.change_reportversion"


def version_filename(version: ReportVersion) -> str:
    """练溪镇2024年人大主席团工作报告（第1版）.pdf"""
    report = version.report
    return (
        f"{report.township.name}{report.year}年{FILE_KINDS.get(report.kind, '')}"
        f"（第{version.number}版）.pdf"
    )


def error_text(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


def version_url(version_or_pk) -> str:
    pk = getattr(version_or_pk, "pk", version_or_pk)
    return reverse("reports:version", args=[pk])


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


# ----------------------------------------------------------------------------- a version


class VersionDetailView(PermissionRequiredMixin, TemplateView):
    """The editor: the version's heading, each section's preview with its figures linked to
    their records, the forms to edit a draft, the workflow's moves and the history."""

    permission_required = "reports.view_reportversion"
    template_name = "reports/version_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        page = version_page(user=user, pk=self.kwargs["pk"])
        version = page.version
        if settings.CELERY_TASK_ALWAYS_EAGER:
            warm_up_soon()  # this process prints the PDF the user may ask for next
        editable = version.is_editable and user.has_perm(EDIT)
        moves = [
            {
                "move": move,
                "form": MoveForm(move=move, prefix=move.name),
                "url": reverse("reports:version_move", args=[version.pk, move.name]),
            }
            for move in VERSION_WORKFLOW.moves_for(user=user, record=version)
        ]
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "version": version,
            "report": version.report,
            "editable": editable,
            "links": not reads_every_township(user),  # the county may not open the records
            "version_form": VersionForm(instance=version) if editable else None,
            "add_form": SectionAddForm(missing=page.missing_standard) if editable else None,
            "moves": moves,
            "proposals": [view for view in page.sections if view.section.has_proposal],
            "render": latest_render(version=version)
            if user.has_perm("reports.view_report")
            else None,
            "may_render": user.has_perm("reports.add_report"),
            "may_start_next": version.is_final
            and user.has_perm("reports.add_reportversion")
            and page.versions
            and page.versions[0].pk == version.pk,
        }


class DraftOnlyMixin:
    """Pages that change a draft: a version under review or final sends the user back to its
    page with a message (the services refuse the change anyway)."""

    def draft_version(self) -> ReportVersion:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            version = self.draft_version()  # 404 for a version the user may not read
            if not version.is_editable:
                messages.error(request, NOT_A_DRAFT % {"state": version.get_state_display()})
                return redirect(version_url(version))
        return super().dispatch(request, *args, **kwargs)


class VersionEditView(PermissionRequiredMixin, DraftOnlyMixin, ServiceFormMixin, FormView):
    """The title, the 主送 line, the issuing body and the date."""

    permission_required = EDIT
    template_name = "reports/version_form.html"
    form_class = VersionForm
    success_message = gettext_lazy("Saved.")

    @cached_property
    def version(self):
        return version_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def draft_version(self):
        return self.version

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.version}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "version": self.version}

    def perform(self, form):
        data = form.cleaned_data
        return services.version_update(
            version=self.version,
            title=data["title"],
            addressee=data["addressee"],
            issuer=data["issuer"],
            issue_date=data["issue_date"],
        )

    def get_success_url(self, version):
        return version_url(version)


class VersionActionView(PermissionRequiredMixin, View):
    """A button on the version page: one service on the version, then back to its page with a
    message (the service's error in words when it refuses)."""

    permission_required = EDIT
    http_method_names = ["post"]

    def act(self, version):
        raise NotImplementedError

    def message(self, result) -> str:
        return ""

    def target(self, version, result) -> str:
        return version_url(version)

    def post(self, request, pk):
        version = version_get_for_user(user=request.user, pk=pk)
        try:
            result = self.act(version)
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect(version_url(version))
        if text := self.message(result):
            messages.success(request, text)
        return redirect(self.target(version, result))


class VersionRegenerateView(VersionActionView):
    def act(self, version):
        return services.version_regenerate(version=version, by=self.request.user)

    def message(self, version):
        waiting = version.sections.exclude(proposed_body="").count()
        return _(
            "Generated again from the records: %(changes)d figures changed, %(waiting)d edited "
            "sections have a new text waiting for you."
        ) % {"changes": len(version.data_changes), "waiting": waiting}

    def target(self, version, result):
        return version_url(version) + "#changes"


class VersionNextView(VersionActionView):
    permission_required = "reports.add_reportversion"

    def act(self, version):
        return services.version_start_next(version=version, by=self.request.user)

    def message(self, following):
        return _("Version %(number)d started from the final one.") % {"number": following.number}

    def target(self, version, following):
        return version_url(following)


class VersionRenderView(VersionActionView):
    permission_required = "reports.add_report"

    def act(self, version):
        return services.render_request(version=version, requested_by=self.request.user)

    def target(self, version, render):
        return reverse("reports:render", args=[render.pk])


class VersionMoveView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    """One move of the version's workflow (submit, return with a note, approve), for a user
    allowed to make it."""

    permission_required = "reports.view_reportversion"
    template_name = "reports/version_move.html"

    @cached_property
    def move(self):
        try:
            move = VERSION_WORKFLOW.move(self.kwargs["version_move"])
        except KeyError:
            raise Http404 from None
        if not self.request.user.has_perm(move.permission):
            raise PermissionDenied
        return move

    @cached_property
    def version(self):
        return version_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            self.move  # noqa: B018 - 404 or 403 before the version is looked at
            self.version  # noqa: B018 - 404 for a version the user may not read
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        data = self.request.POST if self.request.method == "POST" else None
        return MoveForm(data, move=self.move, prefix=self.move.name)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "version": self.version, "move": self.move}

    def perform(self, form):
        return services.version_move(
            version=self.version,
            move=self.move.name,
            by=self.request.user,
            note=form.cleaned_data["note"],
        )

    def get_success_message(self, version):
        return _("The version is now: %(state)s.") % {"state": version.get_state_display()}

    def get_success_url(self, version):
        return version_url(version)


class VersionPdfView(PermissionRequiredMixin, View):
    """A final version's PDF, as stored when it was approved (never rendered again). Before it
    is stored, or for a version not final, the version's page says what to do."""

    permission_required = "reports.view_reportversion"

    def get(self, request, pk):
        version = version_get_for_user(user=request.user, pk=pk)
        if version.is_final and version.pdf:
            return protected_file_response(version.pdf, filename=version_filename(version))
        render = latest_render(version=version) if version.is_final else None
        if render is not None and request.user.has_perm("reports.view_report"):
            messages.info(request, _("The PDF of this final version is being prepared."))
            return redirect("reports:render", render.pk)
        messages.info(request, _("Only a final version has a stored PDF; render this one."))
        return redirect(version_url(version))


# ----------------------------------------------------------------------------- sections


class SectionMixin(PermissionRequiredMixin, DraftOnlyMixin):
    permission_required = EDIT

    @cached_property
    def section(self):
        return section_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def draft_version(self):
        return self.section.version


class SectionEditView(SectionMixin, ServiceFormMixin, FormView):
    template_name = "reports/section_form.html"
    form_class = SectionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.section}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "section": self.section,
            "version": self.section.version,
        }

    def perform(self, form):
        data = form.cleaned_data
        return services.section_update(
            section=self.section, title=data["title"], heading=data["heading"], body=data["body"]
        )

    def get_success_message(self, section):
        return _("Section saved.")

    def get_success_url(self, section):
        return version_url(section.version_id) + f"#section-{section.pk}"


class SectionActionView(SectionMixin, View):
    http_method_names = ["post"]

    def act(self, section):
        raise NotImplementedError

    message = ""

    def target(self, section) -> str:
        return version_url(section.version_id) + f"#section-{section.pk}"

    def post(self, request, *args, **kwargs):
        section = self.section
        try:
            self.act(section)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            if self.message:
                messages.success(request, self.message)
        return redirect(self.target(section))


class SectionDeleteView(SectionActionView):
    """Delete a section (confirmed on the version page); the numbering of the sections after
    it follows. Its history keeps it; a standard section can be added back."""

    message = gettext_lazy("Section deleted.")

    def act(self, section):
        services.section_delete(section=section)

    def target(self, section):
        return version_url(section.version_id)


class SectionMoveView(SectionActionView):
    def dispatch(self, request, *args, **kwargs):
        if kwargs["direction"] not in {"up", "down"}:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def act(self, section):
        services.section_move(section=section, direction=self.kwargs["direction"])


class SectionAcceptView(SectionActionView):
    message = gettext_lazy("The newly generated text replaces yours.")

    def act(self, section):
        services.section_accept(section=section)


class SectionDismissView(SectionActionView):
    message = gettext_lazy("Your text is kept.")

    def act(self, section):
        services.section_dismiss(section=section)


class SectionAddView(PermissionRequiredMixin, DraftOnlyMixin, ServiceFormMixin, FormView):
    """A blank section at the end, or a standard one deleted earlier, drafted again."""

    permission_required = EDIT
    template_name = "reports/section_add.html"

    @cached_property
    def version(self):
        return version_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def draft_version(self):
        return self.version

    def get_form(self, form_class=None):
        data = self.request.POST if self.request.method == "POST" else None
        return SectionAddForm(data, missing=standard_sections_missing(self.version))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "version": self.version}

    def perform(self, form):
        data = form.cleaned_data
        return services.section_add(
            version=self.version,
            title=data["title"],
            heading=data["heading"],
            key=data["standard"],
        )

    def get_success_message(self, section):
        return _("Section added at the end; move it where it belongs.")

    def get_success_url(self, section):
        return version_url(section.version_id) + f"#section-{section.pk}"


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
