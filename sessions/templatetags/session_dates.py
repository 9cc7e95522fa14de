"""A session's dates as a page or a printed document writes them: one day once, a span with what
the two days share written once."""

import datetime

from django import template
from django.utils.dateformat import format as date_format

register = template.Library()


def date_span(start: datetime.date, end: datetime.date | None, *, written: bool = False) -> str:
    """2025-02-18, or 2025-02-18 – 2025-02-20; written (for prose and print): 2025年2月18日,
    2025年2月18日至20日, 2025年2月28日至3月2日, 2024年12月30日至2025年1月2日."""
    if not written:
        first = date_format(start, "Y-m-d")
        return first if not end or end == start else f"{first} – {date_format(end, 'Y-m-d')}"
    first = date_format(start, "Y年n月j日")
    if not end or end == start:
        return first
    if end.year != start.year:
        last = date_format(end, "Y年n月j日")
    elif end.month != start.month:
        last = date_format(end, "n月j日")
    else:
        last = date_format(end, "j日")
    return f"{first}至{last}"


@register.filter
def session_dates(session, style: str = "") -> str:
    """{{ session|session_dates }} for a page, {{ session|session_dates:"written" }} for prose."""
    return date_span(session.start_date, session.end_date, written=style == "written")
