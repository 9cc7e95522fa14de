"""What the office's publicity adds to the core: each article's history with where it was
published, and the year's figures."""

from congress import registry

from . import selectors


def register():
    registry.history_kinds.register(
        registry.HistoryKind(
            key="article",
            model="publicity.Article",
            children=(("publicity.Publication", "article_id"),),
        )
    )
    registry.year_summary_sources.register(
        registry.YearSummarySource(
            key="publicity", summary=selectors.publicity_year_summary, order=70
        )
    )
