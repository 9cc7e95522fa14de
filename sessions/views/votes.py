"""What a session votes on: resolutions and elections, an election's candidates and count."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from congress.forms import form_add_service_error
from congress.views_mixins import CreateOnceMixin, ServiceFormMixin

from .. import forms, selectors, services
from .common import SessionActionView


class VoteFormView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    """A resolution's or an election's form: its sitting must have a quorum."""

    template_name = "sessions/vote_form.html"
    record = None

    @cached_property
    def session(self):
        if self.record is not None:
            return self.record.session
        return selectors.session_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    @cached_property
    def sittings(self):
        return selectors.sitting_choices_with_quorum(session=self.session)

    def get_form_kwargs(self):
        kwargs = {
            **super().get_form_kwargs(),
            "session": self.session,
            "sittings": self.sittings,
        }
        if self.record is not None:
            kwargs["instance"] = self.record
        return kwargs

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "session": self.session,
            "title": self.title,
            "no_quorum": not self.sittings,
        }


class ResolutionFormView(VoteFormView):
    form_class = forms.ResolutionForm

    @property
    def title(self):
        return _("Resolution or decision")

    def perform(self, form):
        return services.resolution_record(
            session=self.session, resolution=self.record, **form.cleaned_data
        )

    def get_success_message(self, resolution):
        if resolution.adopted:
            return _("%(title)s: adopted with %(n)s votes for (more than half of %(all)s).") % {
                "title": resolution.title,
                "n": resolution.votes_for,
                "all": resolution.in_office,
            }
        return _(
            "%(title)s: not adopted; %(n)s votes for are not more than half of the %(all)s "
            "deputies in office."
        ) % {"title": resolution.title, "n": resolution.votes_for, "all": resolution.in_office}

    def get_success_url(self, resolution):
        return reverse("sessions:detail", args=[resolution.session_id])


class ResolutionAddView(CreateOnceMixin, ResolutionFormView):
    permission_required = "congress_sessions.add_resolution"


class ResolutionEditView(ResolutionFormView):
    permission_required = "congress_sessions.change_resolution"

    @cached_property
    def record(self):
        return selectors.resolution_get_for_user(user=self.request.user, pk=self.kwargs["pk"])


class ResolutionDeleteView(SessionActionView):
    permission_required = "congress_sessions.delete_resolution"
    success_message = gettext_lazy("Resolution removed.")

    def target(self):
        return selectors.resolution_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, resolution):
        services.resolution_delete(resolution=resolution)


class ElectionFormView(VoteFormView):
    form_class = forms.ElectionForm

    @property
    def title(self):
        return _("Election")

    def perform(self, form):
        return services.election_save(
            session=self.session, election=self.record, **form.cleaned_data
        )

    def get_success_url(self, election):
        return reverse("sessions:election", args=[election.pk])


class ElectionAddView(CreateOnceMixin, ElectionFormView):
    permission_required = "congress_sessions.add_election"


class ElectionEditView(ElectionFormView):
    permission_required = "congress_sessions.change_election"

    @cached_property
    def record(self):
        return selectors.election_get_for_user(user=self.request.user, pk=self.kwargs["pk"])


class ElectionDeleteView(SessionActionView):
    permission_required = "congress_sessions.delete_election"
    success_message = gettext_lazy("Election removed.")

    def target(self):
        return selectors.election_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, election):
        services.election_delete(election=election)


class ElectionView(PermissionRequiredMixin, TemplateView):
    """An election: its candidates and who nominated them, the count and the result; staff
    add candidates and record the count here."""

    permission_required = "congress_sessions.view_congresssession"
    template_name = "sessions/election_detail.html"

    @cached_property
    def election(self):
        return selectors.election_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def candidate_form(self, data=None):
        return forms.CandidateForm(
            data, deputies=selectors.election_deputy_choices(election=self.election)
        )

    def count_form(self, data=None):
        return forms.CountForm(data, election=self.election)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.election_detail(election=self.election))
        if self.request.user.has_perm("congress_sessions.change_election"):
            context.setdefault("candidate_form", self.candidate_form())
            if self.election.candidates.exists():
                context.setdefault("count_form", self.count_form())
        return context

    def post(self, request, pk):
        if not request.user.has_perm("congress_sessions.change_election"):
            return self.handle_no_permission()
        if "count" in request.POST:
            form = self.count_form(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    services.election_count(
                        election=self.election,
                        issued=data["ballots_issued"],
                        returned=data["ballots_returned"],
                        valid=data["ballots_valid"],
                        invalid=data["ballots_invalid"],
                        votes=form.votes(),
                    )
                except ValidationError as error:
                    form_add_service_error(form, error)
                else:
                    messages.success(request, _("Count recorded."))
                    return redirect("sessions:election", self.election.pk)
            return self.render_to_response(self.get_context_data(count_form=form))
        form = self.candidate_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                candidate = services.candidate_add(
                    election=self.election,
                    name=data["name"],
                    deputy=data["deputy"],
                    nominated_by=data["nominated_by"],
                    nominators=list(data["nominators"]),
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(
                    request, _("%(name)s is on the ballot.") % {"name": candidate.name}
                )
                return redirect("sessions:election", self.election.pk)
        return self.render_to_response(self.get_context_data(candidate_form=form))


class CandidateRemoveView(SessionActionView):
    permission_required = "congress_sessions.change_election"

    def target(self):
        return selectors.candidate_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, candidate):
        services.candidate_remove(candidate=candidate)
        return candidate

    def get_success_message(self, candidate):
        return _("%(name)s removed from the ballot.") % {"name": candidate.name}

    def get_success_url(self, candidate, result):
        return reverse("sessions:election", args=[candidate.election_id])
