"""The work report pages: the list (staff's township reports, or the county's final versions),
the version page where staff edit and the presidium approves, the PDF's progress and download,
and a deputy's one-page summary. Thin views over reports.services and reports.selectors; a
service's ValidationError becomes a message or a form error, never a 500."""

from .deputies import DeputySummaryView  # noqa: F401
from .lists import ReportListView, WorkReportCreateView  # noqa: F401
from .rendering import RenderProgressView, RenderView, ReportDownloadView  # noqa: F401
from .sections import (  # noqa: F401
    SectionAcceptView,
    SectionAddView,
    SectionDeleteView,
    SectionDismissView,
    SectionEditView,
    SectionMoveView,
    SectionRefreshView,
)
from .versions import (  # noqa: F401
    VersionDetailView,
    VersionEditView,
    VersionMoveView,
    VersionNextView,
    VersionPdfView,
    VersionRegenerateView,
    VersionRenderView,
)
