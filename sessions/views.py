from django.contrib.auth.mixins import PermissionRequiredMixin
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView

from congress.forms import AttendanceForm
from congress.views_mixins import CreateOnceMixin, ServiceFormMixin, TownshipMixin

from .forms import CongressSessionForm
from .selectors import session_attendance_rows, session_get_for_user, session_list_for_user
from .services import session_create, session_set_attendance


class SessionListView(PermissionRequiredMixin, ListView):
    permission_required = "congress_sessions.view_congresssession"
    template_name = "sessions/session_list.html"
    context_object_name = "sessions"
    paginate_by = 50

    def get_queryset(self):
        return session_list_for_user(user=self.request.user)


class SessionCreateView(PermissionRequiredMixin, TownshipMixin, CreateOnceMixin, FormView):
    permission_required = "congress_sessions.add_congresssession"
    template_name = "sessions/session_form.html"
    form_class = CongressSessionForm
    success_url = reverse_lazy("sessions:list")

    def perform(self, form):
        return session_create(township=self.township, **form.cleaned_data)

    def get_success_message(self, session):
        return _("Session “%(session)s” registered.") % {"session": session}


class SessionAttendanceView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    """Staff record who attended a session, who was on approved leave and who stayed away."""

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
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "session": self.session}

    def perform(self, form):
        return session_set_attendance(
            session=self.session,
            statuses=form.statuses(),
            by=self.request.user,
            clear=form.cleaned_data["clear"],
        )

    def get_success_message(self, result):
        return _("Attendance of %(session)s saved.") % {"session": self.session}

    def get_success_url(self, result):
        return reverse("sessions:list")
