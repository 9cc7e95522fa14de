"""Merging a duplicate suggestion into another, and splitting one that mixes matters; the part
of a proposal's page that links it to the others and offers the staff's actions on it."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from congress.forms import form_add_service_error
from congress.views_mixins import ServiceFormMixin

from .. import forms, permissions, services
from ..selectors import (
    merge_targets,
    proposal_get_for_user,
    proposal_relations,
    public_preview,
)


def staff_tools_context(*, proposal, user) -> dict:
    """The proposal page's part about merges, splits and publication
    (templates/proposals/partials/_merge_split.html): the proposals this one is linked to (one
    query), the staff's actions on it this user may take now, and what the public page shows,
    or will show once published, of it where the user may publish it (two queries more)."""
    can_publish = permissions.may_publish(user=user, proposal=proposal)
    public_item = None
    if can_publish and proposal.status in permissions.PUBLIC_STATES:
        public_item = public_preview(proposal=proposal)
    return {
        "tools": {
            **proposal_relations(proposal=proposal, user=user),
            "can_merge": permissions.may_merge(user=user, proposal=proposal),
            "can_split": permissions.may_split(user=user, proposal=proposal),
            "can_publish": can_publish,
            "public_item": public_item,
        }
    }


class ProposalMixin:
    """A proposal the user may read, in a state this page acts on; otherwise back to its
    page with the reason."""

    @cached_property
    def proposal(self):
        return proposal_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def refusal(self, proposal) -> str:
        """Why this page does not act on the proposal now; empty when it does."""
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        # After PermissionRequiredMixin's check (it comes first in the view's bases).
        refusal = self.refusal(self.proposal)
        if refusal:
            messages.error(request, refusal)
            return redirect("proposals:detail", self.proposal.pk)
        return super().dispatch(request, *args, **kwargs)


class ProposalMergeView(PermissionRequiredMixin, ProposalMixin, ServiceFormMixin, FormView):
    """Staff merge a duplicate suggestion into the one that goes on."""

    permission_required = "proposals.assign_proposal"
    template_name = "proposals/proposal_merge.html"
    form_class = forms.MergeForm

    def refusal(self, proposal):
        return permissions.merge_refusal(proposal)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "targets": merge_targets(user=self.request.user, proposal=self.proposal),
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "proposal": self.proposal}

    def perform(self, form):
        return services.proposal_merge(
            proposal=self.proposal,
            into=form.cleaned_data["into"],
            note=form.cleaned_data["note"],
            by=self.request.user,
        )

    def get_success_message(self, proposal):
        return _("“%(title)s” merged into “%(target)s”; its signers have been told.") % {
            "title": proposal.title,
            "target": proposal.merged_into.title,
        }

    def get_success_url(self, proposal):
        return reverse("proposals:detail", args=[proposal.merged_into_id])


class ProposalSplitView(PermissionRequiredMixin, ProposalMixin, View):
    """Staff split a submitted proposal that mixes matters into two or more new ones."""

    permission_required = "proposals.assign_proposal"
    template_name = "proposals/proposal_split.html"

    def refusal(self, proposal):
        return permissions.split_refusal(proposal)

    def parts(self) -> int:
        try:
            wanted = int(self.request.GET.get("parts", 2))
        except ValueError:
            wanted = 2
        return min(max(wanted, 2), forms.SPLIT_MAX_PARTS)

    def render_page(self, formset, note_form):
        return render(
            self.request,
            self.template_name,
            {
                "proposal": self.proposal,
                "formset": formset,
                "note_form": note_form,
                "part_choices": range(2, forms.SPLIT_MAX_PARTS + 1),
            },
        )

    def get(self, request, pk):
        proposal = self.proposal
        first = {"title": proposal.title, "content": proposal.content}
        first["solution"] = proposal.solution
        initial = [first] + [{} for _n in range(self.parts() - 1)]
        return self.render_page(forms.SplitFormSet(initial=initial), forms.SplitNoteForm())

    def post(self, request, pk):
        formset = forms.SplitFormSet(request.POST)
        note_form = forms.SplitNoteForm(request.POST)
        if formset.is_valid() and note_form.is_valid():
            parts = [services.SplitPart(**form.cleaned_data) for form in formset.forms]
            try:
                made = services.proposal_split(
                    proposal=self.proposal,
                    parts=parts,
                    note=note_form.cleaned_data["note"],
                    by=request.user,
                )
            except ValidationError as error:
                form_add_service_error(note_form, error)
            else:
                messages.success(
                    request,
                    _("“%(title)s” split into %(n)s new proposals, each to be registered.")
                    % {"title": self.proposal.title, "n": len(made)},
                )
                return redirect("proposals:detail", pk)
        return self.render_page(formset, note_form)
