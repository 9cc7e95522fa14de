"""Pages of oversight actions, government tasks with their progress reviews, and campaigns.

An action's attendance and photos are the deputies' activity's: these pages call the deputies'
services for them, so the user stays in oversight and the deputies' record counts them.
"""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView

from congress.attachments import AttachmentForm
from congress.forms import add_submission_token
from congress.pagination import BoundedPaginator
from congress.views_mixins import (
    CreateOnceMixin,
    FilterFormListMixin,
    ServiceFormMixin,
    TownshipFormMixin,
)
from deputies.mixins import ActivityAttachMixin, ActivityAttendanceMixin

from ..forms.actions import (
    ActionFilterForm,
    ActionForm,
    CampaignForm,
    ReviewForm,
    TaskFilterForm,
    TaskForm,
)
from ..selectors.actions import (
    action_detail_for_user,
    action_get_for_user,
    action_list_for_user,
    campaign_actions_for_user,
    campaign_choices_for_user,
    campaign_get_for_user,
    campaign_list_for_user,
    campaign_totals,
    task_detail_for_user,
    task_get_for_user,
    task_list_for_user,
)
from ..services.actions import (
    ActionInput,
    action_create,
    action_update,
    campaign_create,
    campaign_update,
    review_record,
    task_create,
    task_update,
)

# ----------------------------------------------------------------------------- actions


class ActionListView(PermissionRequiredMixin, FilterFormListMixin, ListView):
    permission_required = "oversight.view_oversightaction"
    template_name = "oversight/actions/action_list.html"
    context_object_name = "actions"
    paginate_by = 50
    paginator_class = BoundedPaginator

    filter_form_class = ActionFilterForm

    def get_filter_form_kwargs(self):
        return {"campaigns": campaign_choices_for_user(user=self.request.user)}

    list_for_user = staticmethod(action_list_for_user)


class ActionMixin:
    """The action of the URL, if the user may read it (404 otherwise)."""

    @cached_property
    def action(self):
        return action_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    @property
    def activity(self):
        """The deputies' activity the action owns: its attendance and photos."""
        return self.action.activity

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self.action}

    def get_success_url(self, result):
        return reverse("oversight:detail", args=[self.action.pk])


class ActionDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "oversight.view_oversightaction"
    template_name = "oversight/actions/action_detail.html"
    context_object_name = "action"

    def get_object(self, queryset=None):
        return action_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(action_detail_for_user(user=self.request.user, action=self.object))
        if self.request.user.has_perm("oversight.change_oversightaction"):
            context["attachment_form"] = add_submission_token(AttachmentForm())
        return context


class ActionCreateView(PermissionRequiredMixin, TownshipFormMixin, CreateOnceMixin, FormView):
    permission_required = "oversight.add_oversightaction"
    template_name = "oversight/actions/action_form.html"
    form_class = ActionForm

    def perform(self, form):
        return action_create(
            township=self.township, by=self.request.user, data=ActionInput(**form.cleaned_data)
        )

    def get_success_message(self, action):
        return _("Oversight action “%(title)s” recorded. Now record which deputies took part.") % {
            "title": action.activity.title
        }

    def get_success_url(self, action):
        return reverse("oversight:attendance", args=[action.pk])


class ActionUpdateView(
    PermissionRequiredMixin, TownshipFormMixin, ActionMixin, ServiceFormMixin, FormView
):
    permission_required = "oversight.change_oversightaction"
    template_name = "oversight/actions/action_form.html"
    form_class = ActionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "action": self.action}

    def perform(self, form):
        return action_update(
            action=self.action, by=self.request.user, data=ActionInput(**form.cleaned_data)
        )

    def get_success_message(self, action):
        return _("Changes saved.")


class ActionAttendanceView(
    PermissionRequiredMixin, ActionMixin, ActivityAttendanceMixin, ServiceFormMixin, FormView
):
    """The deputies in office on the action's first day, each present, on leave or absent."""

    permission_required = "oversight.change_oversightaction"
    template_name = "oversight/actions/action_attendance.html"

    def get_success_message(self, result):
        action = action_get_for_user(user=self.request.user, pk=self.action.pk)
        return _("Attendance saved: %(n)s person-times.") % {"n": action.person_times}


class ActionAttachView(
    PermissionRequiredMixin, ActionMixin, ActivityAttachMixin, CreateOnceMixin, FormView
):
    """A photo or document of the action, uploaded from its page."""

    permission_required = "oversight.change_oversightaction"
    template_name = "oversight/actions/action_detail.html"


