from django import template

from congress.numerals import document_numeral as as_written

register = template.Library()


@register.filter
def document_numeral(value):
    """{{ 18|document_numeral }}: 十八 in Chinese, 18 in English; anything that is not a
    whole number is left as it is."""
    try:
        return as_written(int(value))
    except (TypeError, ValueError):
        return value
