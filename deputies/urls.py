from django.urls import path

from . import views

app_name = "deputies"
urlpatterns = [
    path("", views.DeputyListView.as_view(), name="list"),
    path("new/", views.DeputyCreateView.as_view(), name="create"),
]
