"""The machinery that drafts a report from a township's year.

A document (the presidium's work report, the proposal-handling report, a deputy's summary) is
a list of SectionSpecs. Each writes its section's text from a DraftContext, which reads the
year's records once (every app's YearSummary, the same figures the statistics pages show) and
records every figure the text quotes: `ctx.figure(...)` returns the `[value|key]` token that
the text carries (reports.drafting.tokens) and keeps its label and the page listing the records
it counts, which the version stores as its `figures`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.functional import cached_property

from congress.models import Township
from congress.registry import YearSummary, year_summaries
from congress.wording import XIANG_LANGUAGE, chinese_for

from . import tokens


def report_language(township: Township) -> str:
    """The language of a township's printed documents, whatever the language of the user who
    drafts them: they go to the county in Chinese, in the township's own words (乡长 in a 乡:
    congress.wording)."""
    return chinese_for(township)


def in_report_language(label) -> str:
    """A choice label or message in the documents' language: the Chinese the drafting runs
    under (services draft inside `translation.override(report_language(township))`), Chinese
    when called outside it."""
    language = translation.get_language()
    if language not in {"zh-hans", XIANG_LANGUAGE}:
        language = "zh-hans"
    with translation.override(language):
        return str(label)


def quote(ctx: "DraftContext", key: str, text: str, label, url: str = "") -> str:
    """Words of a record as the prose quotes them: as they are, or as a figure token when they
    hold a number (it is the records', not typed), cleaned of what would break a token."""
    text = " ".join(str(text).split())
    text = text.replace("[", "〔").replace("]", "〕").replace("|", "｜")
    if tokens.DIGITS.search(text):
        return ctx.figure(key, text, label, url)
    return text


@dataclass
class SectionDraft:
    """What a SectionSpec writes: the text (paragraphs, one per line, figures as tokens) and
    the statistics tables and charts drawn under it (see `table` and `bars`)."""

    body: str
    blocks: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class SectionSpec:
    """One standard section: its key (kept on the section so regeneration finds it), its
    default title (may use {year}, {next_year} and {town}: 镇 or 乡), its kind of heading, and
    the function writing it."""

    key: str
    title: str
    write: Callable[["DraftContext"], SectionDraft]
    heading: str = "numbered"  # ReportSection.Heading: "numbered", "plain", "none"

    def title_for(self, ctx: "DraftContext") -> str:
        return str(self.title).format(year=ctx.year, next_year=ctx.year + 1, town=ctx.town)


@dataclass(frozen=True)
class DocumentSpec:
    """A kind of document: its sections in their default order and its default title,
    addressee and issuer."""

    kind: str
    sections: list[SectionSpec]
    title: Callable[["DraftContext"], str]
    addressee: Callable[["DraftContext"], str]
    issuer: Callable[["DraftContext"], str]

    def section(self, key: str) -> SectionSpec | None:
        for spec in self.sections:
            if spec.key == key:
                return spec
        return None


class DraftContext:
    """A township's year, read once for all the sections of one generation."""

    def __init__(self, *, township: Township, year: int, **extra: Any):
        self.township = township
        self.year = year
        self.extra = extra
        self.figures: dict[str, dict] = {}
        self.language = report_language(township)
        # 镇 or 乡: what the prose builds 我镇, 镇人大主席团, 镇长 from (Township.short_kind).
        self.town = township.short_kind

    def write(self, spec: "SectionSpec") -> "SectionDraft":
        """A section drafted in the township's own Chinese (labels and choices included)."""
        with translation.override(self.language):
            return spec.write(self)

    @cached_property
    def summaries(self) -> dict[str, YearSummary]:
        return {
            summary.key: summary
            for summary in year_summaries(township=self.township, year=self.year)
        }

    def summary(self, key: str) -> YearSummary:
        return self.summaries[key]

    def figure(self, key: str, value, label: str, url: str = "") -> str:
        """Record a figure the text quotes and return its token."""
        value = str(value)
        self.figures[key] = {"value": value, "label": str(label), "url": str(url or "")}
        return tokens.token(value, key)

    def summary_figure(self, summary_key: str, figure_key: str, url: str = "") -> str:
        """A figure of an app's YearSummary, under the same label and records page as on the
        statistics page (or `url` where the summary names none): the key is
        "<summary>.<figure>"."""
        summary = self.summary(summary_key)
        for item in summary.figures:
            if item.key == figure_key:
                return self.figure(
                    f"{summary_key}.{figure_key}", item.value, item.label, item.url or url
                )
        raise KeyError(f"{summary_key}.{figure_key}")

    def value(self, summary_key: str, figure_key: str) -> int:
        return self.summary(summary_key)[figure_key]


def table(title: str, columns: list[str], rows: list[list], note: str = "") -> dict:
    """A statistics table under a section; cells may hold figure tokens."""
    return {
        "type": "table",
        "title": str(title),
        "columns": [str(column) for column in columns],
        "rows": [[str(cell) for cell in row] for row in rows],
        "note": str(note),
    }


def bars(title: str, bars: list[tuple[str, int]], unit: str = "") -> dict:
    """A bar chart under a section, drawn as SVG in the preview and the PDF alike."""
    return {
        "type": "bars",
        "title": str(title),
        "unit": str(unit),
        "bars": [[str(label), int(value)] for label, value in bars],
    }


def chinese_date(day) -> str:
    """2025年1月6日: the form dates take in an official document."""
    return f"{day.year}年{day.month}月{day.day}日"


def month_day(day) -> str:
    """1月21日: a date in the year the report covers."""
    return f"{day.month}月{day.day}日"
