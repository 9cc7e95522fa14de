from django.urls import path

from . import views

app_name = "sessions"
urlpatterns = [
    path("", views.SessionListView.as_view(), name="list"),
    path("new/", views.SessionCreateView.as_view(), name="create"),
    path("<int:pk>/attendance/", views.SessionAttendanceView.as_view(), name="attendance"),
]
