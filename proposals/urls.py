from django.urls import path

from . import views
from .views import importing

app_name = "proposals"
urlpatterns = [
    path("", views.ProposalListView.as_view(), name="list"),
    path("new/", views.ProposalCreateView.as_view(), name="create"),
    path("mine/", views.MyProposalsView.as_view(), name="mine"),
    # The term's earlier proposals and answers, from Excel.
    path("import/", importing.EarlierImportUploadView.as_view(), name="import"),
    path("import/check/", importing.EarlierImportCheckView.as_view(), name="import_check"),
    path("import/template/", importing.EarlierImportTemplateView.as_view(), name="import_template"),
    path("similar/", views.SimilarProposalsView.as_view(), name="similar"),
    path("<int:pk>/attach/", views.ProposalAttachView.as_view(), name="attach"),
    path("files/<int:pk>/", views.ProposalAttachmentView.as_view(), name="attachment"),
    path("answers/<int:pk>/attach/", views.AnswerAttachView.as_view(), name="answer_attach"),
    path(
        "answers/files/<int:pk>/",
        views.AnswerAttachmentView.as_view(),
        name="answer_attachment",
    ),
    path("stats/", views.StatisticsView.as_view(), name="stats"),
    path("stats/export/", views.StatisticsExportView.as_view(), name="stats_export"),
    path("<int:pk>/", views.ProposalDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.ProposalEditView.as_view(), name="edit"),
    path("<int:pk>/invite/", views.InviteView.as_view(), name="invite"),
    path("<int:pk>/cosign/", views.CosignView.as_view(), name="cosign"),
    path("<int:pk>/move/<slug:move>/", views.ProposalMoveView.as_view(), name="move"),
    path("<int:pk>/dates/", views.ProposalDatesView.as_view(), name="dates"),
    # Deadlines: extensions, co-units' views, the units' and the staff's lists, working days.
    path("<int:pk>/extension/", views.ExtensionRequestView.as_view(), name="extension_request"),
    path(
        "extensions/<int:pk>/decide/",
        views.ExtensionDecideView.as_view(),
        name="extension_decide",
    ),
    path("<int:pk>/counit-view/", views.CoUnitOpinionView.as_view(), name="counit_opinion"),
    path("unit/", views.UnitItemsView.as_view(), name="unit_items"),
    path("queues/", views.QueuesView.as_view(), name="queues"),
    path("workdays/", views.WorkdaysView.as_view(), name="workdays"),
    path("workdays/<int:pk>/delete/", views.WorkdayDeleteView.as_view(), name="workday_delete"),
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
