"""Pages for login accounts: a township's staff manage its accounts and handling units; the
county administrator manages townships and their staff accounts. Every page that shows an
initial password is rendered by `issued_response`, never cached."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
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
from ..roles import GRANTABLE_PERMISSIONS, STAFF_CREATES_ROLES, Role
from ..services import unit_save
from ..views_mixins import ListWithAddFormMixin, ServiceFormMixin, TownshipMixin
from .forms import (
    AccountCreateForm,
    StaffCreateForm,
    StaffPasswordForm,
    TownshipCreateForm,
    UnitEditForm,
    UnitForm,
)
from .selectors import (
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
    """The township's logins: who, which role, which unit, active or not, last login."""

    permission_required = "congress.view_user"
    template_name = "congress/accounts/account_list.html"

    def get_context_data(self, **kwargs):
        role = self.request.GET.get("role", "")
        if role not in Role.values:
            role = ""
        accounts = list(accounts_for_user(user=self.request.user, role=role))
        if self.request.user.has_perm("congress.change_user"):
            # Staff accounts may be given what no role carries, one by one.
            held = grantable_permissions_held(users=[a for a in accounts if a.role == Role.STAFF])
            for account in accounts:
                account.grants = (
                    [
                        {"label": label, "description": text, "held": label in held[account.pk]}
                        for label, text in GRANTABLE_PERMISSIONS.items()
                    ]
                    if account.pk in held
                    else []
                )
        return {
            **super().get_context_data(**kwargs),
            "township": self.township,
            "accounts": accounts,
            "role": role,
            "roles": [r for r in Role if r.value in {*STAFF_CREATES_ROLES, Role.DEPUTY}],
        }


class AccountCreateView(PermissionRequiredMixin, TownshipMixin, IssuingFormMixin, FormView):
    permission_required = "congress.add_user"
    template_name = "congress/accounts/account_form.html"
    form_class = AccountCreateForm
    issued_title = gettext_lazy("Account created")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": unit_choices(township=self.township)}

    def perform(self, form):
        return account_create(by=self.request.user, township=self.township, **form.cleaned_data)

    def get_success_url(self, result):
        return reverse("township:accounts")


class AccountPasswordView(PermissionRequiredMixin, IssuingConfirmView):
    """Give a user who forgot their password a new initial one: asked first, then shown once."""

    permission_required = "congress.change_user"
    template_name = "congress/accounts/account_password.html"

    @cached_property
    def account(self):
        return account_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "account": self.account}

    def issue(self):
        return [account_issue_password(by=self.request.user, user=self.account)]

    def issued_title(self, issued):
        return _("New initial password issued")

    def back_url(self):
        return reverse("township:accounts")


class AccountSetActiveView(PermissionRequiredMixin, View):
    """Deactivate or reactivate an account (POST active=0 or 1)."""

    permission_required = "congress.change_user"

    def post(self, request, pk):
        account = account_get_for_user(user=request.user, pk=pk)
        active = request.POST.get("active") == "1"
        try:
            account_set_active(by=request.user, user=account, active=active)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            template = (
                _("The account of %(name)s is active again.")
                if active
                else _("The account of %(name)s is deactivated: it can no longer log in.")
            )
            messages.success(request, template % {"name": account.display_name})
        return redirect("township:accounts")


class AccountPermissionsView(PermissionRequiredMixin, View):
    """Give a staff account exactly the grantable permissions ticked (POST permission=...)."""

    permission_required = "congress.change_user"
    http_method_names = ["post"]

    def post(self, request, pk):
        account = account_get_for_user(user=request.user, pk=pk)
        try:
            changed = account_permissions_set(
                by=request.user, user=account, granted=set(request.POST.getlist("permission"))
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if changed:
                messages.success(
                    request,
                    _("The access of %(name)s is saved.") % {"name": account.display_name},
                )
        return redirect("township:accounts")


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
        return township_create(by=self.request.user, **form.cleaned_data)

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
    """A township and its staff accounts, with what the county administrator does for them."""

    permission_required = "congress.view_township"
    template_name = "congress/accounts/township_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["staff"] = township_staff(township=self.township)
        return context


class TownshipStaffCreateView(CountyTownshipMixin, IssuingFormMixin, FormView):
    """Another staff account for a township (its only one left, say)."""

    permission_required = "congress.change_township"
    template_name = "congress/accounts/township_staff_form.html"
    form_class = StaffCreateForm
    issued_title = gettext_lazy("Account created")

    def perform(self, form):
        return account_create(
            by=self.request.user, township=self.township, role=Role.STAFF, **form.cleaned_data
        )

    def get_success_url(self, result):
        return reverse("county:township", args=[self.township.pk])


class TownshipStaffPasswordView(CountyTownshipMixin, IssuingFormMixin, FormView):
    """A new initial password for one of a township's staff who forgot theirs."""

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
        return account_issue_password(by=self.request.user, user=form.cleaned_data["user"])

    def get_success_url(self, result):
        return reverse("county:township", args=[self.township.pk])
