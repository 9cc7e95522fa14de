from captcha import views as challenge_views
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from . import views
from .accounts import views as account_views
from .accounts.urls import county_patterns, township_patterns
from .security.login import LoginForm


def moved_to(url):
    return RedirectView.as_view(url=url, permanent=True, query_string=True)


urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("history/<str:model_key>/<int:pk>/", views.history, name="history"),
    path("guide/", include("congress.guide.urls")),
    path("notifications/", views.NotificationListView.as_view(), name="notification_list"),
    path("notifications/<int:pk>/open/", views.notification_open, name="notification_open"),
    path("notifications/read-all/", views.notification_read_all, name="notification_read_all"),
    path("accounts/profile/", views.ProfileView.as_view(), name="profile"),
    path(
        "accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"
    ),
    # The login's picture challenge (congress.security.login), before anyone has logged in.
    path(
        "accounts/login/challenge/<str:key>/2x/",
        login_not_required(challenge_views.captcha_image),
        {"scale": 2},
        name="captcha-image-2x",
    ),
    path(
        "accounts/login/challenge/<str:key>/",
        login_not_required(challenge_views.captcha_image),
        {"scale": 1},
        name="captcha-image",
    ),
    path(
        "accounts/login/challenge/",
        login_not_required(challenge_views.captcha_refresh),
        name="captcha-refresh",
    ),
    path("accounts/audit/", views.AuthEventListView.as_view(), name="auth_events"),
    path("accounts/locked/", views.LockedLoginListView.as_view(), name="locked_logins"),
    path("accounts/locked/<int:pk>/unlock/", views.LoginUnlockView.as_view(), name="login_unlock"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/forgot/", views.password_forgot, name="password_forgot"),
    path("accounts/slips/", account_views.SlipsView.as_view(), name="slips"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("calendar/", include("congress.calendar.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("township/", include(township_patterns)),
    path("county/", include(county_patterns)),
    path("sessions/", include("sessions.urls")),
    path("deputies/", include("deputies.urls")),
    path("proposals/", include("proposals.urls")),
    path("public/proposals/", include("proposals.public_urls")),
    path("oversight/", include("oversight.urls")),
    path("petitions/", include("petitions.urls")),
    path("publicity/", include("publicity.urls")),
    # Letters and visits and the publicity pages were oversight's until they became apps of
    # their own: old links and bookmarks land, permanently redirected, on the same page.
    re_path(r"^oversight/petitions/(?P<rest>.*)$", moved_to("/petitions/%(rest)s")),
    re_path(r"^oversight/articles/(?P<rest>.*)$", moved_to("/publicity/%(rest)s")),
    path("reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
]
# No URL serves MEDIA_ROOT, not even with DEBUG on: files are sent by views that check who may
# read their record (congress.files).
