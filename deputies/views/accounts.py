"""Deputies' login accounts, made from the roster: one deputy's, or every deputy's who holds a
mandate and has none. The page that follows shows the initial passwords once, with the slips."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.accounts.views import IssuingConfirmView
from congress.views_mixins import TownshipMixin

from ..selectors import deputies_without_account, deputy_get_for_user
from ..services import deputy_account_create, deputy_accounts_create_missing

ACCOUNT_PERMISSIONS = ("deputies.change_deputy", "congress.add_user")


class DeputyAccountCreateView(PermissionRequiredMixin, IssuingConfirmView):
    """Asks first; then creates the deputy's account and shows its initial password."""

    permission_required = ACCOUNT_PERMISSIONS
    template_name = "deputies/deputy_account.html"

    @cached_property
    def deputy(self):
        return deputy_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "deputy": self.deputy}

    def issue(self):
        return [deputy_account_create(deputy=self.deputy, by=self.request.user)]

    def issued_title(self, issued):
        return _("Login account created")

    def back_url(self):
        return reverse("deputies:detail", args=[self.deputy.pk])


class DeputyAccountsCreateView(PermissionRequiredMixin, TownshipMixin, IssuingConfirmView):
    """Lists the deputies holding a mandate without an account; creates all their accounts."""

    permission_required = ACCOUNT_PERMISSIONS
    template_name = "deputies/deputy_accounts.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "deputies": deputies_without_account(township=self.township, day=timezone.localdate()),
        }

    nothing_issued = gettext_lazy("Every deputy holding a mandate already has an account.")

    def issue(self):
        return deputy_accounts_create_missing(township=self.township, by=self.request.user)

    def issued_title(self, issued):
        return _("Login accounts created for %(count)d deputies") % {"count": len(issued)}

    def back_url(self):
        return reverse("deputies:list")
