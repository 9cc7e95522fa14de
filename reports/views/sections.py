"""A draft's sections: edit, move, delete, add, and take or dismiss newly generated text."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from congress.views_mixins import ServiceActionView, ServiceFormMixin

from .. import services
from ..forms import SectionAddForm, SectionForm
from ..selectors import (
    section_get_for_user,
    standard_sections_missing,
    version_get_for_user,
)
from .common import EDIT, DraftOnlyMixin, version_url

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


class SectionActionView(SectionMixin, ServiceActionView):
    """A button on one section of a draft: back to the section on the version's page."""

    def target(self):
        return self.section

    def get_success_url(self, section, result) -> str:
        return version_url(section.version_id) + f"#section-{section.pk}"


class SectionDeleteView(SectionActionView):
    """Delete a section (confirmed on the version page); the numbering of the sections after
    it follows. Its history keeps it; a standard section can be added back."""

    success_message = gettext_lazy("Section deleted.")

    def act(self, section):
        services.section_delete(section=section)

    def get_success_url(self, section, result):
        return version_url(section.version_id)


class SectionMoveView(SectionActionView):
    def dispatch(self, request, *args, **kwargs):
        if kwargs["direction"] not in {"up", "down"}:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def act(self, section):
        services.section_move(section=section, direction=self.kwargs["direction"])


class SectionAcceptView(SectionActionView):
    success_message = gettext_lazy("The newly generated text replaces yours.")

    def act(self, section):
        services.section_accept(section=section)


class SectionDismissView(SectionActionView):
    success_message = gettext_lazy("Your text is kept.")

    def act(self, section):
        services.section_dismiss(section=section)


class SectionRefreshView(SectionActionView):
    success_message = gettext_lazy("Your text is kept, with its figures brought up to the records.")

    def act(self, section):
        services.section_refresh_figures(section=section)


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
