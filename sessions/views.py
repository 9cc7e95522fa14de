from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView

from congress.forms import form_add_service_error

from .forms import CongressSessionForm
from .selectors import session_list_for_user
from .services import session_create


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
