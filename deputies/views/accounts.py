"""Deputies' login accounts, made from the roster: one deputy's, or every deputy's who holds a
mandate and has none. The page that follows shows the initial passwords once, with the slips."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from congress.accounts.views import issued_response
from congress.views_mixins import TownshipMixin

from ..selectors import deputies_without_account, deputy_get_for_user
from ..services import deputy_account_create, deputy_accounts_create_missing

ACCOUNT_PERMISSIONS = ("deputies.change_deputy", "congress.add_user")


class DeputyAccountCreateView(PermissionRequiredMixin, TemplateView):
    """Asks first; then creates the deputy's account and shows its initial password."""

    permission_required = ACCOUNT_PERMISSIONS
    template_name = "deputies/deputy_account.html"

    @cached_property
    def deputy(self):
        return deputy_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "deputy": self.deputy}

    def post(self, request, pk):
        try:
            issued = deputy_account_create(deputy=self.deputy, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("deputies:detail", pk=self.deputy.pk)
        return issued_response(
            request,
            issued=[issued],
            title=_("Login account created"),
            back_url=reverse("deputies:detail", args=[self.deputy.pk]),
        )


class DeputyAccountsCreateView(PermissionRequiredMixin, TownshipMixin, TemplateView):
    """Lists the deputies holding a mandate without an account; creates all their accounts."""

    permission_required = ACCOUNT_PERMISSIONS
    template_name = "deputies/deputy_accounts.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "deputies": deputies_without_account(township=self.township, day=timezone.localdate()),
        }

    def post(self, request):
        issued = deputy_accounts_create_missing(township=self.township, by=request.user)
        if not issued:
            messages.info(request, _("Every deputy holding a mandate already has an account."))
            return redirect("deputies:list")
        return issued_response(
            request,
            issued=issued,
            title=_("Login accounts created for %(count)d deputies") % {"count": len(issued)},
            back_url=reverse("deputies:list"),
        )
