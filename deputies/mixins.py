"""What other apps' pages take from deputies: the deputy a login is, and the attendance and the
uploads of a deputies' activity (an oversight action's pages work on the activity it owns). Here
rather than in the core, which sits below deputies and cannot read a deputy record
(docs/decisions.md)."""

from django.contrib.auth.mixins import AccessMixin
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from congress.attachments import AttachmentForm
from congress.forms import AttendanceForm
from congress.views_mixins import FormErrorsAsMessagesMixin

from .selectors import activity_attendance_rows, deputy_for_user
from .services import activity_attach, activity_set_attendance


class OwnDeputyMixin(AccessMixin):
    """Only a login linked to a deputy record; everyone else gets 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated or self.deputy is None:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def deputy(self):
        return deputy_for_user(user=self.request.user)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "deputy": self.deputy}


class ActivityAttendanceMixin:
    """The attendance form of `self.activity` (each deputy on the roll of its first day) and
    the service saving it; an oversight action's page uses it on the activity it owns."""

    form_class = AttendanceForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "rows": activity_attendance_rows(activity=self.activity),
        }

    def perform(self, form):
        return activity_set_attendance(
            activity=self.activity,
            statuses=form.statuses(),
            by=self.request.user,
            clear=form.cleaned_data["clear"],
        )


class ActivityAttachMixin(FormErrorsAsMessagesMixin):
    """A photo or document uploaded to `self.activity` from its page (or from the page of the
    oversight action owning it), back to that page (`get_success_url`) either way."""

    form_class = AttachmentForm
    http_method_names = ["post"]

    def perform(self, form):
        return activity_attach(activity=self.activity, upload=form.cleaned_data["file"])

    def get_success_message(self, attachment):
        return _("File %(name)s attached.") % {"name": attachment}
