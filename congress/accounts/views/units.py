"""A township's handling units, which its staff keep."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView

from ...models import Unit
from ...services import unit_save
from ...views_mixins import ListWithAddFormMixin, ServiceFormMixin, TownshipMixin
from ..forms import UnitEditForm, UnitForm
from ..selectors import unit_get_for_user, units_for_user


class UnitListView(
    PermissionRequiredMixin, TownshipMixin, ListWithAddFormMixin, ServiceFormMixin, FormView
):
    """The township's handling units, with a form to add one."""

    permission_required = "congress.view_unit"
    add_permission = "congress.add_unit"
    template_name = "congress/accounts/unit_list.html"
    form_class = UnitForm

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "units": units_for_user(user=self.request.user),
        }

    def perform(self, form):
        return unit_save(township=self.township, **form.cleaned_data)

    def get_success_message(self, unit):
        return _("Handling unit %(name)s saved.") % {"name": unit.name}

    def get_success_url(self, unit):
        return reverse("township:units")


class UnitUpdateView(PermissionRequiredMixin, TownshipMixin, ServiceFormMixin, FormView):
    """Rename a unit, change its kind, deactivate or reactivate it."""

    permission_required = "congress.change_unit"
    template_name = "congress/accounts/unit_form.html"
    form_class = UnitEditForm

    @cached_property
    def unit(self) -> Unit:
        return unit_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.unit}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "unit": self.unit}

    def perform(self, form):
        # The form's instance already holds the new values; the service checks and saves.
        return unit_save(township=self.township, instance=self.unit, **form.cleaned_data)

    def get_success_message(self, unit):
        return _("Handling unit %(name)s saved.") % {"name": unit.name}

    def get_success_url(self, unit):
        return reverse("township:units")
