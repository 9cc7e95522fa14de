from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView

from congress.roles import Role
from congress.views_mixins import ServiceFormMixin
from deputies.selectors import deputy_for_user

from .forms import ProposalAssignForm, ProposalForm
from .selectors import proposal_get_for_user, proposal_list_for_user, proposal_status_changes
from .services import proposal_assign, proposal_submit


class ProposalListView(PermissionRequiredMixin, ListView):
    permission_required = "proposals.view_proposal"
    template_name = "proposals/proposal_list.html"
    context_object_name = "proposals"
    paginate_by = 50

    def get_queryset(self):
        return proposal_list_for_user(user=self.request.user)


class ProposalDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "proposals.view_proposal"
    template_name = "proposals/proposal_detail.html"
    context_object_name = "proposal"

    def get_object(self, queryset=None):
        return proposal_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status_changes"] = proposal_status_changes(proposal=self.object)
        if self.request.user.has_perm("proposals.assign_proposal"):
            context["assign_form"] = ProposalAssignForm(township=self.object.township)
        return context


class ProposalCreateView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    permission_required = "proposals.add_proposal"
    template_name = "proposals/proposal_form.html"
    form_class = ProposalForm

    def dispatch(self, request, *args, **kwargs):
        self.own_deputy = None
        if request.user.is_authenticated and request.user.role == Role.DEPUTY:
            self.own_deputy = deputy_for_user(user=request.user)
            if self.own_deputy is None:
                messages.error(request, _("Your account is not linked to a deputy record yet."))
                return redirect("home")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "township": self.request.user.township,
            "deputy": self.own_deputy,
        }

    def perform(self, form):
        data = dict(form.cleaned_data)
        deputy = self.own_deputy or data.pop("deputy")
        return proposal_submit(deputy=deputy, submitted_by=self.request.user, **data)

    def get_success_message(self, proposal):
        return _("Proposal “%(title)s” submitted.") % {"title": proposal.title}

    def get_success_url(self, proposal):
        return reverse("proposals:detail", args=[proposal.pk])


class ProposalAssignView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    permission_required = "proposals.assign_proposal"
    template_name = "proposals/proposal_assign.html"
    form_class = ProposalAssignForm

    @cached_property
    def proposal(self):
        return proposal_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "township": self.proposal.township}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "proposal": self.proposal}

    def perform(self, form):
        return proposal_assign(proposal=self.proposal, by=self.request.user, **form.cleaned_data)

    def get_success_message(self, proposal):
        return _("Proposal assigned to %(unit)s.") % {"unit": proposal.handling_unit}

    def get_success_url(self, proposal):
        return reverse("proposals:detail", args=[proposal.pk])
