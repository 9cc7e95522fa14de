from django.urls import path

from ..views import elections

urlpatterns = [
    path("elections/", elections.ElectionListView.as_view(), name="elections"),
    path("elections/new/", elections.ObservationCreateView.as_view(), name="election_create"),
    path(
        "elections/<int:pk>/edit/",
        elections.ObservationEditView.as_view(),
        name="election_edit",
    ),
]
