from django.urls import path

from ..views import problems

urlpatterns = [
    path("problems/", problems.ProblemListView.as_view(), name="problems"),
    path("<int:pk>/problems/add/", problems.ProblemCreateView.as_view(), name="problem_add"),
    path("problems/<int:pk>/", problems.ProblemDetailView.as_view(), name="problem_detail"),
    path("problems/<int:pk>/edit/", problems.ProblemEditView.as_view(), name="problem_edit"),
    path("problems/<int:pk>/report/", problems.ProblemReportView.as_view(), name="problem_report"),
    path(
        "problems/<int:pk>/<str:problem_move>/",
        problems.ProblemMoveView.as_view(),
        name="problem_move",
    ),
    path("problems/evidence/<int:pk>/", problems.EvidenceView.as_view(), name="evidence"),
    path("problems/to-agenda/", problems.ProblemsToAgendaView.as_view(), name="problems_to_agenda"),
]
