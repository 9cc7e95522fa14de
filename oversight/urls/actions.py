from django.urls import path

from ..views import actions

urlpatterns = [
    path("", actions.ActionListView.as_view(), name="list"),
    path("new/", actions.ActionCreateView.as_view(), name="create"),
    path("<int:pk>/", actions.ActionDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", actions.ActionUpdateView.as_view(), name="edit"),
    path("<int:pk>/attendance/", actions.ActionAttendanceView.as_view(), name="attendance"),
    path("<int:pk>/attachments/", actions.ActionAttachView.as_view(), name="attach"),
    path("tasks/", actions.TaskListView.as_view(), name="tasks"),
    path("tasks/new/", actions.TaskCreateView.as_view(), name="task_create"),
    path("tasks/<int:pk>/", actions.TaskDetailView.as_view(), name="task_detail"),
    path("tasks/<int:pk>/edit/", actions.TaskUpdateView.as_view(), name="task_edit"),
    path("tasks/<int:pk>/reviews/new/", actions.ReviewAddView.as_view(), name="review_add"),
    path("campaigns/", actions.CampaignListView.as_view(), name="campaigns"),
    path("campaigns/new/", actions.CampaignCreateView.as_view(), name="campaign_create"),
    path("campaigns/<int:pk>/", actions.CampaignDetailView.as_view(), name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", actions.CampaignUpdateView.as_view(), name="campaign_edit"),
]
