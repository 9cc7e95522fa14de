from django.urls import path

from .views import accounts, activities, imports, me, performance, roster

app_name = "deputies"
urlpatterns = [
    path("", roster.DeputyListView.as_view(), name="list"),
    path("new/", roster.DeputyCreateView.as_view(), name="create"),
    path("export/", roster.RosterExportView.as_view(), name="export"),
    path("composition/", roster.CompositionView.as_view(), name="composition"),
    path("accounts/", accounts.DeputyAccountsCreateView.as_view(), name="accounts_create"),
    path("<int:pk>/", roster.DeputyDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", roster.DeputyUpdateView.as_view(), name="edit"),
    path("<int:pk>/photo/", roster.DeputyPhotoView.as_view(), name="photo"),
    path("<int:pk>/account/", accounts.DeputyAccountCreateView.as_view(), name="account_create"),
    path("<int:pk>/mandates/new/", roster.MandateAddView.as_view(), name="mandate_add"),
    path(
        "<int:pk>/mandates/<int:mandate_pk>/",
        roster.MandateUpdateView.as_view(),
        name="mandate_edit",
    ),
    path("constituencies/", roster.ConstituencyListView.as_view(), name="constituencies"),
    path(
        "constituencies/<int:pk>/",
        roster.ConstituencyUpdateView.as_view(),
        name="constituency_edit",
    ),
    path("groups/", roster.DeputyGroupListView.as_view(), name="groups"),
    path("groups/<int:pk>/", roster.DeputyGroupUpdateView.as_view(), name="group_edit"),
    path("import/", imports.ImportUploadView.as_view(), name="import"),
    path("import/template/", imports.ImportTemplateView.as_view(), name="import_template"),
    path("import/<int:pk>/", imports.ImportPreviewView.as_view(), name="import_preview"),
    path("import/<int:pk>/file/", imports.ImportFileView.as_view(), name="import_file"),
    path("import/<int:pk>/discard/", imports.ImportDiscardView.as_view(), name="import_discard"),
    path("activities/", activities.ActivityListView.as_view(), name="activities"),
    path("activities/new/", activities.ActivityCreateView.as_view(), name="activity_create"),
    path("activities/<int:pk>/", activities.ActivityDetailView.as_view(), name="activity_detail"),
    path(
        "activities/<int:pk>/edit/", activities.ActivityUpdateView.as_view(), name="activity_edit"
    ),
    path(
        "activities/<int:pk>/attendance/",
        activities.ActivityAttendanceView.as_view(),
        name="activity_attendance",
    ),
    path(
        "activities/<int:pk>/attachments/",
        activities.ActivityAttachView.as_view(),
        name="activity_attach",
    ),
    path(
        "activities/attachments/<int:pk>/",
        activities.AttachmentView.as_view(),
        name="attachment",
    ),
    path("contacts/", activities.LiaisonContactView.as_view(), name="liaison_contacts"),
    path("reports-to-voters/", activities.ReportToVotersView.as_view(), name="reports_to_voters"),
    path("performance/", performance.RankingView.as_view(), name="ranking"),
    path("performance/export/", performance.RankingExportView.as_view(), name="ranking_export"),
    path(
        "performance/rules/", performance.PerformanceRulesView.as_view(), name="performance_rules"
    ),
    path("me/", me.MyProfileView.as_view(), name="me"),
    path("me/edit/", me.MyProfileEditView.as_view(), name="me_edit"),
    path("me/voter-contacts/new/", me.MyVoterContactView.as_view(), name="me_voter_contact"),
]
