"""What the annual report's sections share: quoting records, dates as tokens, the year's
sessions and activities read once per generation."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as __

from congress.numerals import chinese_numeral
from deputies.models import Activity
from deputies.selectors.activities import activities_in_year
from sessions.selectors import sessions_of_year

from ..base import (
    DraftContext,
    month_day,
    quote,
)

# ----------------------------------------------------------------------------- helpers

# Beyond this many, a section counts its activities instead of telling each with its date.
LISTED_ACTIVITIES = 8


def township_name(ctx: DraftContext) -> str:
    return quote(ctx, "township", ctx.township.name, __("Township"))


def date_token(ctx: DraftContext, key: str, day: datetime.date, label, url: str = "") -> str:
    """1月21日, as a token (the date of a record)."""
    return ctx.figure(key, month_day(day), label, url)


def span_token(ctx, key, start, end, label, url="") -> str:
    """1月8日 or 1月8日至15日 (9月2日至8日, as the 2024 report writes a week)."""
    first = date_token(ctx, f"{key}.date", start, label, url)
    if not end or end == start:
        return first
    last = (
        ctx.figure(f"{key}.end", f"{end.day}日", label, url)
        if end.month == start.month
        else date_token(ctx, f"{key}.end", end, label, url)
    )
    return f"{first}至{last}"


def month_token(ctx, key, day: datetime.date, label, url="") -> str:
    return ctx.figure(key, day.month, label, url)


def ordinal(n: int) -> str:
    """一是, 二是, … 十一是: how a report lists the parts of a piece of work."""
    return f"{chinese_numeral(n)}是"


def joined(items: list[str], last: str = "和") -> str:
    """A、B和C."""
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + last + items[-1]


def activities_url() -> str:
    return reverse("deputies:activities")


def activity_url(pk: int) -> str:
    return reverse("deputies:activity_detail", args=[pk])


def _once(ctx: DraftContext, name: str, read):
    """What several sections read, read once per generation."""
    if name not in ctx.extra:
        ctx.extra[name] = read()
    return ctx.extra[name]


def _sessions(ctx: DraftContext):
    return _once(ctx, "sessions", lambda: sessions_of_year(township=ctx.township, year=ctx.year))


def _activities(ctx: DraftContext, kinds=None):
    """The year's deputies' activities other than oversight actions (told in 四 and 七), of
    `kinds` if given."""
    activities = _once(
        ctx,
        "activities",
        lambda: activities_in_year(
            township=ctx.township, year=ctx.year, exclude_kinds=[Activity.Kind.OVERSIGHT]
        ),
    )
    return [a for a in activities if kinds is None or a.kind in kinds]


def session_name(term: int, number: int) -> str:
    """第十八届人民代表大会第二次会议."""
    return f"第{chinese_numeral(term)}届人民代表大会第{chinese_numeral(number)}次会议"
