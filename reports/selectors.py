from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from congress.models import Township
from congress.registry import YearSummary, year_summaries
from congress.scoping import visible_to

from .models import Report

RECENT = 10


def report_list_for_user(*, user) -> QuerySet[Report]:
    """Staff and members read their township's reports; county viewers read every township's."""
    return visible_to(Report.objects.select_related("township", "requested_by"), user)


def report_get_for_user(*, user, pk: int) -> Report:
    return get_object_or_404(report_list_for_user(user=user), pk=pk)


@dataclass(frozen=True)
class AnnualStats:
    township: Township
    year: int
    summaries: list[YearSummary]

    def __getitem__(self, key: str) -> YearSummary:
        for summary in self.summaries:
            if summary.key == key:
                return summary
        raise KeyError(key)


def annual_stats(*, township: Township, year: int) -> AnnualStats:
    """The year's figures the work report quotes, as each app summarises its own year."""
    return AnnualStats(
        township=township, year=year, summaries=year_summaries(township=township, year=year)
    )


def reports_dashboard(*, user, year: int) -> dict:
    """County viewers land on the latest reports of every township."""
    return {"recent": list(report_list_for_user(user=user)[:RECENT])}
