"""HTML to PDF with WeasyPrint. Chinese glyphs come from the system's Noto CJK fonts.

In the core so that every layer can print: the reports app its year-end PDFs, the accounts
pages the slips with a new user's initial password."""

from django.template.loader import render_to_string


def render_pdf(*, template_name: str, context: dict) -> bytes:
    # Imported here: WeasyPrint is slow to import and only the pages that print need it.
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    return HTML(string=html).write_pdf()
