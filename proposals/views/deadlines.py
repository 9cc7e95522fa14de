"""The deadline pages: a lead unit asks for a later deadline and staff decide, a co-unit
sends its view, a unit's own items by due date, the staff's work queues, and the township's
working-day corrections. Thin views over proposals.services and proposals.selectors.queues."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from congress.forms import add_submission_token
from congress.pagination import BoundedPaginator, count_label
from congress.views_mixins import (
    CreateOnceMixin,
    ListWithAddFormMixin,
    ServiceFormMixin,
    TownshipMixin,
    messages_add_errors,
)
from congress.workdays import published_years

from .. import permissions, services
from ..forms.deadlines import (
    CoUnitOpinionForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    WorkdayOverrideForm,
)
from ..selectors import proposal_get_for_user
from ..selectors.queues import (
    assignment_of_unit,
    extension_get_for_user,
    mark_days_left,
    proposal_deadline_panel,
    staff_queues,
    unit_items_for_user,
    unit_items_overdue,
    workday_override_get_for_user,
    workday_overrides_for_user,
)


def _allowed(check, **kwargs) -> bool:
    try:
        check(**kwargs)
    except ValidationError:
        return False
    return True


def deadline_panel_context(*, proposal, user) -> dict:
    """The proposal page's part about extensions and co-units' views, with the form the
    user's unit may send now (templates/proposals/partials/_deadlines.html)."""
    panel = proposal_deadline_panel(proposal=proposal, user=user)
    mine = panel["my_assignment"]
    panel["extension_form"] = panel["opinion_form"] = None
    if mine is not None:
        mine.proposal = proposal
        if user.has_perm("proposals.add_deadlineextension") and _allowed(
            services.extension_request_check, assignment=mine, by=user
        ):
            panel["extension_form"] = add_submission_token(_extension_form(mine))
        if user.has_perm("proposals.add_counitopinion") and _allowed(
            services.counit_opinion_check, assignment=mine, by=user
        ):
            panel["opinion_form"] = add_submission_token(CoUnitOpinionForm())
    panel["can_decide"] = permissions.may_decide_extension(user=user, proposal=proposal)
    return {"deadlines": panel}


def _extension_form(assignment, data=None):
    return ExtensionRequestForm(
        data,
        current=assignment.deadline,
        latest=services.latest_extended_deadline(assignment=assignment),
    )


class UnitAssignmentMixin:
    """A page about the signed-in unit's own assignment on a proposal it may read: 404 for a
    proposal it may not read; back to the proposal, with the reason, where the service would
    refuse what the page offers (`check`)."""

    check = None

    @cached_property
    def proposal(self):
        return proposal_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    @cached_property
    def assignment(self):
        assignment = assignment_of_unit(proposal=self.proposal, user=self.request.user)
        if assignment is None:
            raise Http404
        return assignment

    def get(self, request, *args, **kwargs):
        try:
            self.check(assignment=self.assignment, by=request.user)
        except ValidationError as error:
            messages_add_errors(request, error)
            return redirect("proposals:detail", self.proposal.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "proposal": self.proposal}

    def get_success_url(self, result):
        return reverse("proposals:detail", args=[self.proposal.pk])


class ExtensionRequestView(PermissionRequiredMixin, UnitAssignmentMixin, CreateOnceMixin, FormView):
    """The lead unit asks for a later deadline, with its reason."""

    permission_required = "proposals.add_deadlineextension"
    template_name = "proposals/extension_request.html"
    check = staticmethod(services.extension_request_check)

    def get_form(self, form_class=None):
        data = self.request.POST if self.request.method == "POST" else None
        form = _extension_form(self.assignment, data)
        return add_submission_token(form) if self.submit_once else form

    def perform(self, form):
        return services.extension_request(
            assignment=self.assignment,
            by=self.request.user,
            new_deadline=form.cleaned_data["new_deadline"],
            reason=form.cleaned_data["reason"],
        )

    def get_success_message(self, extension):
        return _("Asked for a later deadline, %(day)s; staff will decide.") % {
            "day": date_format(extension.new_deadline)
        }


