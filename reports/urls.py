from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.ReportListView.as_view(), name="list"),
    path("new/", views.ReportRequestView.as_view(), name="create"),
    path("<int:pk>/download/", views.ReportDownloadView.as_view(), name="download"),
]
