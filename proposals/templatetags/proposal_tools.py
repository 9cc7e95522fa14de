"""Presentation of proposals' text on their pages. What a page shows, and what its user may do
there, comes from the view's context (proposals.views), never from a query here."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from ..masking import PLACEHOLDERS

register = template.Library()


@register.filter
def mark_withheld(text: str) -> SafeString:
    """The text escaped, each placeholder of what the public page withholds highlighted."""
    html = conditional_escape(text)
    for placeholder in PLACEHOLDERS.values():
        escaped = conditional_escape(placeholder)
        html = html.replace(escaped, f'<mark data-testid="withheld">{escaped}</mark>')
    return mark_safe(html)  # every part was escaped above
