"""What the session pages share: the session a page is about, and a button on it."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.urls import reverse
from django.utils.functional import cached_property

from congress.views_mixins import ServiceActionView

from .. import selectors


class SessionMixin:
    """A page about one session the user may read (404 otherwise)."""

    session_kwarg = "pk"

    @cached_property
    def session(self):
        return selectors.session_get_for_user(
            user=self.request.user, pk=self.kwargs[self.session_kwarg]
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "session": self.session}

    def get_success_url(self, result=None):
        return reverse("sessions:detail", args=[self.session.pk])


class SessionActionView(PermissionRequiredMixin, ServiceActionView):
    """A button on the session's page (or the election's): one service call, then back to that
    page with its message, or its refusal in Chinese and nothing changed."""

    permission_required = "congress_sessions.change_congresssession"

    def get_success_url(self, record, result):
        session_id = getattr(record, "session_id", None) or record.pk
        return reverse("sessions:detail", args=[session_id])
