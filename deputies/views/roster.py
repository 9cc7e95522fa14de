from urllib.parse import quote

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView

from congress.excel import XLSX_CONTENT_TYPE
from congress.files import protected_file_response
from congress.pagination import BoundedPaginator
from congress.validators import extension_of
from congress.views_mixins import (
    CreateOnceMixin,
    ListWithAddFormMixin,
    ServiceFormMixin,
    TownshipMixin,
    YearMixin,
)

from ..excel import roster_rows, write_workbook
from ..filters import RosterFilter
from ..forms import (
    ConstituencyForm,
    DeputyCreateForm,
    DeputyGroupForm,
    DeputyProfileForm,
    MandateAddForm,
    MandateForm,
)
from ..models import Constituency, DeputyGroup, Mandate
from ..rules import MIN_GROUP_SIZE
from ..selectors import (
    constituencies_with_size,
    deputy_get_for_user,
    deputy_groups_with_size,
    deputy_list_for_user,
    mandate_get_for_deputy,
    performance_for_deputy,
    roster_composition,
    roster_warnings_for,
    roster_workbook_options,
    township_record_get_for_user,
)
from ..services import (
    constituency_save,
    deputy_create,
    deputy_group_save,
    deputy_update,
    mandate_add,
    mandate_update,
)

PAGE_SIZE = 50


class RosterMixin(TownshipMixin):
    """The roster as the user may see it, narrowed by the filters in the query string."""

    @cached_property
    def roster_filter(self) -> RosterFilter:
        return RosterFilter(
            self.request.GET or None,
            queryset=deputy_list_for_user(user=self.request.user),
            township=self.township,
        )

    def filtered_roster(self):
        if self.roster_filter.is_bound and not self.roster_filter.is_valid():
            return self.roster_filter.queryset.none()
        return self.roster_filter.qs


class DeputyListView(PermissionRequiredMixin, RosterMixin, TemplateView):
    permission_required = "deputies.view_deputy"
    template_name = "deputies/deputy_list.html"

    def get_context_data(self, **kwargs):
        page = BoundedPaginator(self.filtered_roster(), PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        township = self.township
        return {
            **super().get_context_data(**kwargs),
            "filter": self.roster_filter,
            "page_obj": page,
            "deputies": page.object_list,
            "is_paginated": page.has_other_pages(),
            "paginator": page.paginator,
            "query": query.urlencode(),
            "roster_warnings": roster_warnings_for(township=township)
            if self.request.user.has_perm("deputies.view_private")
            else [],
        }


class RosterExportView(PermissionRequiredMixin, RosterMixin, View):
    permission_required = "deputies.view_private"

    def get(self, request):
        content = write_workbook(
            roster_rows(self.filtered_roster()),
            title=_("Roster"),
            options=roster_workbook_options(township=self.township),
        )
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        filename = _("roster-%(date)s.xlsx") % {"date": timezone.localdate().isoformat()}
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
        return response


class CompositionView(PermissionRequiredMixin, RosterMixin, TemplateView):
    permission_required = "deputies.view_deputy"
    template_name = "deputies/composition.html"

    def get_context_data(self, **kwargs):
        deputies = self.filtered_roster()
        return {
            **super().get_context_data(**kwargs),
            "filter": self.roster_filter,
            "total": deputies.count(),
            "composition": roster_composition(deputies),
        }


class DeputyCreateView(PermissionRequiredMixin, TownshipMixin, CreateOnceMixin, FormView):
    permission_required = "deputies.add_deputy"
    template_name = "deputies/deputy_form.html"
    form_class = DeputyCreateForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "township": self.township}

    def perform(self, form):
        return deputy_create(township=self.township, **form.cleaned_data)

    def get_success_message(self, deputy):
        return _("Deputy %(name)s added.") % {"name": deputy.name}

    def get_success_url(self, deputy):
        return reverse("deputies:detail", args=[deputy.pk])


class DeputyDetailView(PermissionRequiredMixin, YearMixin, DetailView):
    permission_required = "deputies.view_deputy"
    template_name = "deputies/deputy_detail.html"
    context_object_name = "deputy"

    def get_object(self, queryset=None):
        return deputy_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.has_perm("deputies.view_private"):
            context["year"] = self.year
            context["record"] = performance_for_deputy(deputy=self.object, year=self.year)
        return context


