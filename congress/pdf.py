"""HTML to PDF with WeasyPrint. Chinese glyphs come from the system's Noto CJK fonts.

In the core so that every layer can print: the reports app its year-end PDFs, the accounts
pages the slips with a new user's initial password."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header


def render_pdf(*, template_name: str, context: dict) -> bytes:
    # Imported here: WeasyPrint is slow to import and only the pages that print need it.
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    return HTML(string=html).write_pdf()


def pdf_response(pdf: bytes, *, filename: str, inline: bool = True) -> HttpResponse:
    """A generated PDF for the browser: shown in its viewer (or downloaded) under `filename`,
    never cached by a shared cache (it holds records behind the login)."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    patch_cache_control(response, private=True, no_store=True)
    return response
