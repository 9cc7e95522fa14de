"""The session's printed documents: the election announcement and the summary."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.views import View

from congress.pdf import pdf_response

from .. import documents
from .common import SessionMixin


class SessionPdfView(PermissionRequiredMixin, SessionMixin, View):
    """A printed document of the session, rendered on request (one or two pages)."""

    permission_required = "congress_sessions.view_congresssession"

    def get(self, request, pk):
        pdf, filename = self.render()
        return pdf_response(pdf, filename=filename)


class AnnouncementPdfView(SessionPdfView):
    def render(self):
        return documents.election_announcement_pdf(session=self.session)


class SummaryPdfView(SessionPdfView):
    def render(self):
        return documents.session_summary_pdf(session=self.session)
