from django.urls import path

from . import views

# A township's staff: its accounts and handling units.
township_patterns = (
    [
        path("accounts/", views.AccountListView.as_view(), name="accounts"),
        path("accounts/new/", views.AccountCreateView.as_view(), name="account_create"),
        path(
            "accounts/<int:pk>/password/",
            views.AccountPasswordView.as_view(),
            name="account_password",
        ),
        path(
            "accounts/<int:pk>/active/", views.AccountSetActiveView.as_view(), name="account_active"
        ),
        path("units/", views.UnitListView.as_view(), name="units"),
        path("units/<int:pk>/", views.UnitUpdateView.as_view(), name="unit_edit"),
    ],
    "township",
)

# The county administrator: townships and their staff accounts.
county_patterns = (
    [
        path("", views.TownshipListView.as_view(), name="townships"),
        path("new/", views.TownshipCreateView.as_view(), name="township_create"),
        path("<int:township_pk>/", views.TownshipDetailView.as_view(), name="township"),
        path("<int:township_pk>/edit/", views.TownshipUpdateView.as_view(), name="township_edit"),
        path(
            "<int:township_pk>/staff/new/",
            views.TownshipStaffCreateView.as_view(),
            name="staff_create",
        ),
        path(
            "<int:township_pk>/staff/password/",
            views.TownshipStaffPasswordView.as_view(),
            name="staff_password",
        ),
        path(
            "<int:township_pk>/staff/<int:pk>/active/",
            views.TownshipStaffActiveView.as_view(),
            name="staff_active",
        ),
        path(
            "<int:township_pk>/staff/<int:pk>/permissions/",
            views.TownshipStaffPermissionsView.as_view(),
            name="staff_permissions",
        ),
    ],
    "county",
)
