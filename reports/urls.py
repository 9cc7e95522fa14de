from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.ReportListView.as_view(), name="list"),
    path("new/", views.WorkReportCreateView.as_view(), name="create"),
    path("versions/<int:pk>/", views.VersionDetailView.as_view(), name="version"),
    path("versions/<int:pk>/edit/", views.VersionEditView.as_view(), name="version_edit"),
    path(
        "versions/<int:pk>/regenerate/",
        views.VersionRegenerateView.as_view(),
        name="version_regenerate",
    ),
    path(
        "versions/<int:pk>/move/<str:version_move>/",
        views.VersionMoveView.as_view(),
        name="version_move",
    ),
    path("versions/<int:pk>/next/", views.VersionNextView.as_view(), name="version_next"),
    path("versions/<int:pk>/render/", views.VersionRenderView.as_view(), name="version_render"),
    path("versions/<int:pk>/pdf/", views.VersionPdfView.as_view(), name="version_pdf"),
    path("versions/<int:pk>/sections/add/", views.SectionAddView.as_view(), name="section_add"),
    path("sections/<int:pk>/edit/", views.SectionEditView.as_view(), name="section_edit"),
    path("sections/<int:pk>/delete/", views.SectionDeleteView.as_view(), name="section_delete"),
    path(
        "sections/<int:pk>/move/<str:direction>/",
        views.SectionMoveView.as_view(),
        name="section_move",
    ),
    path("sections/<int:pk>/accept/", views.SectionAcceptView.as_view(), name="section_accept"),
    path("sections/<int:pk>/dismiss/", views.SectionDismissView.as_view(), name="section_dismiss"),
    path("sections/<int:pk>/refresh/", views.SectionRefreshView.as_view(), name="section_refresh"),
    path("renders/<int:pk>/", views.RenderView.as_view(), name="render"),
    path("renders/<int:pk>/progress/", views.RenderProgressView.as_view(), name="render_progress"),
    path("<int:pk>/download/", views.ReportDownloadView.as_view(), name="download"),
    path(
        "deputies/<int:pk>/summary.pdf",
        views.DeputySummaryView.as_view(),
        name="deputy_summary",
    ),
]
