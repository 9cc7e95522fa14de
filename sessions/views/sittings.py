"""A session's sittings (会议) and each sitting's roll call."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from congress.forms import AttendanceForm
from congress.views_mixins import ServiceFormMixin

from .. import forms, selectors, services
from .common import SessionActionView


class SittingAddView(SessionActionView):
    success_message = gettext_lazy("Sitting added.")

    def target(self):
        return selectors.session_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, session):
        form = forms.SittingForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(_("Enter the sitting's date."))
        services.sitting_add(session=session, **form.cleaned_data)


class SittingDeleteView(SessionActionView):
    success_message = gettext_lazy("Sitting removed.")

    def target(self):
        return selectors.sitting_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, sitting):
        services.sitting_delete(sitting=sitting)


class SittingRollView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    """Staff call the roll of a sitting: present, on approved leave, absent without leave."""

    permission_required = "congress_sessions.change_sittingattendance"
    template_name = "sessions/sitting_roll.html"
    form_class = AttendanceForm

    @cached_property
    def sitting(self):
        return selectors.sitting_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "rows": selectors.sitting_attendance_rows(sitting=self.sitting),
        }

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "sitting": self.sitting,
            "session": self.sitting.session,
            "quorum": selectors.sitting_quorum(sitting=self.sitting),
        }

    def perform(self, form):
        return services.sitting_set_attendance(
            sitting=self.sitting,
            statuses=form.statuses(),
            by=self.request.user,
            clear=form.cleaned_data["clear"],
        )

    def success_response(self, quorum):
        values = {
            "present": quorum.present,
            "in_office": quorum.in_office,
            "needed": quorum.needed,
        }
        if quorum.reached:
            messages.success(
                self.request,
                _(
                    "Roll saved: %(present)s of %(in_office)s deputies present, the quorum "
                    "(%(needed)s) is reached."
                )
                % values,
            )
        else:
            messages.warning(
                self.request,
                _(
                    "Roll saved: %(present)s of %(in_office)s deputies present, below the "
                    "quorum of %(needed)s. No vote can be recorded for this sitting."
                )
                % values,
            )
        return redirect("sessions:detail", self.sitting.session_id)
