"""The assignment meeting (交办会) pages: the meetings, one meeting with its batch of
proposals to hand out, and the assignment sheets (交办单) printed as one PDF."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import FormView

from congress.accounts.selectors import unit_choices
from congress.pdf import pdf_response
from congress.views_mixins import (
    CreateOnceMixin,
    ListWithAddFormMixin,
    ServiceFormMixin,
    TownshipMixin,
)

from .. import documents, forms, services
from ..selectors import (
    meeting_assignments,
    meeting_get_for_user,
    meeting_list_for_user,
    proposals_to_assign,
)


class MeetingListView(
    PermissionRequiredMixin, TownshipMixin, ListWithAddFormMixin, CreateOnceMixin, FormView
):
    """The township's assignment meetings, with a form to record one (any real date)."""

    permission_required = "proposals.view_assignmentmeeting"
    add_permission = "proposals.add_assignmentmeeting"
    template_name = "proposals/meeting_list.html"
    form_class = forms.MeetingForm

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "meetings": meeting_list_for_user(user=self.request.user),
        }

    def perform(self, form):
        return services.assignment_meeting_save(township=self.township, **form.cleaned_data)

    def get_success_message(self, meeting):
        return _("%(meeting)s recorded: choose the proposals to assign there.") % {
            "meeting": meeting
        }

    def get_success_url(self, meeting):
        return reverse("proposals:meeting", args=[meeting.pk])


class MeetingMixin:
    @cached_property
    def meeting(self):
        return meeting_get_for_user(user=self.request.user, pk=self.kwargs["pk"])


class MeetingDetailView(PermissionRequiredMixin, MeetingMixin, ServiceFormMixin, FormView):
    """A meeting: what was assigned there, and the township's registered proposals not yet
    assigned, to hand out in one batch (all or none)."""

    permission_required = "proposals.view_assignmentmeeting"
    template_name = "proposals/meeting_detail.html"

    @cached_property
    def can_assign(self) -> bool:
        return self.request.user.has_perm("proposals.assign_proposal")

    def post(self, request, *args, **kwargs):
        if not self.can_assign:
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_form(self, form_class=None):
        if not self.can_assign:
            return None
        kwargs = self.get_form_kwargs()
        proposals = proposals_to_assign(
            user=self.request.user,
            township=self.meeting.township_id,
            chosen=forms.MeetingAssignForm.chosen_ids(kwargs.get("data")),
        )
        return forms.MeetingAssignForm(
            **kwargs,
            proposals=proposals,
            units=list(unit_choices(township=self.meeting.township_id)),
        )

    def get_context_data(self, **kwargs):
        township, day = self.meeting.township, self.meeting.date
        return {
            **super().get_context_data(**kwargs),
            "meeting": self.meeting,
            "assigned": meeting_assignments(meeting=self.meeting),
            "default_deadline": services.answer_deadline(township=township, assigned_on=day),
            "hard_deadline": services.answer_deadline(
                township=township, assigned_on=day, hard=True
            ),
        }

    def perform(self, form):
        return services.meeting_assign(
            meeting=self.meeting, items=form.items(), by=self.request.user
        )

    def get_success_message(self, assigned):
        return ngettext(
            "%(n)s proposal assigned at this meeting.",
            "%(n)s proposals assigned at this meeting.",
            len(assigned),
        ) % {"n": len(assigned)}

    def get_success_url(self, assigned):
        return reverse("proposals:meeting", args=[self.meeting.pk])


class MeetingEditView(
    PermissionRequiredMixin, TownshipMixin, MeetingMixin, ServiceFormMixin, FormView
):
    """Correct a meeting's date (until something is assigned there), place or note."""

    permission_required = "proposals.change_assignmentmeeting"
    template_name = "proposals/meeting_form.html"
    form_class = forms.MeetingForm
    success_message = gettext_lazy("Meeting saved.")

    def get_initial(self):
        return {"date": self.meeting.date, "place": self.meeting.place, "note": self.meeting.note}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "meeting": self.meeting}

    def perform(self, form):
        return services.assignment_meeting_save(
            township=self.township, meeting=self.meeting, **form.cleaned_data
        )

    def get_success_url(self, meeting):
        return reverse("proposals:meeting", args=[meeting.pk])


class MeetingSheetsPdfView(PermissionRequiredMixin, MeetingMixin, View):
    """The assignment sheets of every proposal handed out at the meeting, one PDF."""

    permission_required = "proposals.view_assignmentmeeting"

    def get(self, request, pk):
        result = documents.meeting_sheets_pdf(meeting=self.meeting)
        if result is None:
            messages.error(request, _("Nothing has been assigned at this meeting yet."))
            return redirect("proposals:meeting", pk)
        pdf, filename = result
        return pdf_response(pdf, filename=filename)
