from django.urls import path

from ..views import evaluations

urlpatterns = [
    path("evaluations/", evaluations.EvaluationListView.as_view(), name="evaluations"),
    path(
        "actions/<int:pk>/evaluation/",
        evaluations.EvaluationStartView.as_view(),
        name="evaluation_start",
    ),
    path(
        "evaluations/<int:pk>/",
        evaluations.EvaluationDetailView.as_view(),
        name="evaluation_detail",
    ),
    path(
        "evaluations/<int:pk>/edit/",
        evaluations.EvaluationEditView.as_view(),
        name="evaluation_edit",
    ),
    path(
        "evaluations/<int:pk>/ratings/",
        evaluations.EvaluationRatingsView.as_view(),
        name="evaluation_ratings",
    ),
    path(
        "evaluations/<int:pk>/response/",
        evaluations.EvaluationRespondView.as_view(),
        name="evaluation_respond",
    ),
]
