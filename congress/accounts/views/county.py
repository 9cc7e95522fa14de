"""The county administrator's pages: townships, and each township's staff accounts with their
passwords, activity and access beyond the role."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from ...roles import GRANTABLE_PERMISSIONS, Role
from ...views_mixins import ServiceFormMixin
from ..forms import (
    PermissionsForm,
    StaffCreateForm,
    StaffPasswordForm,
    TownshipCreateForm,
    TownshipUpdateForm,
)
from ..selectors import (
    account_events_for_township,
    grantable_permissions_held,
    township_get_for_user,
    township_staff,
    townships_for_user,
)
from ..services import (
    account_create,
    account_issue_password,
    account_permissions_set,
    township_create,
    township_update,
)
from .issuing import IssuingFormMixin
from .township import AccountActiveMixin


class TownshipListView(PermissionRequiredMixin, TemplateView):
    permission_required = "congress.view_township"
    template_name = "congress/accounts/township_list.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "townships": townships_for_user(user=self.request.user),
        }


class TownshipCreateView(PermissionRequiredMixin, IssuingFormMixin, FormView):
    """A new township and its first staff account."""

    permission_required = "congress.add_township"
    template_name = "congress/accounts/township_form.html"
    form_class = TownshipCreateForm
    issued_title = gettext_lazy("Township created")

    def perform(self, form):
        return township_create(by=self.request.user, request=self.request, **form.cleaned_data)

    def issued(self, result):
        _township, issued = result
        return [issued]

    def get_success_url(self, result):
        township, _issued = result
        return reverse("county:township", args=[township.pk])


class CountyTownshipMixin(PermissionRequiredMixin):
    """A page about one township the county administrator reads (any of them)."""

    @cached_property
    def township(self):
        return township_get_for_user(user=self.request.user, pk=self.kwargs["township_pk"])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "township": self.township}


class TownshipDetailView(CountyTownshipMixin, TemplateView):
    """A township and its staff accounts, with what the county administrator does for them,
    and the latest changes to its accounts from the audit log."""

    permission_required = "congress.view_township"
    template_name = "congress/accounts/township_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        staff = list(township_staff(township=self.township))
        held = grantable_permissions_held(users=staff)
        for account in staff:
            account.grants = [GRANTABLE_PERMISSIONS[label] for label in sorted(held[account.pk])]
        context["staff"] = staff
        context["events"] = account_events_for_township(township=self.township)
        return context


class TownshipUpdateView(CountyTownshipMixin, ServiceFormMixin, FormView):
    """The county administrator corrects a township's name, kind, county or rating rule."""

    permission_required = "congress.change_township"
    form_class = TownshipUpdateForm
    template_name = "congress/accounts/township_edit.html"

    def get_initial(self):
        township = self.township
        return {
            "name": township.name,
            "kind": township.kind,
            "county": township.county,
            "all_signers_rate": township.all_signers_rate,
        }

    def perform(self, form):
        return township_update(township=self.township, by=self.request.user, **form.cleaned_data)

    def get_success_message(self, result) -> str:
        return _("%(township)s is saved.") % {"township": result.name}

    def get_success_url(self, result):
        return reverse("county:township", args=[result.pk])


class TownshipStaffCreateView(CountyTownshipMixin, IssuingFormMixin, FormView):
    """Another staff account for a township (its only one left, say)."""

    permission_required = "congress.change_township"
    template_name = "congress/accounts/township_staff_form.html"
    form_class = StaffCreateForm
    issued_title = gettext_lazy("Account created")

    def perform(self, form):
        return account_create(
            by=self.request.user,
            township=self.township,
            role=Role.STAFF,
            request=self.request,
            **form.cleaned_data,
        )

    def get_success_url(self, result):
        return reverse("county:township", args=[self.township.pk])


class TownshipStaffPasswordView(CountyTownshipMixin, IssuingFormMixin, FormView):
    """A new initial password for one of a township's staff who forgot theirs, with the
    reason."""

    permission_required = "congress.change_township"
    template_name = "congress/accounts/township_staff_password.html"
    form_class = StaffPasswordForm
    issued_title = gettext_lazy("New initial password issued")

    def get_form_kwargs(self):
        staff = township_staff(township=self.township).filter(is_active=True)
        return {**super().get_form_kwargs(), "staff": staff}

    def get_initial(self):
        return {"user": self.request.GET.get("user")}

    def perform(self, form):
        return account_issue_password(
            by=self.request.user,
            user=form.cleaned_data["user"],
            reason=form.cleaned_data["reason"],
            request=self.request,
        )

    def get_success_url(self, result):
        return reverse("county:township", args=[self.township.pk])


class TownshipStaffMixin(CountyTownshipMixin):
    """A page about one staff account of the township; any other account answers 404."""

    @cached_property
    def account(self):
        return get_object_or_404(township_staff(township=self.township), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "account": self.account}

    def get_success_url(self, result):
        return reverse("county:township", args=[self.township.pk])


class TownshipStaffActiveView(TownshipStaffMixin, AccountActiveMixin, FormView):
    """Deactivate a staff account (someone who left the office) or reactivate it."""

    permission_required = "congress.change_township"


class TownshipStaffPermissionsView(TownshipStaffMixin, ServiceFormMixin, FormView):
    """Give a staff account exactly the access beyond the role ticked, with the reason."""

    permission_required = "congress.change_township"
    template_name = "congress/accounts/township_staff_permissions.html"
    form_class = PermissionsForm

    def get_initial(self):
        return {
            "permissions": sorted(grantable_permissions_held(users=[self.account])[self.account.pk])
        }

    def perform(self, form):
        return account_permissions_set(
            by=self.request.user,
            user=self.account,
            granted=set(form.cleaned_data["permissions"]),
            reason=form.cleaned_data["reason"],
            request=self.request,
        )

    def get_success_message(self, changed):
        if not changed:
            return _("Nothing changed.")
        return _("The access of %(name)s is saved.") % {"name": self.account.display_name}
