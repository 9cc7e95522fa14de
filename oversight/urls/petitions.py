from django.urls import path

from ..views import petitions

urlpatterns = [
    path("petitions/", petitions.PetitionListView.as_view(), name="petitions"),
    path("petitions/new/", petitions.PetitionCreateView.as_view(), name="petition_create"),
    path("petitions/deadlines/", petitions.PetitionPolicyView.as_view(), name="petition_policy"),
    path("petitions/<int:pk>/", petitions.PetitionDetailView.as_view(), name="petition_detail"),
    path("petitions/<int:pk>/edit/", petitions.PetitionEditView.as_view(), name="petition_edit"),
    path(
        "petitions/<int:pk>/move/<str:petition_move>/",
        petitions.PetitionMoveView.as_view(),
        name="petition_move",
    ),
    path("petitions/<int:pk>/reply/", petitions.PetitionReplyView.as_view(), name="petition_reply"),
]