class CoUnitOpinionView(PermissionRequiredMixin, UnitAssignmentMixin, CreateOnceMixin, FormView):
    """A co-unit sends the lead unit its view."""

    permission_required = "proposals.add_counitopinion"
    template_name = "proposals/counit_opinion.html"
    form_class = CoUnitOpinionForm
    check = staticmethod(services.counit_opinion_check)
    success_message = _("Your unit's view has been sent to the lead unit.")

    def perform(self, form):
        return services.counit_opinion_send(
            assignment=self.assignment, by=self.request.user, text=form.cleaned_data["text"]
        )


class ExtensionDecideView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    """Staff approve or refuse a request for a later deadline."""

    permission_required = "proposals.change_deadlineextension"
    template_name = "proposals/extension_decide.html"
    form_class = ExtensionDecisionForm

    @cached_property
    def extension(self):
        return extension_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        if self.extension.approved is not None:
            messages.info(request, _("This request has already been decided."))
            return redirect("proposals:detail", self.extension.assignment.proposal_id)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "extension": self.extension,
            "proposal": self.extension.assignment.proposal,
        }

    def perform(self, form):
        return services.extension_decide(
            extension=self.extension,
            by=self.request.user,
            approve=form.cleaned_data["decision"] == ExtensionDecisionForm.APPROVE,
            note=form.cleaned_data["note"],
        )

    def get_success_message(self, extension):
        if extension.approved:
            return _("Approved: the answer is now due %(day)s.") % {
                "day": date_format(extension.new_deadline)
            }
        return _("Refused; the unit has been told why.")

    def get_success_url(self, extension):
        return reverse("proposals:detail", args=[extension.assignment.proposal_id])


PAGE_SIZE = 50


class UnitItemsView(PermissionRequiredMixin, TemplateView):
    """A handling unit's items, lead or co-unit, by due date: overdue first."""

    # Units alone ask for extensions: the permission marks the unit's side of the handling.
    permission_required = ("proposals.view_proposal", "proposals.add_deadlineextension")
    template_name = "proposals/unit_items.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        items = unit_items_for_user(user=self.request.user)
        paginator = BoundedPaginator(items, PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("page"))
        mark_days_left(page.object_list, today=today)
        overdue = unit_items_overdue(items, today=today)
        return {
            **super().get_context_data(**kwargs),
            "items": page.object_list,
            "count": paginator.count_label,
            "overdue": count_label(overdue) if overdue else "",
            "page_obj": page,
            "paginator": paginator,
            "is_paginated": page.has_other_pages(),
            "today": today,
        }


class QueuesView(PermissionRequiredMixin, TemplateView):
    """The staff's work queues, each with its count and its items."""

    permission_required = "proposals.assign_proposal"
    template_name = "proposals/queues.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return {
            **super().get_context_data(**kwargs),
            "queues": staff_queues(user=self.request.user, today=today),
            "today": today,
        }


class WorkdaysView(
    PermissionRequiredMixin, TownshipMixin, ListWithAddFormMixin, CreateOnceMixin, FormView
):
    """The township's corrections of the published working-day calendar: the list, and a
    form to add one."""

    permission_required = "congress.view_workdayoverride"
    add_permission = "congress.add_workdayoverride"
    template_name = "proposals/workdays.html"
    form_class = WorkdayOverrideForm

    def get_context_data(self, **kwargs):
        years = published_years()
        return {
            **super().get_context_data(**kwargs),
            "overrides": workday_overrides_for_user(user=self.request.user),
            "first_year": years.start,
            "last_year": years.stop - 1,
            "can_remove": self.request.user.has_perm("congress.delete_workdayoverride"),
        }

    def perform(self, form):
        return services.workday_override_add(
            township=self.township, by=self.request.user, **form.cleaned_data
        )

    def get_success_message(self, override):
        if override.is_workday:
            return _("%(day)s is now a working day.") % {"day": date_format(override.date)}
        return _("%(day)s is now a day off.") % {"day": date_format(override.date)}

    def get_success_url(self, override):
        return reverse("proposals:workdays")


class WorkdayDeleteView(PermissionRequiredMixin, View):
    """Staff remove a correction (POST from the list); its history is kept."""

    permission_required = "congress.delete_workdayoverride"
    http_method_names = ["post"]

    def post(self, request, pk):
        override = workday_override_get_for_user(user=request.user, pk=pk)
        try:
            services.workday_override_remove(override=override, by=request.user)
        except ValidationError as error:
            messages_add_errors(request, error)
        else:
            messages.success(
                request,
                _("The correction of %(day)s is removed.") % {"day": date_format(override.date)},
            )
        return redirect("proposals:workdays")
