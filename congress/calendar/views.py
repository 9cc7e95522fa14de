from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from .ical import calendar_ics
from .selectors import (
    calendar_events_for_user,
    calendar_feed_by_token,
    calendar_feed_for_user,
    calendar_month_for_user,
    feed_window,
    month_start_of,
)
from .services import calendar_feed_create, calendar_feed_reset


def feed_urls(request, feed) -> dict[str, str]:
    """The feed's address as https:// (or http://, as this request came) and as webcal://,
    which phones open in their calendar app."""
    url = request.build_absolute_uri(reverse("calendar_feed", args=[feed.token]))
    return {"feed_url": url, "feed_webcal_url": "webcal://" + url.split("://", 1)[1]}


class CalendarView(TemplateView):
    """A month of what the user may see, from every registered source; every role has one
    (a role no source serves sees an empty month)."""

    template_name = "congress/calendar.html"

    def get_context_data(self, **kwargs):
        user, today = self.request.user, timezone.localdate()
        month = month_start_of(self.request.GET.get("month"), today=today)
        context = {
            **super().get_context_data(**kwargs),
            **calendar_month_for_user(user=user, month=month, today=today),
        }
        feed = calendar_feed_for_user(user=user)
        if feed is not None:
            context.update(feed_urls(self.request, feed))
        return context


class CalendarFeedCreateView(View):
    """The user asks for their feed address (a POST: it writes)."""

    def post(self, request):
        calendar_feed_create(user=request.user)
        messages.success(request, _("Your calendar address is ready."))
        return redirect(reverse("calendar") + "#subscribe")


class CalendarFeedResetView(View):
    """A new feed address; the old one answers 404 from now on."""

    def post(self, request):
        calendar_feed_reset(user=request.user)
        messages.success(
            request,
            _(
                "Your calendar has a new address; the old one no longer works. Subscribe again "
                "on your phone."
            ),
        )
        return redirect(reverse("calendar") + "#subscribe")


@method_decorator(login_not_required, name="dispatch")
class CalendarFeedView(View):
    """The feed a phone subscribes to. Phones cannot log in: the secret token in the address is
    the credential, so an unknown token (or an inactive user's) is a 404 like any missing
    page, and the events are the token's user's, scoped as on their calendar page."""

    def get(self, request, token: str):
        feed = calendar_feed_by_token(token=token)
        if feed is None:
            raise Http404
        user, today = feed.user, timezone.localdate()
        start, end = feed_window(today=today)
        township = user.township
        name = (
            _("%(township)s people's congress calendar") % {"township": township.name}
            if township is not None
            else _("People's congress calendar")
        )
        body = calendar_ics(
            events=calendar_events_for_user(user=user, start=start, end=end),
            name=name,
            uid=f"calendar-{user.pk}@renda",
            now=timezone.now(),
            absolute_url=request.build_absolute_uri,
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        # The events are personal: no browser or proxy may keep them (a logged-in page gets
        # the same from SecurityHeadersMiddleware; this request is anonymous).
        add_never_cache_headers(response)
        return response
