"""Election supervision (村两委换届): the year's table of villages and stages observed."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from congress.views_mixins import CreateOnceMixin, TownshipMixin, YearMixin

from ..forms.elections import ObservationForm
from ..models import ElectionObservation
from ..selectors.elections import observation_get_for_user, observations_for_user
from ..services.elections import observation_create, observation_update


def _elections_url(year: int) -> str:
    return f"{reverse('oversight:elections')}?year={year}"


class ElectionListView(PermissionRequiredMixin, YearMixin, TemplateView):
    permission_required = "oversight.view_electionobservation"
    template_name = "oversight/elections/observation_list.html"

    def get_context_data(self, **kwargs):
        villages = observations_for_user(user=self.request.user, year=self.year)
        return {
            **super().get_context_data(**kwargs),
            "year": self.year,
            "stages": ElectionObservation.Stage,
            "villages": villages,
            "observed": [village for village in villages if village.observations],
        }


class ObservationFormMixin:
    template_name = "oversight/elections/observation_form.html"
    form_class = ObservationForm

    def get_success_url(self, observation):
        return _elections_url(observation.date.year)


class ObservationCreateView(
    PermissionRequiredMixin, TownshipMixin, ObservationFormMixin, CreateOnceMixin, FormView
):
    permission_required = "oversight.add_electionobservation"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "township": self.township}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": _("Record an election observation"),
            "cancel_url": reverse("oversight:elections"),
        }

    def perform(self, form):
        return observation_create(township=self.township, **form.cleaned_data)

    def get_success_message(self, observation):
        return _("Observation of %(village)s recorded.") % {"village": observation.village}


class ObservationEditView(PermissionRequiredMixin, ObservationFormMixin, CreateOnceMixin, FormView):
    permission_required = "oversight.change_electionobservation"
    submit_once = False

    @cached_property
    def observation(self):
        return observation_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": self.observation,
            "township": self.observation.township_id,
        }

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": _("Edit an election observation"),
            "observation": self.observation,
            "cancel_url": _elections_url(self.observation.date.year),
        }

    def perform(self, form):
        return observation_update(observation=self.observation, **form.cleaned_data)

    def get_success_message(self, observation):
        return _("Saved.")
