"""A deputy's own pages, made for a phone: profile, activities, record, voter contacts."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from congress.views_mixins import CreateOnceMixin, ServiceFormMixin, YearMixin

from ..forms import SelfServiceForm, VoterContactForm
from ..mixins import OwnDeputyMixin
from ..selectors import (
    activity_list_for_user,
    performance_for_deputy,
    reports_to_voters_for_user,
    voter_contacts_for_user,
)
from ..services import (
    SELF_SERVICE_FIELDS,
    deputy_update,
    voter_contact_record,
)


class MyProfileView(OwnDeputyMixin, YearMixin, TemplateView):
    template_name = "deputies/me.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "year": self.year,
            "record": performance_for_deputy(deputy=self.deputy, year=self.year),
            "activities": activity_list_for_user(user=user)[:20],
            "voter_contacts": voter_contacts_for_user(user=user)[:20],
            "reports": reports_to_voters_for_user(user=user)[:10],
        }


class MyProfileEditView(OwnDeputyMixin, ServiceFormMixin, FormView):
    template_name = "deputies/me_edit.html"
    form_class = SelfServiceForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.deputy}

    def perform(self, form):
        return deputy_update(deputy=self.deputy, fields=SELF_SERVICE_FIELDS, **form.cleaned_data)

    def get_success_message(self, deputy):
        return _("Your contact details are saved.")

    def get_success_url(self, deputy):
        return reverse("deputies:me")


class MyVoterContactView(OwnDeputyMixin, CreateOnceMixin, FormView):
    template_name = "deputies/me_voter_contact.html"
    form_class = VoterContactForm

    def perform(self, form):
        return voter_contact_record(deputy=self.deputy, **form.cleaned_data)

    def get_success_message(self, contact):
        return _("Contact with voters recorded.")

    def get_success_url(self, contact):
        return reverse("deputies:me")
