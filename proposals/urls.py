from django.urls import path

from . import views

app_name = "proposals"
urlpatterns = [
    path("", views.ProposalListView.as_view(), name="list"),
    path("new/", views.ProposalCreateView.as_view(), name="create"),
    path("<int:pk>/", views.ProposalDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.ProposalEditView.as_view(), name="edit"),
    path("<int:pk>/invite/", views.InviteView.as_view(), name="invite"),
    path("<int:pk>/cosign/", views.CosignView.as_view(), name="cosign"),
    path("<int:pk>/move/<slug:move>/", views.ProposalMoveView.as_view(), name="move"),
    path(
        "from-voter-contact/<int:pk>/",
        views.ProposalFromVoterContactView.as_view(),
        name="from_voter_contact",
    ),
]
