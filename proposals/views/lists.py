"""The lists staff keep for their township: proposal fields and the answer categories."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from congress.views_mixins import (
    CreateOnceMixin,
    ListWithAddFormMixin,
    ServiceFormMixin,
    TownshipMixin,
    messages_add_errors,
)

from .. import forms, services
from ..selectors import (
    answer_category_get_for_user,
    answer_category_list_for_user,
    proposal_field_get_for_user,
    proposal_field_list_for_user,
)


class ProposalFieldListView(
    PermissionRequiredMixin, TownshipMixin, ListWithAddFormMixin, CreateOnceMixin, FormView
):
    """The township's proposal fields in the order forms offer them, with a form to add one."""

    permission_required = "proposals.view_proposalfield"
    add_permission = "proposals.add_proposalfield"
    template_name = "proposals/field_list.html"
    form_class = forms.ProposalFieldForm
    success_url = reverse_lazy("proposals:fields")

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "fields": list(proposal_field_list_for_user(user=self.request.user)),
            "can_change": self.request.user.has_perm("proposals.change_proposalfield"),
        }

    def perform(self, form):
        return services.proposal_field_save(township=self.township, **form.cleaned_data)

    def get_success_message(self, field):
        return _("Field “%(name)s” added.") % {"name": field.name}

    def get_success_url(self, field):
        return self.success_url


class ProposalFieldEditView(PermissionRequiredMixin, TownshipMixin, ServiceFormMixin, FormView):
    """Rename a field, or mark it (not) in use."""

    permission_required = "proposals.change_proposalfield"
    template_name = "proposals/field_form.html"
    form_class = forms.ProposalFieldEditForm

    @cached_property
    def field(self):
        return proposal_field_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.field}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "field": self.field}

    def perform(self, form):
        return services.proposal_field_save(
            township=self.township, field=self.field, **form.cleaned_data
        )

    def get_success_message(self, field):
        return _("Field “%(name)s” saved.") % {"name": field.name}

    def get_success_url(self, field):
        return reverse("proposals:fields")


class ProposalFieldMoveView(PermissionRequiredMixin, TownshipMixin, View):
    """Move a field one place up or down the list (POST)."""

    permission_required = "proposals.change_proposalfield"
    http_method_names = ["post"]

    def post(self, request, pk):
        field = proposal_field_get_for_user(user=request.user, pk=pk)
        try:
            services.proposal_field_move(
                township=self.township, field=field, up=request.POST.get("direction") == "up"
            )
        except ValidationError as error:
            messages_add_errors(request, error)
        return redirect("proposals:fields")


class AnswerCategoryListView(PermissionRequiredMixin, TemplateView):
    """The answer categories (A to D) with the names the township gives them."""

    permission_required = "proposals.view_answercategory"
    template_name = "proposals/answercategory_list.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "categories": answer_category_list_for_user(user=self.request.user),
        }


class AnswerCategoryEditView(PermissionRequiredMixin, TownshipMixin, ServiceFormMixin, FormView):
    """Rename an answer category; its code stays."""

    permission_required = "proposals.change_answercategory"
    template_name = "proposals/answercategory_form.html"
    form_class = forms.AnswerCategoryForm

    @cached_property
    def category(self):
        return answer_category_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.category}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "category": self.category}

    def perform(self, form):
        return services.answer_category_rename(
            township=self.township, category=self.category, label=form.cleaned_data["label"]
        )

    def get_success_message(self, category):
        return _("Answer category %(code)s is now called “%(label)s”.") % {
            "code": category.code,
            "label": category.label,
        }

    def get_success_url(self, category):
        return reverse("proposals:answer_categories")
