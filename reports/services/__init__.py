"""The reports app's writes: drafting work reports (drafts) and rendering PDFs (rendering)."""

from .drafts import (  # noqa: F401
    section_accept,
    section_add,
    section_delete,
    section_dismiss,
    section_move,
    section_refresh_figures,
    section_update,
    version_move,
    version_regenerate,
    version_start_next,
    version_update,
    work_report_create,
)
from .rendering import (  # noqa: F401
    FIRST_YEAR,
    render_pdf,
    render_request,
    report_language,
    report_mark_failed,
    report_render,
    version_pdf,
)
