"""A report's paragraphs, tables and charts as HTML: in the editor's preview each figure from the
records links to the records it counts and each number typed by hand is highlighted; in the
PDF both print as plain text."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..drafting.tokens import pieces as split_pieces
from ..svg import bar_chart_svg

register = template.Library()


def _piece_html(piece, links: bool) -> str:
    if not links or piece.kind == "text":
        return format_html("{}", piece.text)
    if piece.kind == "figure":
        title = piece.label
        if piece.url:
            return format_html(
                '<a class="figure" href="{}" title="{}">{}</a>', piece.url, title, piece.text
            )
        return format_html('<span class="figure" title="{}">{}</span>', title, piece.text)
    if piece.expected:
        title = _("Typed by hand: the records say %(value)s") % {"value": piece.expected}
    else:
        title = _("Typed by hand, not taken from the records")
    return format_html('<mark class="typed" title="{}">{}</mark>', title, piece.text)


def _pieces_html(pieces, links: bool) -> str:
    return mark_safe("".join(_piece_html(piece, links) for piece in pieces))


@register.simple_tag
def report_paragraph(paragraph, links=False):
    """One paragraph; its run-in heading (一、… or （一）…) in its own face."""
    rest = _pieces_html(paragraph.rest, links)
    if not paragraph.lead:
        return rest
    return format_html(
        '<span class="{}">{}</span>{}',
        paragraph.lead_class,
        _pieces_html(paragraph.lead, links),
        rest,
    )


@register.simple_tag
def report_cell(text, figures, links=False):
    return _pieces_html(split_pieces(str(text), figures), links)


@register.simple_tag
def report_chart(block):
    return bar_chart_svg(block)
