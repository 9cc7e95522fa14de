"""Which year a township's pages are about when the user has not chosen one: its reporting
year. Read from what the apps registered (congress.registry.dated_records and
year_closed_checks); the core imports no app."""

import datetime

from django.apps import apps
from django.db.models.functions import ExtractYear
from django.utils import timezone

from . import registry
from .scoping import scope_of


def years_with_records(*, township) -> set[int]:
    """The years in which the township has records of its year's work (what the apps
    registered as dated records: its congress sessions, its deputies' activities). One query."""
    queries = []
    for source in registry.dated_records:
        model = apps.get_model(source.model)
        rows = model.objects.filter(**{scope_of(model).township: township}).order_by()
        # ExtractYear of a datetime reads it in the local time zone.
        queries.append(rows.values_list(ExtractYear(source.date_field)))
    if not queries:
        return set()
    return {year for (year,) in queries[0].union(*queries[1:])}


def year_is_closed(*, township, year: int) -> bool:
    """Whether the township has closed the year's work (its annual work report is final)."""
    return any(check.closed(township=township, year=year) for check in registry.year_closed_checks)


def reporting_year(*, township, today: datetime.date | None = None) -> int:
    """The year a township's pages open on.

    - Last year, while the township works on it: it has records of last year (a congress
      session, a deputies' activity) and last year's annual work report (人大主席团工作报告)
      is not final (定稿) yet; this year once that report is final. So in January, with the
      report still a draft, the pages show the year being reported on, not an empty one.
    - No records of last year: the latest year with records, up to this year; this year when
      there are none at all (a new township). A township that stopped recording, or the demo
      (its year is 2024) seen in 2026, opens on the year its records are of, not on zeros.
      Proposals, petitions and the like do not count here: a suggestion made today is not a
      year's work, and the demo has one.
    - A user of no township (the county): this year.
    """
    this_year = (today or timezone.localdate()).year
    if township is None:
        return this_year
    last_year = this_year - 1
    years = years_with_records(township=township)
    if last_year in years:
        return this_year if year_is_closed(township=township, year=last_year) else last_year
    return max((year for year in years if year <= this_year), default=this_year)
