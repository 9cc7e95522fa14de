from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView

from congress.views_mixins import CreateOnceMixin, ServiceFormMixin, TownshipMixin
from deputies.selectors import deputy_for_user, voter_contact_get_for_user
from deputies.views.me import OwnDeputyMixin

from .filters import ProposalFilter
from .forms import MoveForm, ProposalAssignForm, ProposalForm
from .selectors import proposal_get_for_user, proposal_list_for_user, proposal_status_changes
from .services import proposal_assign, proposal_from_voter_contact, proposal_move, proposal_submit
from .workflow import ASSIGN_MOVES, PROPOSAL_WORKFLOW


class ProposalListView(PermissionRequiredMixin, ListView):
    permission_required = "proposals.view_proposal"
    template_name = "proposals/proposal_list.html"
    context_object_name = "proposals"
    paginate_by = 50

    @cached_property
    def filter(self):
        return ProposalFilter(
            self.request.GET or None, queryset=proposal_list_for_user(user=self.request.user)
        )

    def get_queryset(self):
        if self.filter.is_bound and not self.filter.is_valid():
            return self.filter.queryset.none()
        return self.filter.qs

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return {
            **super().get_context_data(**kwargs),
            "filter": self.filter,
            "query": query.urlencode(),
        }


def move_form(move, proposal, data=None):
    """The form a move needs: assigning names a unit, every other move takes a note."""
    if move.name in ASSIGN_MOVES:
        return ProposalAssignForm(data, move=move, township=proposal.township)
    return MoveForm(data, move=move)


class ProposalDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "proposals.view_proposal"
    template_name = "proposals/proposal_detail.html"
    context_object_name = "proposal"

    def get_object(self, queryset=None):
        return proposal_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status_changes"] = proposal_status_changes(proposal=self.object)
        context["moves"] = [
            {
                "move": move,
                "form": move_form(move, self.object),
                "url": reverse("proposals:move", args=[self.object.pk, move.name]),
            }
            for move in PROPOSAL_WORKFLOW.moves_for(user=self.request.user, record=self.object)
        ]
        return context


class ProposalCreateView(PermissionRequiredMixin, TownshipMixin, CreateOnceMixin, FormView):
    """A deputy submits their own proposal; staff register one on a deputy's behalf."""

    permission_required = "proposals.add_proposal"
    template_name = "proposals/proposal_form.html"
    form_class = ProposalForm

    def dispatch(self, request, *args, **kwargs):
        self.own_deputy = None
        user = request.user
        if user.has_perm(self.permission_required) and not user.has_perm(
            "proposals.submit_on_behalf"
        ):
            self.own_deputy = deputy_for_user(user=user)
            if self.own_deputy is None:
                messages.error(request, _("Your account is not linked to a deputy record yet."))
                return redirect("home")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "township": self.township, "deputy": self.own_deputy}

    def perform(self, form):
        data = dict(form.cleaned_data)
        deputy = self.own_deputy or data.pop("deputy")
        return proposal_submit(deputy=deputy, submitted_by=self.request.user, **data)

    def get_success_message(self, proposal):
        return _("Proposal “%(title)s” submitted.") % {"title": proposal.title}

    def get_success_url(self, proposal):
        return reverse("proposals:detail", args=[proposal.pk])


class ProposalMoveView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    """One move of the handling workflow that this user may make on this proposal: assign
    (naming the unit), answer, send back, close. The workflow says which moves exist."""

    permission_required = "proposals.view_proposal"
    template_name = "proposals/proposal_move.html"

    @cached_property
    def proposal(self):
        return proposal_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    @cached_property
    def move(self):
        try:
            move = PROPOSAL_WORKFLOW.move(self.kwargs["move"])
        except KeyError:
            raise Http404 from None
        if not self.request.user.has_perm(move.permission):
            raise PermissionDenied
        return move

    def get_form(self, form_class=None):
        data = self.request.POST if self.request.method == "POST" else None
        return move_form(self.move, self.proposal, data)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "proposal": self.proposal, "move": self.move}

    def perform(self, form):
        data = form.cleaned_data
        if self.move.name in ASSIGN_MOVES:
            return proposal_assign(
                proposal=self.proposal, unit=data["unit"], by=self.request.user, note=data["note"]
            )
        return proposal_move(
            proposal=self.proposal, move=self.move.name, by=self.request.user, note=data["note"]
        )

    def get_success_message(self, proposal):
        if self.move.name in ASSIGN_MOVES:
            return _("Proposal assigned to %(unit)s.") % {"unit": proposal.handling_unit}
        return _("Proposal is now %(status)s.") % {"status": proposal.get_status_display()}

    def get_success_url(self, proposal):
        return reverse("proposals:detail", args=[proposal.pk])


class ProposalFromVoterContactView(OwnDeputyMixin, CreateOnceMixin, FormView):
    """A deputy turns what voters raised into their proposal."""

    template_name = "proposals/proposal_from_voter_contact.html"
    form_class = ProposalForm

    @cached_property
    def contact(self):
        return voter_contact_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_initial(self):
        return {"content": self.contact.raised, "kind": "suggestion"}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "township": self.deputy.township,
            "deputy": self.deputy,
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "contact": self.contact}

    def perform(self, form):
        return proposal_from_voter_contact(
            contact=self.contact, submitted_by=self.request.user, **form.cleaned_data
        )

    def get_success_message(self, proposal):
        return _("Proposal “%(title)s” submitted.") % {"title": proposal.title}

    def get_success_url(self, proposal):
        return reverse("proposals:detail", args=[proposal.pk])
