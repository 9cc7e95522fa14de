"""A deputy's one-page performance summary as a PDF (reports.drafting.deputy)."""

from django.http import Http404
from django.utils import timezone, translation
from django.views import View

from congress.pdf import pdf_response
from congress.scoping import get_visible_or_404
from deputies.models import Deputy

from .drafting.deputy import deputy_summary_document
from .printing import document_html
from .services import FIRST_YEAR, REPORT_LANGUAGE


class DeputySummaryView(View):
    """Staff and presidium members of the deputy's township, and the deputy themself (their own
    only): congress.roles.READS for deputies. Anyone else, and a year outside the records, 404."""

    def get(self, request, pk: int, year: int):
        deputy = get_visible_or_404(Deputy.objects.select_related("township"), request.user, pk=pk)
        if not FIRST_YEAR <= year <= timezone.localdate().year:
            raise Http404
        from weasyprint import HTML  # slow to import: only when a PDF is asked for

        with translation.override(REPORT_LANGUAGE):
            html = document_html(deputy_summary_document(deputy=deputy, year=year))
            pdf = HTML(string=html).write_pdf()
        return pdf_response(pdf, filename=f"{deputy.name}-{year}-履职情况.pdf")
