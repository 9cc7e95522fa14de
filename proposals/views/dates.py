"""Correcting the date of a proposal's events: one page per proposal, for the township's
staff (a submission, a registration, an assignment or an answer entered with a wrong day)."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView

from congress.views_mixins import ServiceFormMixin

from .. import forms, permissions
from ..selectors import proposal_date_corrections, proposal_get_for_user
from ..services.dates import proposal_date_correct, proposal_dated_events


class ProposalDatesView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    """The proposal's dated events and the corrections made so far; the form corrects one."""

    permission_required = "proposals.assign_proposal"
    template_name = "proposals/proposal_dates.html"
    form_class = forms.DateCorrectionForm

    @cached_property
    def proposal(self):
        proposal = proposal_get_for_user(user=self.request.user, pk=self.kwargs["pk"])
        if not permissions.handles(user=self.request.user, proposal=proposal):
            raise Http404
        return proposal

    @cached_property
    def events(self):
        return proposal_dated_events(proposal=self.proposal)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "events": self.events}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "proposal": self.proposal,
            "events": self.events,
            "corrections": proposal_date_corrections(proposal=self.proposal),
        }

    def perform(self, form):
        data = form.cleaned_data
        return proposal_date_correct(
            proposal=self.proposal,
            event=data["event"],
            day=data["day"],
            by=self.request.user,
            reason=data["reason"],
        )

    def get_success_message(self, correction):
        return _("The %(event)s date is corrected: %(old)s → %(new)s.") % {
            "event": correction.get_event_display(),
            "old": timezone.localdate(correction.old_at).isoformat(),
            "new": timezone.localdate(correction.new_at).isoformat(),
        }

    def get_success_url(self, correction):
        return reverse("proposals:dates", args=[self.proposal.pk])
