"""A deputy's one-page performance summary as a PDF (reports.drafting.deputy)."""

from django.utils import translation
from django.views import View

from congress.pdf import pdf_response
from congress.scoping import get_visible_or_404
from congress.views_mixins import YearMixin
from deputies.models import Deputy

from ..drafting.deputy import deputy_summary_document
from ..printing import document_html, document_pdf
from ..services import report_language


class DeputySummaryView(YearMixin, View):
    """?year=2024 (this year when missing or nonsense). Staff and presidium members of the
    deputy's township, and the deputy themself (their own only): congress.roles.READS for
    deputies; anyone else gets 404."""

    def get(self, request, pk: int):
        deputy = get_visible_or_404(Deputy.objects.select_related("township"), request.user, pk=pk)
        with translation.override(report_language(deputy.township)):
            html = document_html(deputy_summary_document(deputy=deputy, year=self.year))
        pdf = document_pdf(html)
        return pdf_response(pdf, filename=f"{deputy.name}-{self.year}-履职情况.pdf")
