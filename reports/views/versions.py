"""A version's page (the editor), its heading, its workflow moves, regeneration, the next
version and its PDF."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from congress.files import protected_file_response
from congress.views_mixins import (
    MoveStep,
    ServiceActionView,
    ServiceFormMixin,
    WorkflowMoveView,
)

from .. import services
from ..forms import MoveForm, SectionAddForm, VersionForm
from ..printing import warm_up_soon
from ..selectors import (
    latest_render,
    reads_every_township,
    version_get_for_user,
    version_page,
)
from ..workflow import VERSION_WORKFLOW
from .common import EDIT, DraftOnlyMixin, version_filename, version_url

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
            for move in VersionMoveView.moves_for(user=user, record=version)
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


class VersionActionView(PermissionRequiredMixin, ServiceActionView):
    """A button on the version page: one service on the version, then back to its page (or
    where the result is) with a message; a refusal goes back to the version's page."""

    permission_required = EDIT

    def target(self):
        return version_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_success_url(self, version, result) -> str:
        return version_url(version)

    def get_error_url(self, version) -> str:
        return version_url(version)


class VersionRegenerateView(VersionActionView):
    def act(self, version):
        return services.version_regenerate(version=version, by=self.request.user)

    def get_success_message(self, version):
        waiting = version.sections.exclude(proposed_body="").count()
        return _(
            "Generated again from the records: %(changes)d figures changed, %(waiting)d edited "
            "sections have a new text waiting for you."
        ) % {"changes": len(version.data_changes), "waiting": waiting}

    def get_success_url(self, version, result):
        return version_url(version) + "#changes"


class VersionNextView(VersionActionView):
    permission_required = "reports.add_reportversion"

    def act(self, version):
        return services.version_start_next(version=version, by=self.request.user)

    def get_success_message(self, following):
        return _("Version %(number)d started from the final one.") % {"number": following.number}

    def get_success_url(self, version, following):
        return version_url(following)


class VersionRenderView(VersionActionView):
    permission_required = "reports.add_report"

    def act(self, version):
        return services.render_request(version=version, requested_by=self.request.user)

    def get_success_url(self, version, render):
        return reverse("reports:render", args=[render.pk])


def _version_move(view, version, data):
    return services.version_move(
        version=version, move=view.move.name, by=view.request.user, note=data["note"]
    )


# Every move of a version (submit, return with a note, approve) takes the note form and the
# same service.
MOVES = {move.name: MoveStep(MoveForm, _version_move) for move in VERSION_WORKFLOW.moves}


class VersionMoveView(PermissionRequiredMixin, WorkflowMoveView):
    """One move of the version's workflow (submit, return with a note, approve), for a user
    allowed to make it."""

    permission_required = "reports.view_reportversion"
    template_name = "reports/version_move.html"
    workflow = VERSION_WORKFLOW
    moves = MOVES
    move_kwarg = "version_move"
    context_object_name = "version"

    def get_record(self):
        return version_get_for_user(user=self.request.user, pk=self.kwargs[self.record_kwarg])

    def get_move_form_kwargs(self):
        return {"prefix": self.move.name}

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
