from django.urls import path

from ..views import plans

urlpatterns = [
    path("plan/", plans.PlanView.as_view(), name="plan"),
    path("plan/new/", plans.PlanItemCreateView.as_view(), name="plan_item_create"),
    path("plan/<int:pk>/edit/", plans.PlanItemEditView.as_view(), name="plan_item_edit"),
    path(
        "plan/<int:pk>/move/<str:direction>/",
        plans.PlanItemMoveView.as_view(),
        name="plan_item_move",
    ),
]
