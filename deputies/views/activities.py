from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from congress.attachments import AttachmentForm
from congress.files import protected_file_response
from congress.forms import add_submission_token
from congress.pagination import BoundedPaginator
from congress.views_mixins import (
    CreateOnceMixin,
    ListWithAddFormMixin,
    ServiceFormMixin,
    TownshipFormMixin,
)

from ..forms import (
    ActivityForm,
    LiaisonContactForm,
    ReportToVotersForm,
)
from ..mixins import ActivityAttachMixin, ActivityAttendanceMixin
from ..models import Activity
from ..selectors import (
    activity_attachment_get_for_user,
    activity_attachments,
    activity_get_for_user,
    activity_list_for_user,
    activity_participants,
    deputy_list_for_user,
    liaison_contacts_for_user,
    liaison_deputies_for_user,
    person_times,
    reports_to_voters_for_user,
)
from ..services import (
    activity_save,
    liaison_contact_record,
    report_to_voters_record,
)


class ActivityListView(PermissionRequiredMixin, ListView):
    permission_required = "deputies.view_activity"
    template_name = "deputies/activity_list.html"
    context_object_name = "activities"
    paginate_by = 50
    paginator_class = BoundedPaginator

    def get_queryset(self):
        return activity_list_for_user(user=self.request.user)


def oversight_action_pk(activity: Activity) -> int | None:
    """The oversight action owning the activity, if any: its dates, attendance and photos are
    recorded on the action's pages. Deputies does not import oversight (the layers); the
    reverse relation and the action's URL names are all it knows of it."""
    if activity.kind != Activity.Kind.OVERSIGHT:
        return None
    action = getattr(activity, "oversight_action", None)
    return action.pk if action is not None else None


class ActivityDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "deputies.view_activity"
    template_name = "deputies/activity_detail.html"
    context_object_name = "activity"

    def get_object(self, queryset=None):
        return activity_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["participants"] = activity_participants(activity=self.object)
        context["person_times"] = person_times(self.object)
        context["attachments"] = activity_attachments(activity=self.object)
        action_pk = oversight_action_pk(self.object)
        if action_pk is not None:
            if self.request.user.has_perm("oversight.view_oversightaction"):
                context["oversight_url"] = reverse("oversight:detail", args=[action_pk])
        elif self.request.user.has_perm("deputies.change_activity"):
            context["attachment_form"] = add_submission_token(AttachmentForm())
        return context


class ActivityCreateView(PermissionRequiredMixin, TownshipFormMixin, CreateOnceMixin, FormView):
    permission_required = "deputies.add_activity"
    template_name = "deputies/activity_form.html"
    form_class = ActivityForm

    def perform(self, form):
        return activity_save(township=self.township, **form.cleaned_data)

    def get_success_message(self, activity):
        return _("Activity “%(title)s” recorded. Now record who took part.") % {
            "title": activity.title
        }

    def get_success_url(self, activity):
        return reverse("deputies:activity_attendance", args=[activity.pk])


class ActivityMixin:
    # The page of the owning oversight action that does the same, where the user is sent.
    oversight_page = ""

    @cached_property
    def activity(self):
        return activity_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if self.oversight_page:
            action_pk = oversight_action_pk(self.activity)
            if action_pk is not None:
                return redirect(self.oversight_page, pk=action_pk)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "activity": self.activity}

    def get_success_url(self, result):
        return reverse("deputies:activity_detail", args=[self.activity.pk])


class ActivityUpdateView(
    PermissionRequiredMixin, TownshipFormMixin, ActivityMixin, ServiceFormMixin, FormView
):
    permission_required = "deputies.change_activity"
    template_name = "deputies/activity_form.html"
    form_class = ActivityForm
    oversight_page = "oversight:edit"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.activity}

    def perform(self, form):
        return activity_save(township=self.township, instance=self.activity, **form.cleaned_data)

    def get_success_message(self, activity):
        return _("Changes saved.")


class ActivityAttendanceView(
    PermissionRequiredMixin, ActivityMixin, ActivityAttendanceMixin, ServiceFormMixin, FormView
):
    permission_required = "deputies.change_activity"
    template_name = "deputies/activity_attendance.html"
    oversight_page = "oversight:attendance"

    def get_success_message(self, result):
        return _("Attendance saved: %(n)s person-times.") % {
            "n": person_times(activity_get_for_user(user=self.request.user, pk=self.activity.pk))
        }


class ActivityAttachView(
    PermissionRequiredMixin, ActivityMixin, ActivityAttachMixin, CreateOnceMixin, FormView
):
    permission_required = "deputies.change_activity"
    template_name = "deputies/activity_detail.html"
    oversight_page = "oversight:detail"


class AttachmentView(PermissionRequiredMixin, View):
    """A photo (shown in the page) or document (downloaded) of an activity the user may read."""

    permission_required = "deputies.view_activity"

    def get(self, request, pk):
        attachment = activity_attachment_get_for_user(user=request.user, pk=pk)
        return protected_file_response(
            attachment.file, filename=str(attachment), inline=attachment.is_image
        )


class LiaisonContactView(PermissionRequiredMixin, ListWithAddFormMixin, CreateOnceMixin, FormView):
    """Presidium members' contacts with deputies: the list and a form to record one."""

    permission_required = "deputies.view_liaisoncontact"
    add_permission = "deputies.add_liaisoncontact"
    template_name = "deputies/liaison_contacts.html"
    form_class = LiaisonContactForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "deputies": deputy_list_for_user(user=self.request.user),
        }

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "contacts": liaison_contacts_for_user(user=self.request.user)[:100],
            "my_deputies": liaison_deputies_for_user(user=self.request.user),
        }

    def perform(self, form):
        return liaison_contact_record(member=self.request.user, **form.cleaned_data)

    def get_success_message(self, contact):
        return _("Contact with %(name)s recorded.") % {"name": contact.deputy.name}

    def get_success_url(self, contact):
        return reverse("deputies:liaison_contacts")


class ReportToVotersView(PermissionRequiredMixin, ListWithAddFormMixin, CreateOnceMixin, FormView):
    """Deputies' reports to voters (述职评议): the list and a form to record one."""

    permission_required = "deputies.view_reporttovoters"
    add_permission = "deputies.add_reporttovoters"
    template_name = "deputies/reports_to_voters.html"
    form_class = ReportToVotersForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "deputies": deputy_list_for_user(user=self.request.user),
        }

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "reports": reports_to_voters_for_user(user=self.request.user)[:100],
        }

    def perform(self, form):
        return report_to_voters_record(**form.cleaned_data)

    def get_success_message(self, report):
        return _("Report of %(name)s recorded.") % {"name": report.deputy.name}

    def get_success_url(self, report):
        return reverse("deputies:reports_to_voters")
