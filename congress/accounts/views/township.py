"""A township's accounts, which its staff manage: who logs in with which role, new accounts,
new initial passwords, deactivating and reactivating."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from ...roles import STAFF_MANAGES_ROLES, Role
from ...views_mixins import ServiceFormMixin, TownshipMixin
from ..forms import AccountCreateForm, ReasonForm
from ..selectors import account_get_for_user, accounts_for_user, unit_choices
from ..services import (
    account_create,
    account_issue_password,
    account_set_active,
    may_manage_account,
)
from .issuing import IssuingFormMixin


class AccountListView(PermissionRequiredMixin, TownshipMixin, TemplateView):
    """The township's logins: who, which role, which unit, active or not, last login; the
    accounts staff manage have their buttons (staff accounts are the county's)."""

    permission_required = "congress.view_user"
    template_name = "congress/accounts/account_list.html"

    def get_context_data(self, **kwargs):
        role = self.request.GET.get("role", "")
        if role not in Role.values:
            role = ""
        accounts = list(accounts_for_user(user=self.request.user, role=role))
        for account in accounts:
            account.manageable = may_manage_account(
                by=self.request.user, township_id=account.township_id, role=account.role
            )
        return {
            **super().get_context_data(**kwargs),
            "township": self.township,
            "accounts": accounts,
            "role": role,
            "roles": [r for r in Role if r.value in {Role.STAFF, *STAFF_MANAGES_ROLES}],
        }


class AccountCreateView(PermissionRequiredMixin, TownshipMixin, IssuingFormMixin, FormView):
    permission_required = "congress.add_user"
    template_name = "congress/accounts/account_form.html"
    form_class = AccountCreateForm
    issued_title = gettext_lazy("Account created")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": unit_choices(township=self.township)}

    def perform(self, form):
        return account_create(
            by=self.request.user, township=self.township, request=self.request, **form.cleaned_data
        )

    def get_success_url(self, result):
        return reverse("township:accounts")


class AccountMixin:
    """A page about one account the user manages: one of their township's (404 otherwise),
    refused (403) when it is an account they may not manage, a staff account among them."""

    @cached_property
    def account(self):
        account = account_get_for_user(user=self.request.user, pk=self.kwargs["pk"])
        if not may_manage_account(
            by=self.request.user, township_id=account.township_id, role=account.role
        ):
            raise PermissionDenied
        return account

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "account": self.account}


class AccountPasswordView(PermissionRequiredMixin, AccountMixin, IssuingFormMixin, FormView):
    """Give a user who forgot their password a new initial one, with the reason: shown once."""

    permission_required = "congress.change_user"
    template_name = "congress/accounts/account_password.html"
    form_class = ReasonForm
    issued_title = gettext_lazy("New initial password issued")

    def perform(self, form):
        return account_issue_password(
            by=self.request.user,
            user=self.account,
            reason=form.cleaned_data["reason"],
            request=self.request,
        )

    def get_success_url(self, result):
        return reverse("township:accounts")


class AccountActiveMixin(ServiceFormMixin):
    """Deactivate an active account or reactivate an inactive one, with the reason."""

    template_name = "congress/accounts/account_active.html"
    form_class = ReasonForm

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "deactivating": self.account.is_active,
            "cancel_url": self.get_success_url(None),
        }

    def perform(self, form):
        return account_set_active(
            by=self.request.user,
            user=self.account,
            active=not self.account.is_active,
            reason=form.cleaned_data["reason"],
            request=self.request,
        )

    def get_success_message(self, account):
        template = (
            _("The account of %(name)s is active again.")
            if account.is_active
            else _("The account of %(name)s is deactivated: it can no longer log in.")
        )
        return template % {"name": account.display_name}


class AccountSetActiveView(PermissionRequiredMixin, AccountMixin, AccountActiveMixin, FormView):
    permission_required = "congress.change_user"

    def get_success_url(self, result):
        return reverse("township:accounts")
