"""A version as a document: its sections numbered, its paragraphs split into headings, figures
and text. The PDF (GB/T 9704 layout) and the browser preview read the same structure, so the
two show the same words, tables and charts."""

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from congress.numerals import chinese_numeral

from .drafting.base import chinese_date
from .drafting.tokens import Piece, paragraphs, pieces
from .fonts import css_stacks

# 一、… within a section's text: a 黑体 run-in heading; （一）…: a 楷体 one (GB/T 9704 7.3.3).
LEAD = re.compile(r"^(?:(?P<hei>[一二三四五六七八九十]+、)|(?P<kai>（[一二三四五六七八九十]+）))")


@dataclass
class Paragraph:
    lead: list[Piece]  # the run-in heading, up to its first 。, or empty
    rest: list[Piece]
    lead_class: str = ""  # "hei" or "kai"


@dataclass
class PrintedSection:
    number: str  # "一" for a numbered section, else ""
    heading: str  # "numbered", "plain", "none"
    title: str
    paragraphs: list[Paragraph]
    blocks: list[dict]
    section: object = None


@dataclass
class PrintedDocument:
    title: str
    addressee: str
    issuer: str
    issue_date: str
    sections: list[PrintedSection] = field(default_factory=list)
    figures: dict = field(default_factory=dict)


def _paragraph(text: str, figures: dict) -> Paragraph:
    match = LEAD.match(text)
    if not match:
        return Paragraph(lead=[], rest=pieces(text, figures))
    end = text.find("。")
    cut = end + 1 if end != -1 else len(text)
    return Paragraph(
        lead=pieces(text[:cut], figures),
        rest=pieces(text[cut:], figures),
        lead_class="hei" if match.group("hei") else "kai",
    )


def printed_sections(sections, figures: dict) -> list[PrintedSection]:
    """Sections in order, the numbered ones numbered 一、二、… by their place."""
    printed, n = [], 0
    for section in sections:
        number = ""
        if section.heading == "numbered":
            n += 1
            number = chinese_numeral(n)
        printed.append(
            PrintedSection(
                number=number,
                heading=section.heading,
                title=section.title,
                paragraphs=[_paragraph(text, figures) for text in paragraphs(section.body)],
                blocks=section.blocks,
                section=section,
            )
        )
    return printed


def printed_document(version) -> PrintedDocument:
    figures = version.figures
    return PrintedDocument(
        title=version.title,
        addressee=version.addressee,
        issuer=version.issuer,
        issue_date=chinese_date(version.issue_date) if version.issue_date else "",
        sections=printed_sections(version.sections.all(), figures),
        figures=figures,
    )


def document_html(document: PrintedDocument) -> str:
    """The finished HTML the PDF is made from."""
    return render_to_string(
        "reports/document_pdf.html",
        {"document": document, "fonts": css_stacks(), "generated_at": timezone.localtime()},
    )


# One WeasyPrint render at a time per process: the warm-up thread and a request's render never
# lay out at once (Pango and fontconfig are not safe to share between threads).
_render_lock = threading.Lock()
_warmed = threading.Event()
_warm_started = threading.Lock()


def document_pdf(html: str, *, on_progress: Callable[[int], None] | None = None) -> bytes:
    """The PDF of a finished document: laid out, then written (fonts subset and embedded)."""
    from weasyprint import HTML  # slow to import: only the processes that print need it

    step = on_progress or (lambda percent: None)
    with _render_lock:
        document = HTML(string=html).render()
        step(80)
        pdf = document.write_pdf()
    _warmed.set()
    return pdf


def warm_up() -> None:
    """Import WeasyPrint and open every face the layout uses, once per process. Without it the
    first report a process prints takes several times as long as the next: importing WeasyPrint
    and loading the CJK font files cost more than laying out the report itself."""
    if _warmed.is_set():
        return
    sample = PrintedDocument(
        title="预热",
        addressee="县人大常委会",
        issuer="人大主席团",
        issue_date="2025年1月6日",
        sections=[
            PrintedSection(
                number="一",
                heading="numbered",
                title="标题",
                paragraphs=[_paragraph("一、黑体。（一）楷体。正文仿宋1", {})],
                blocks=[{"type": "bars", "title": "图", "unit": "", "bars": [["一", 1]]}],
            )
        ],
    )
    document_pdf(document_html(sample))


def warm_up_soon() -> None:
    """Warm up in a background thread, once: called when a user opens a page that leads to
    printing, so that the PDF they ask for next does not pay for it."""
    if (
        not settings.REPORTS_PDF_WARM_UP
        or _warmed.is_set()
        or not _warm_started.acquire(blocking=False)
    ):
        return
    threading.Thread(target=warm_up, name="pdf-warm-up", daemon=True).start()
