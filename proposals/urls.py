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
    path("<int:pk>/merge/", views.ProposalMergeView.as_view(), name="merge"),
    path("<int:pk>/split/", views.ProposalSplitView.as_view(), name="split"),
    path("<int:pk>/publish/", views.ProposalPublishView.as_view(), name="publish"),
    path("meetings/", views.MeetingListView.as_view(), name="meetings"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting"),
    path("meetings/<int:pk>/edit/", views.MeetingEditView.as_view(), name="meeting_edit"),
    path(
        "meetings/<int:pk>/sheets.pdf", views.MeetingSheetsPdfView.as_view(), name="meeting_sheets"
    ),
    path("fields/", views.ProposalFieldListView.as_view(), name="fields"),
    path("fields/<int:pk>/", views.ProposalFieldEditView.as_view(), name="field_edit"),
    path("fields/<int:pk>/move/", views.ProposalFieldMoveView.as_view(), name="field_move"),
    path("answer-categories/", views.AnswerCategoryListView.as_view(), name="answer_categories"),
    path(
        "answer-categories/<int:pk>/",
        views.AnswerCategoryEditView.as_view(),
        name="answer_category_edit",
    ),
    path(
        "from-voter-contact/<int:pk>/",
        views.ProposalFromVoterContactView.as_view(),
        name="from_voter_contact",
    ),
]
