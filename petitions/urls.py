from django.urls import path

from . import views

app_name = "petitions"
urlpatterns = [
    path("", views.PetitionListView.as_view(), name="list"),
    path("new/", views.PetitionCreateView.as_view(), name="create"),
    path("deadlines/", views.PetitionPolicyView.as_view(), name="policy"),
    path("<int:pk>/", views.PetitionDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.PetitionEditView.as_view(), name="edit"),
    path("<int:pk>/move/<str:petition_move>/", views.PetitionMoveView.as_view(), name="move"),
    path("<int:pk>/reply/", views.PetitionReplyView.as_view(), name="reply"),
]