# ----------------------------------------------------------------------------- government tasks


class TaskListView(PermissionRequiredMixin, FilterFormListMixin, ListView):
    permission_required = "oversight.view_governmenttask"
    template_name = "oversight/actions/task_list.html"
    context_object_name = "tasks"
    paginate_by = 100
    paginator_class = BoundedPaginator

    filter_form_class = TaskFilterForm

    list_for_user = staticmethod(task_list_for_user)


class TaskMixin:
    @cached_property
    def task(self):
        return task_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "task": self.task}

    def get_success_url(self, result):
        return reverse("oversight:task_detail", args=[self.task.pk])


class TaskDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "oversight.view_governmenttask"
    template_name = "oversight/actions/task_detail.html"
    context_object_name = "task"

    def get_object(self, queryset=None):
        return task_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(task_detail_for_user(user=self.request.user, task=self.object))
        return context


class TaskCreateView(PermissionRequiredMixin, TownshipFormMixin, CreateOnceMixin, FormView):
    permission_required = "oversight.add_governmenttask"
    template_name = "oversight/actions/task_form.html"
    form_class = TaskForm

    def perform(self, form):
        return task_create(township=self.township, by=self.request.user, **form.cleaned_data)

    def get_success_message(self, task):
        return _("Government task “%(title)s” recorded.") % {"title": task.title}

    def get_success_url(self, task):
        return reverse("oversight:task_detail", args=[task.pk])


class TaskUpdateView(
    PermissionRequiredMixin, TownshipFormMixin, TaskMixin, ServiceFormMixin, FormView
):
    permission_required = "oversight.change_governmenttask"
    template_name = "oversight/actions/task_form.html"
    form_class = TaskForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.task}

    def perform(self, form):
        return task_update(task=self.task, by=self.request.user, **form.cleaned_data)

    def get_success_message(self, task):
        return _("Changes saved.")


class ReviewAddView(PermissionRequiredMixin, TaskMixin, CreateOnceMixin, FormView):
    """Where a task stood when reviewed; `?action=<pk>` preselects the action recording it."""

    permission_required = "oversight.add_progressreview"
    template_name = "oversight/actions/review_form.html"
    form_class = ReviewForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "task": self.task}

    def get_initial(self):
        action = self.request.GET.get("action", "")
        return {"action": int(action)} if action.isdigit() else {}

    def perform(self, form):
        return review_record(task=self.task, by=self.request.user, **form.cleaned_data)

    def get_success_message(self, review):
        return _("Review recorded: %(progress)s.") % {"progress": review.get_progress_display()}


# ----------------------------------------------------------------------------- campaigns


class CampaignListView(PermissionRequiredMixin, TemplateView):
    permission_required = "oversight.view_campaign"
    template_name = "oversight/actions/campaign_list.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "campaigns": campaign_list_for_user(user=self.request.user),
        }


class CampaignMixin:
    @cached_property
    def campaign(self):
        return campaign_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "campaign": self.campaign}

    def get_success_url(self, result):
        return reverse("oversight:campaign_detail", args=[self.campaign.pk])


class CampaignDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "oversight.view_campaign"
    template_name = "oversight/actions/campaign_detail.html"
    context_object_name = "campaign"

    def get_object(self, queryset=None):
        return campaign_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "actions": campaign_actions_for_user(user=self.request.user, campaign=self.object),
            "totals": campaign_totals(campaign=self.object),
        }


class CampaignCreateView(PermissionRequiredMixin, TownshipFormMixin, CreateOnceMixin, FormView):
    permission_required = "oversight.add_campaign"
    template_name = "oversight/actions/campaign_form.html"
    form_class = CampaignForm

    def perform(self, form):
        return campaign_create(township=self.township, by=self.request.user, **form.cleaned_data)

    def get_success_message(self, campaign):
        return _("Campaign “%(title)s” recorded.") % {"title": campaign.title}

    def get_success_url(self, campaign):
        return reverse("oversight:campaign_detail", args=[campaign.pk])


class CampaignUpdateView(
    PermissionRequiredMixin, TownshipFormMixin, CampaignMixin, ServiceFormMixin, FormView
):
    permission_required = "oversight.change_campaign"
    template_name = "oversight/actions/campaign_form.html"
    form_class = CampaignForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.campaign}

    def perform(self, form):
        return campaign_update(campaign=self.campaign, by=self.request.user, **form.cleaned_data)

    def get_success_message(self, campaign):
        return _("Changes saved.")
