from django.urls import path

from . import views

app_name = "sessions"
urlpatterns = [
    path("", views.SessionListView.as_view(), name="list"),
    path("new/", views.SessionCreateView.as_view(), name="create"),
    path("new-term/", views.TermStartView.as_view(), name="term_start"),
    path("<int:pk>/", views.SessionDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.SessionEditView.as_view(), name="edit"),
    path("<int:pk>/move/", views.SessionMoveView.as_view(), name="move"),
    path("<int:pk>/presidium/", views.PresidiumView.as_view(), name="presidium"),
    path("<int:pk>/activities/", views.PreparatoryActivitiesView.as_view(), name="activities"),
    path("<int:pk>/tasks/", views.TaskAddView.as_view(), name="task_add"),
    path("tasks/<int:pk>/", views.TaskMarkView.as_view(), name="task_mark"),
    path("<int:pk>/sittings/", views.SittingAddView.as_view(), name="sitting_add"),
    path("sittings/<int:pk>/roll/", views.SittingRollView.as_view(), name="sitting_roll"),
    path("sittings/<int:pk>/delete/", views.SittingDeleteView.as_view(), name="sitting_delete"),
    path("<int:pk>/agenda/", views.AgendaItemAddView.as_view(), name="agenda_add"),
    path("agenda/<int:pk>/", views.AgendaItemEditView.as_view(), name="agenda_edit"),
    path("agenda/<int:pk>/delete/", views.AgendaItemDeleteView.as_view(), name="agenda_delete"),
    path("agenda/<int:pk>/documents/", views.DocumentAddView.as_view(), name="document_add"),
    path("documents/<int:pk>/", views.DocumentView.as_view(), name="document"),
    path("documents/<int:pk>/delete/", views.DocumentDeleteView.as_view(), name="document_delete"),
    path("<int:pk>/resolutions/", views.ResolutionAddView.as_view(), name="resolution_add"),
    path("resolutions/<int:pk>/", views.ResolutionEditView.as_view(), name="resolution_edit"),
    path(
        "resolutions/<int:pk>/delete/",
        views.ResolutionDeleteView.as_view(),
        name="resolution_delete",
    ),
    path("<int:pk>/elections/", views.ElectionAddView.as_view(), name="election_add"),
    path("elections/<int:pk>/", views.ElectionView.as_view(), name="election"),
    path("elections/<int:pk>/edit/", views.ElectionEditView.as_view(), name="election_edit"),
    path("elections/<int:pk>/delete/", views.ElectionDeleteView.as_view(), name="election_delete"),
    path(
        "candidates/<int:pk>/remove/",
        views.CandidateRemoveView.as_view(),
        name="candidate_remove",
    ),
    path("<int:pk>/announcement.pdf", views.AnnouncementPdfView.as_view(), name="announcement"),
    path("<int:pk>/summary.pdf", views.SummaryPdfView.as_view(), name="summary"),
]
