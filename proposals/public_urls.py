"""Pages open without login (tests/test_isolation.py: LOGIN_FREE says which and why)."""

from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("<int:township_pk>/", views.PublicProposalListView.as_view(), name="proposals"),
]
