"""Small pieces the apps' views share: running a service from a valid form, the year and the
township a page is about."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property

from .forms import form_add_service_error
from .scoping import acting_township


class ServiceFormMixin:
    """form_valid calls `perform(form)` (one service); a ValidationError from it goes back to
    the form in Chinese, nothing saved; success adds `success_message` and redirects (or
    whatever `success_response` returns)."""

    success_message = ""

    def perform(self, form):
        raise NotImplementedError

    def get_success_message(self, result) -> str:
        return self.success_message

    def form_valid(self, form):
        try:
            result = self.perform(form)
        except ValidationError as error:
            form_add_service_error(form, error)
            return self.form_invalid(form)
        return self.success_response(result)

    def success_response(self, result):
        """By default a message and a redirect; a page that must show what the service
        returned only once (an initial password) renders it instead."""
        message = self.get_success_message(result)
        if message:
            messages.success(self.request, message)
        return redirect(self.get_success_url(result))

    def get_success_url(self, result):  # noqa: D401 - same name as Django's, takes the result
        return self.success_url


class YearMixin:
    """The year a page is about: ?year=2024, this year when missing or nonsense."""

    @cached_property
    def year(self) -> int:
        this_year = timezone.localdate().year
        try:
            year = int(self.request.GET.get("year", ""))
        except ValueError:
            return this_year
        return year if 1980 <= year <= this_year + 1 else this_year


class TownshipMixin:
    """The township the signed-in user works in, for pages that create or list its records;
    a user of no township (a county viewer) may not use such a page."""

    @cached_property
    def township(self):
        return acting_township(self.request.user)
