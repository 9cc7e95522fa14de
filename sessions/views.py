from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView

from congress.forms import form_add_service_error
from congress.views_mixins import ServiceFormMixin
from deputies.forms import AttendanceForm

from .forms import CongressSessionForm
from .models import SessionAttendance
from .selectors import session_attendance_rows, session_get_for_user, session_list_for_user
from .services import session_create, session_set_attendance


class SessionListView(PermissionRequiredMixin, ListView):
    permission_required = "congress_sessions.view_congresssession"
    template_name = "sessions/session_list.html"
    context_object_name = "sessions"
    paginate_by = 50

    def get_queryset(self):
        return session_list_for_user(user=self.request.user)


class SessionCreateView(PermissionRequiredMixin, FormView):
    permission_required = "congress_sessions.add_congresssession"
    template_name = "sessions/session_form.html"
    form_class = CongressSessionForm

    def form_valid(self, form):
        try:
            session = session_create(township=self.request.user.township, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Session “%(session)s” registered.") % {"session": session}
        )
        return redirect("sessions:list")


class SessionAttendanceView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    """Staff record who attended a session, who was excused and who stayed away."""

    permission_required = "congress_sessions.change_sessionattendance"
    template_name = "sessions/session_attendance.html"
    form_class = AttendanceForm

    @cached_property
    def session(self):
        return session_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "rows": session_attendance_rows(session=self.session),
            "choices": SessionAttendance.Status.choices,
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "session": self.session}

    def perform(self, form):
        return session_set_attendance(session=self.session, statuses=form.statuses())

    def get_success_message(self, result):
        return _("Attendance of %(session)s saved.") % {"session": self.session}

    def get_success_url(self, result):
        return reverse("sessions:list")
