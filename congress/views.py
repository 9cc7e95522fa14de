from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import FormView, ListView, TemplateView, View

from .forms import AuthEventFilterForm, ProfileForm, form_add_service_error
from .notifications.selectors import notification_get_for_user, notifications_for_user
from .notifications.services import notification_mark_all_read, notification_mark_read
from .pagination import BoundedPaginator
from .security.selectors import (
    auth_events_for_user,
    lockable_user_get_for_user,
    login_failures_for_user,
)
from .security.services import login_unlock
from .selectors import dashboard_for_user, history_for_user
from .services import user_password_change, user_profile_update
from .views_mixins import FilterFormListMixin, ServiceFormMixin, YearMixin


class HomeView(YearMixin, TemplateView):
    """Each role lands on its own page: what waits for it, the year's figures, its records."""

    template_name = "congress/home.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "year": self.year,
            **dashboard_for_user(user=self.request.user, year=self.year),
        }


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _broker_state() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    from congress.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception:
        return "unreachable"


@login_not_required
@never_cache
def healthz(request):
    """For monitors: 200 when the database and broker answer (or tasks run eagerly), else 503."""
    database = "ok" if _database_ok() else "unreachable"
    broker = _broker_state()
    healthy = database == "ok" and broker in {"ok", "eager"}
    return JsonResponse(
        {"status": "ok" if healthy else "error", "database": database, "broker": broker},
        status=200 if healthy else 503,
    )


def history(request, model_key: str, pk: int):
    """Who changed a record, when, and what: readable by staff of the record's township."""
    record, rows, deleted = history_for_user(user=request.user, model_key=model_key, pk=pk)
    return render(
        request, "congress/history.html", {"record": record, "rows": rows, "deleted": deleted}
    )


class NotificationListView(ListView):
    """The user's inbox, newest first; every role has one."""

    template_name = "congress/notification_list.html"
    context_object_name = "notifications"
    paginate_by = 30
    paginator_class = BoundedPaginator

    def get_queryset(self):
        return notifications_for_user(user=self.request.user)


def notification_open(request, pk: int):
    """Follow a notification to its record, marking it read; another user's answers 404."""
    notification = notification_get_for_user(user=request.user, pk=pk)
    notification_mark_read(notification=notification)
    safe = url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(notification.url if notification.url and safe else "notification_list")


@require_POST
def notification_read_all(request):
    count = notification_mark_all_read(user=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d notification marked read.", "%(count)d notifications marked read.", count
        )
        % {"count": count},
    )
    return redirect("notification_list")


class ProfileView(ServiceFormMixin, FormView):
    """Every user's own settings: their email address and how often email comes."""

    template_name = "congress/profile_form.html"
    form_class = ProfileForm
    success_message = gettext_lazy("Your settings are saved.")

    def get_initial(self):
        user = self.request.user
        return {"email": user.email, "email_frequency": user.email_frequency}

    def perform(self, form):
        return user_profile_update(user=self.request.user, **form.cleaned_data)

    def get_success_url(self, user):
        return reverse("profile")


class AuthEventListView(PermissionRequiredMixin, FilterFormListMixin, ListView):
    """The audit log of the township: logins, failures, lockouts, refused pages; staff only."""

    permission_required = "congress.view_authevent"
    template_name = "congress/authevent_list.html"
    context_object_name = "events"
    paginate_by = 50
    paginator_class = BoundedPaginator

    filter_form_class = AuthEventFilterForm
    rows_when_invalid = True  # every event, the errors shown beside the filters

    list_for_user = staticmethod(auth_events_for_user)


class LockedLoginListView(PermissionRequiredMixin, TemplateView):
    """The township's accounts with failed logins still counting, locked ones first to see,
    each with a button to unlock it."""

    permission_required = "congress.unlock_login"
    template_name = "congress/locked_login_list.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "rows": login_failures_for_user(user=self.request.user),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        }


class LoginUnlockView(PermissionRequiredMixin, View):
    """Unlock one account of the township (POST); another township's answers 404."""

    permission_required = "congress.unlock_login"

    def post(self, request, pk: int):
        account = lockable_user_get_for_user(user=request.user, pk=pk)
        try:
            login_unlock(actor=request.user, user=account, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(name)s can log in again.") % {"name": account.display_name}
            )
        return redirect("locked_logins")


class PasswordChangeView(auth_views.PasswordChangeView):
    """The user's own password, checked against the password rules by Django's form; setting
    it ends the duty to replace an initial password."""

    def form_valid(self, form):
        try:
            user_password_change(user=form.user, password=form.cleaned_data["new_password1"])
        except ValidationError as error:
            form_add_service_error(form, error)
            return self.form_invalid(form)
        update_session_auth_hash(self.request, form.user)
        return redirect(self.get_success_url())


@login_not_required
def password_forgot(request):
    """Deputies rarely have email: a forgotten password is replaced by the township's staff."""
    return render(request, "registration/password_forgot.html")