class DeputyPhotoView(View):
    """A deputy's photo, for whoever may read the deputy: staff and presidium members of the
    township, and the deputy themself."""

    def get(self, request, pk):
        deputy = deputy_get_for_user(user=request.user, pk=pk)
        filename = f"{deputy.name}.{extension_of(deputy.photo.name)}"
        return protected_file_response(deputy.photo, filename=filename, inline=True)


class DeputyUpdateView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    permission_required = "deputies.change_deputy"
    template_name = "deputies/deputy_form.html"
    form_class = DeputyProfileForm

    @cached_property
    def deputy(self):
        return deputy_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "township": self.deputy.township,
            "instance": self.deputy,
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "deputy": self.deputy}

    def perform(self, form):
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        return deputy_update(deputy=self.deputy, **changes)

    def get_success_message(self, deputy):
        return _("Changes to %(name)s saved.") % {"name": deputy.name}

    def get_success_url(self, deputy):
        return reverse("deputies:detail", args=[deputy.pk])


class MandateAddView(CreateOnceMixin, DeputyUpdateView):
    permission_required = "deputies.add_mandate"
    template_name = "deputies/mandate_form.html"
    form_class = MandateAddForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Mandate(deputy=self.deputy)
        return kwargs

    def perform(self, form):
        return mandate_add(deputy=self.deputy, **form.cleaned_data)

    def get_success_message(self, mandate):
        return _("Mandate added.")

    def get_success_url(self, mandate):
        return reverse("deputies:detail", args=[mandate.deputy_id])


class MandateUpdateView(MandateAddView):
    permission_required = "deputies.change_mandate"
    form_class = MandateForm
    submit_once = False  # an edit, not a create

    @cached_property
    def mandate(self):
        return mandate_get_for_deputy(deputy=self.deputy, pk=self.kwargs["mandate_pk"])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.mandate
        return kwargs

    def perform(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"level", "term"}}
        return mandate_update(mandate=self.mandate, **data)

    def get_success_message(self, mandate):
        return _("Mandate updated.")


class TownshipListFormView(
    PermissionRequiredMixin, TownshipMixin, ListWithAddFormMixin, CreateOnceMixin, FormView
):
    """A list of a township's constituencies or groups with a form to add one."""

    def get_success_url(self, result):
        return self.request.path


class ConstituencyListView(TownshipListFormView):
    permission_required = "deputies.view_constituency"
    add_permission = "deputies.add_constituency"
    template_name = "deputies/constituency_list.html"
    form_class = ConstituencyForm

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "constituencies": constituencies_with_size(township=self.township),
        }

    def perform(self, form):
        return constituency_save(township=self.township, **form.cleaned_data)

    def get_success_message(self, constituency):
        return _("Constituency %(name)s saved.") % {"name": constituency.name}


class DeputyGroupListView(TownshipListFormView):
    permission_required = "deputies.view_deputygroup"
    add_permission = "deputies.add_deputygroup"
    template_name = "deputies/group_list.html"
    form_class = DeputyGroupForm

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "groups": deputy_groups_with_size(township=self.township),
            "min_group_size": MIN_GROUP_SIZE,
        }

    def perform(self, form):
        return deputy_group_save(township=self.township, **form.cleaned_data)

    def get_success_message(self, group):
        return _("Deputy group %(name)s saved.") % {"name": group.name}


class TownshipRecordUpdateView(PermissionRequiredMixin, TownshipMixin, ServiceFormMixin, FormView):
    model = None
    service = None

    @cached_property
    def record(self):
        return township_record_get_for_user(
            user=self.request.user, model=self.model, pk=self.kwargs["pk"]
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.record}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "record": self.record,
            "cancel_url": self.get_success_url(self.record),
        }

    def perform(self, form):
        return self.service(township=self.township, instance=self.record, **form.cleaned_data)


class ConstituencyUpdateView(TownshipRecordUpdateView):
    permission_required = "deputies.change_constituency"
    template_name = "deputies/simple_form.html"
    form_class = ConstituencyForm
    model = Constituency
    service = staticmethod(constituency_save)

    def get_success_url(self, result):
        return reverse("deputies:constituencies")


class DeputyGroupUpdateView(TownshipRecordUpdateView):
    permission_required = "deputies.change_deputygroup"
    template_name = "deputies/simple_form.html"
    form_class = DeputyGroupForm
    model = DeputyGroup
    service = staticmethod(deputy_group_save)

    def get_success_url(self, result):
        return reverse("deputies:groups")
