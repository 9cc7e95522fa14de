"""A version as a document: its sections numbered, its paragraphs split into headings, figures
and text. The PDF (GB/T 9704 layout) and the browser preview read the same structure, so the
two show the same words, tables and charts."""

import re
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone

from .drafting.base import chinese_date, chinese_number
from .drafting.tokens import Piece, paragraphs, pieces

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
            number = chinese_number(n)
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
        {"document": document, "generated_at": timezone.localtime()},
    )
