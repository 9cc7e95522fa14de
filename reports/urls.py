from django.urls import path

from . import views, views_deputy

app_name = "reports"
urlpatterns = [
    path("", views.ReportListView.as_view(), name="list"),
    path("new/", views.ReportRequestView.as_view(), name="create"),
    path("<int:pk>/download/", views.ReportDownloadView.as_view(), name="download"),
    path(
        "deputies/<int:pk>/summary.pdf",
        views_deputy.DeputySummaryView.as_view(),
        name="deputy_summary",
    ),
]
