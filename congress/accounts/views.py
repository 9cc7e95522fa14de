"""Pages for login accounts: a township's staff manage its accounts and handling units; the
county administrator manages townships and their staff accounts. Every page that shows an
initial password is rendered by `issued_response`, never cached."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from ..models import Unit
from ..pdf import pdf_response
from ..roles import GRANTABLE_PERMISSIONS, STAFF_MANAGES_ROLES, Role
from ..services import unit_save
from ..views_mixins import ListWithAddFormMixin, ServiceFormMixin, TownshipMixin
from .forms import (
    AccountCreateForm,
    PermissionsForm,
    ReasonForm,
    StaffCreateForm,
    StaffPasswordForm,
    TownshipCreateForm,
    UnitEditForm,
    UnitForm,
)
from .selectors import (
    account_events_for_township,
    account_get_for_user,
    accounts_for_user,
    grantable_permissions_held,
    township_get_for_user,
    township_staff,
    townships_for_user,
    unit_choices,
    unit_get_for_user,
    units_for_user,
)
from .services import (
    IssuedPassword,
    account_create,
    account_issue_password,
    account_permissions_set,
    account_set_active,
    may_manage_account,
    township_create,
)
from .slips import SLIPS_TOKEN_MAX_AGE, slips_from_token, slips_pdf, slips_token


def issued_response(
    request, *, issued: list[IssuedPassword], title: str, back_url: str
) -> HttpResponse:
    """The page that shows initial passwords, once: with the slips' download button, and
    headers that keep it out of every cache (the browser's back button included)."""
    response = render(
        request,
        "congress/accounts/issued.html",
        {
            "title": title,
            "issued": issued,
            "token": slips_token(issued=issued, by=request.user),
            "minutes": SLIPS_TOKEN_MAX_AGE // 60,
            "back_url": back_url,
        },
    )
    add_never_cache_headers(response)  # Cache-Control: no-store among others
    return response


class IssuingConfirmView(TemplateView):
    """A page that asks first (GET) and issues initial passwords when confirmed (POST): the
    page showing them, or on `back_url` the service's refusal or `nothing_issued`."""

    nothing_issued = ""

    def issue(self) -> list[IssuedPassword]:
        raise NotImplementedError

    def issued_title(self, issued: list[IssuedPassword]) -> str:
        raise NotImplementedError

    def back_url(self) -> str:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            issued = self.issue()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.back_url())
        if not issued:
            messages.info(request, self.nothing_issued)
            return redirect(self.back_url())
        return issued_response(
            request, issued=issued, title=self.issued_title(issued), back_url=self.back_url()
        )


class IssuingFormMixin(ServiceFormMixin):
    """A form whose service issues initial passwords: its success is the page showing them."""

    issued_title = ""

    def issued(self, result) -> list[IssuedPassword]:
        return [result]

    def success_response(self, result):
        return issued_response(
            self.request,
            issued=self.issued(result),
            title=self.issued_title,
            back_url=self.get_success_url(result),
        )


# ----------------------------------------------------------------------- a township's accounts


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


class SlipsView(View):
    """The slips of the passwords just issued, as a PDF: from the token on the page that
    showed them, for the user who issued them, for SLIPS_TOKEN_MAX_AGE."""

    def post(self, request):
        try:
            slips = slips_from_token(token=request.POST.get("token", ""), user=request.user)
        except signing.BadSignature:
            response = render(
                request,
                "congress/accounts/slips_expired.html",
                {"minutes": SLIPS_TOKEN_MAX_AGE // 60},
                status=400,
            )
        else:
            filename = _("login-slips-%(date)s.pdf") % {"date": timezone.localdate().isoformat()}
            response = pdf_response(slips_pdf(slips=slips), filename=filename, inline=False)
        add_never_cache_headers(response)
        return response


# ----------------------------------------------------------------------- handling units


class UnitListView(
    PermissionRequiredMixin, TownshipMixin, ListWithAddFormMixin, ServiceFormMixin, FormView
):
    """The township's handling units, with a form to add one."""

    permission_required = "congress.view_unit"
    add_permission = "congress.add_unit"
    template_name = "congress/accounts/unit_list.html"
    form_class = UnitForm

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "units": units_for_user(user=self.request.user),
        }

    def perform(self, form):
        return unit_save(township=self.township, **form.cleaned_data)

    def get_success_message(self, unit):
        return _("Handling unit %(name)s saved.") % {"name": unit.name}

    def get_success_url(self, unit):
        return reverse("township:units")


class UnitUpdateView(PermissionRequiredMixin, TownshipMixin, ServiceFormMixin, FormView):
    """Rename a unit, change its kind, deactivate or reactivate it."""

    permission_required = "congress.change_unit"
    template_name = "congress/accounts/unit_form.html"
    form_class = UnitEditForm

    @cached_property
    def unit(self) -> Unit:
        return unit_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.unit}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "unit": self.unit}

    def perform(self, form):
        # The form's instance already holds the new values; the service checks and saves.
        return unit_save(township=self.township, instance=self.unit, **form.cleaned_data)

    def get_success_message(self, unit):
        return _("Handling unit %(name)s saved.") % {"name": unit.name}

    def get_success_url(self, unit):
        return reverse("township:units")


# ----------------------------------------------------------------------- the county


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
