"""Pages that issue initial passwords, and the slips that carry them: every page that shows
an initial password is rendered by `issued_response`, never cached."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from ...pdf import pdf_response
from ...views_mixins import ServiceFormMixin
from ..services import IssuedPassword
from ..slips import (
    SLIPS_TOKEN_MAX_AGE,
    slips_from_token,
    slips_pdf,
    slips_site_url,
    slips_token,
)


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
            pdf = slips_pdf(slips=slips, site_url=slips_site_url(request))
            response = pdf_response(pdf, filename=filename, inline=False)
        add_never_cache_headers(response)
        return response
