"""The proposal pages: thin views over proposals.services and proposals.selectors."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from congress.pagination import BoundedPaginator
from congress.views_mixins import (
    CreateOnceMixin,
    MoveStep,
    ServiceFormMixin,
    TownshipMixin,
    WorkflowMoveView,
    messages_add_errors,
)
from deputies.mixins import OwnDeputyMixin
from deputies.selectors import deputy_for_user, voter_contact_get_for_user

from .. import forms, permissions, services
from ..filters import ProposalFilter
from ..selectors import (
    own_signature,
    proposal_date_corrections,
    proposal_detail,
    proposal_get_for_user,
    proposal_list_for_user,
)
from ..selectors.stats import may_read_statistics
from ..services.dates import day_moment
from ..workflow import ASSIGN_MOVES, PROPOSAL_WORKFLOW, Status
from .deadlines import deadline_panel_context
from .deputy import attachments_context, draft_submit, signing_context
from .merging import staff_tools_context


class ProposalListView(PermissionRequiredMixin, ListView):
    permission_required = "proposals.view_proposal"
    template_name = "proposals/proposal_list.html"
    context_object_name = "proposals"
    paginate_by = 50
    paginator_class = BoundedPaginator

    @cached_property
    def filter(self):
        return ProposalFilter(
            self.request.GET or None,
            queryset=proposal_list_for_user(user=self.request.user),
            request=self.request,
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
            "may_read_statistics": may_read_statistics(self.request.user),
        }


class ProposalDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "proposals.view_proposal"
    template_name = "proposals/proposal_detail.html"
    context_object_name = "proposal"

    def get_object(self, queryset=None):
        return proposal_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        proposal = self.object
        context.update(proposal_detail(proposal=proposal, user=user))
        context.update(attachments_context(proposal=proposal, user=user))
        context.update(deadline_panel_context(proposal=proposal, user=user))
        context.update(staff_tools_context(proposal=proposal, user=user))
        context["moves"] = [
            {
                "move": move,
                "form": MOVES[move.name].form(move=move, proposal=proposal, user=user),
                "url": reverse("proposals:move", args=[proposal.pk, move.name]),
            }
            for move in ProposalMoveView.moves_for(user=user, record=proposal)
        ]
        if permissions.may_add_cosigner_rating(user=user, proposal=proposal):
            rate = PROPOSAL_WORKFLOW.move("rate")
            context["moves"].append(
                {
                    "move": rate,
                    "form": MOVES["rate"].form(move=rate, proposal=proposal, user=user),
                    "url": reverse("proposals:move", args=[proposal.pk, "rate"]),
                }
            )
        context["can_correct_dates"] = permissions.handles(user=user, proposal=proposal)
        context["date_corrections"] = proposal_date_corrections(proposal=proposal)
        context["can_edit"] = permissions.may_edit_draft(user=user, proposal=proposal)
        context.update(signing_context(proposal=proposal, user=user, signers=context["signers"]))
        return context


class ProposalCreateView(PermissionRequiredMixin, TownshipMixin, CreateOnceMixin, FormView):
    """A deputy starts a draft of their own; staff enter a paper proposal as submitted."""

    permission_required = "proposals.add_proposal"
    template_name = "proposals/proposal_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.own_deputy = None
        user = request.user
        if user.has_perm(self.permission_required) and not permissions.enters_paper_records(
            user=user, township_id=user.township_id
        ):
            self.own_deputy = deputy_for_user(user=user)
            if self.own_deputy is None:
                messages.error(request, _("Your account is not linked to a deputy record yet."))
                return redirect("home")
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return forms.DraftForm if self.own_deputy else forms.PaperForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "township": self.township}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "paper": self.own_deputy is None}

    def perform(self, form):
        data = dict(form.cleaned_data)
        if self.own_deputy is not None:
            return services.proposal_draft_save(
                deputy=self.own_deputy, by=self.request.user, **data
            )
        return services.proposal_submit(
            deputy=data.pop("deputy"),
            cosigners=list(data.pop("cosigners")),
            submitted_at=day_moment(data.pop("submitted_on")),
            submitted_by=self.request.user,
            **data,
        )

    def get_success_message(self, proposal):
        if proposal.status == Status.DRAFT:
            return _("Draft “%(title)s” saved. Ask co-signers if you wish, then submit it.") % {
                "title": proposal.title
            }
        return _("Proposal “%(title)s” submitted.") % {"title": proposal.title}

    def get_success_url(self, proposal):
        return reverse("proposals:detail", args=[proposal.pk])


class ProposalEditView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    """The lead deputy changes their draft."""

    permission_required = "proposals.add_proposal"
    template_name = "proposals/proposal_form.html"
    form_class = forms.DraftForm
    success_message = _("Draft saved.")

    @cached_property
    def proposal(self):
        proposal = proposal_get_for_user(user=self.request.user, pk=self.kwargs["pk"])
        if not permissions.is_lead_deputy(user=self.request.user, proposal=proposal):
            raise Http404
        return proposal

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "township": self.proposal.township,
            "instance": self.proposal,
        }

    def perform(self, form):
        return services.proposal_draft_save(
            deputy=self.proposal.deputy,
            by=self.request.user,
            proposal=self.proposal,
            **form.cleaned_data,
        )

    def get_success_url(self, proposal):
        return reverse("proposals:detail", args=[proposal.pk])


class InviteView(PermissionRequiredMixin, View):
    """The lead deputy asks co-signers (POST from the draft's page)."""

    permission_required = "proposals.add_proposal"
    http_method_names = ["post"]

    def post(self, request, pk):
        proposal = proposal_get_for_user(user=request.user, pk=pk)
        if not permissions.is_lead_deputy(user=request.user, proposal=proposal):
            raise Http404
        form = forms.InviteForm(request.POST, proposal=proposal)
        if form.is_valid():
            try:
                invited = services.proposal_cosigners_invite(
                    proposal=proposal,
                    deputies=list(form.cleaned_data["deputies"]),
                    by=request.user,
                    confirm_by=form.cleaned_data["confirm_by"],
                )
            except ValidationError as error:
                messages_add_errors(request, error)
            else:
                messages.success(
                    request, _("%(n)s deputies asked to co-sign.") % {"n": len(invited)}
                )
        else:
            messages.error(request, _("Choose the deputies to ask."))
        return redirect("proposals:detail", pk)


class CosignView(PermissionRequiredMixin, View):
    """A co-signer confirms or declines (POST)."""

    permission_required = "proposals.view_proposal"
    http_method_names = ["post"]

    def post(self, request, pk):
        proposal = proposal_get_for_user(user=request.user, pk=pk)
        signer = own_signature(proposal=proposal, user=request.user)
        if signer is None:
            raise Http404
        confirm = request.POST.get("answer") == "confirm"
        try:
            services.proposal_cosign(signer=signer, by=request.user, confirm=confirm)
        except ValidationError as error:
            messages_add_errors(request, error)
        else:
            messages.success(
                request, _("Your signature is confirmed.") if confirm else _("You declined.")
            )
        return redirect("proposals:detail", pk)


def _submit(view, proposal, data):
    return draft_submit(request=view.request, proposal=proposal)


def _register(view, proposal, data):
    return services.proposal_register(
        proposal=proposal,
        by=view.request.user,
        field=data["field"],
        is_key=data["is_key"],
        lead_member=data["lead_member"],
        as_suggestion=data.get("as_suggestion", False),
        note=data["note"],
        at=day_moment(data.get("on")),
    )


def _assign(view, proposal, data):
    return services.proposal_assign(
        proposal=proposal,
        unit=data["unit"],
        co_units=list(data["co_units"]),
        meeting=data["meeting"],
        assigned_on=data["assigned_on"],
        hard=data["hard"],
        deadline=data["deadline"],
        note=data["note"],
        by=view.request.user,
    )


def _answer(view, proposal, data):
    services.proposal_answer(
        proposal=proposal,
        by=view.request.user,
        category=data["category"],
        text=data["text"],
        contact_person=data["contact_person"],
        met_on=data["met_on"],
        at=day_moment(data.get("answered_on")),
    )
    return proposal


def _send_back(view, proposal, data):
    return services.proposal_return_answer(
        proposal=proposal, by=view.request.user, note=data["note"], at=day_moment(data.get("on"))
    )


def _rate(view, proposal, data):
    services.proposal_rate(
        proposal=proposal,
        by=view.request.user,
        attitude=data["attitude"],
        result=data["result"],
        reasons=data["reasons"],
        on_behalf_of=data.get("deputy"),
        at=day_moment(data.get("rated_on")),
    )
    proposal.refresh_from_db()
    return proposal


def _with_note(view, proposal, data):
    return services.proposal_move(
        proposal=proposal,
        move=view.move.name,
        by=view.request.user,
        note=data.get("note", ""),
        at=day_moment(data.get("on")),
    )


# The moves the move page makes: each one's form and service. The rate form serves both ways
# a rating can go (so "rate_unsatisfied" is not here); merging has its own page.
MOVES = {
    "submit": MoveStep(forms.NoteForm, _submit),
    "withdraw": MoveStep(forms.NoteForm, _with_note),
    "register": MoveStep(forms.RegisterForm, _register),
    "refuse": MoveStep(forms.NoteForm, _with_note),
    "assign": MoveStep(forms.AssignForm, _assign),
    "reassign": MoveStep(forms.AssignForm, _assign),
    "answer": MoveStep(forms.AnswerForm, _answer),
    "send_back": MoveStep(forms.NoteForm, _send_back),
    "rate": MoveStep(forms.RateForm, _rate),
    "close": MoveStep(forms.NoteForm, _with_note),
}


class ProposalMoveView(PermissionRequiredMixin, WorkflowMoveView):
    """One move of the handling workflow that this user may make on this proposal, with the
    form it needs. The workflow says which moves exist and who may make them."""

    permission_required = "proposals.view_proposal"
    template_name = "proposals/proposal_move.html"
    workflow = PROPOSAL_WORKFLOW
    moves = MOVES
    context_object_name = "proposal"

    def get_record(self):
        return proposal_get_for_user(user=self.request.user, pk=self.kwargs[self.record_kwarg])

    def get_move_form_kwargs(self):
        return {"proposal": self.record, "user": self.request.user}

    def get_success_message(self, proposal):
        if self.move.name in ASSIGN_MOVES:
            return _("Proposal assigned to %(unit)s, answer due %(due)s.") % {
                "unit": proposal.handling_unit,
                "due": proposal.due_date,
            }
        if self.move.name == "register":
            return _("Registered as %(number)s.") % {"number": proposal.number_label}
        return _("Proposal is now %(status)s.") % {"status": proposal.get_status_display()}

    def get_success_url(self, proposal):
        return reverse("proposals:detail", args=[proposal.pk])


class ProposalFromVoterContactView(OwnDeputyMixin, CreateOnceMixin, FormView):
    """A deputy turns what voters raised into their proposal, submitted at once."""

    template_name = "proposals/proposal_from_voter_contact.html"
    form_class = forms.DraftForm

    @cached_property
    def contact(self):
        return voter_contact_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_initial(self):
        return {"content": self.contact.raised, "kind": "suggestion"}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "township": self.deputy.township}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "contact": self.contact}

    def perform(self, form):
        return services.proposal_from_voter_contact(
            contact=self.contact, submitted_by=self.request.user, **form.cleaned_data
        )

    def get_success_message(self, proposal):
        return _("Proposal “%(title)s” submitted.") % {"title": proposal.title}

    def get_success_url(self, proposal):
        return reverse("proposals:detail", args=[proposal.pk])
