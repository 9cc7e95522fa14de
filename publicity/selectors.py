"""Reading the publicity work: articles submitted, and how many each outlet published."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from congress.registry import Figure, YearSummary
from congress.scoping import get_visible_or_404, visible_to

from .models import Article, Publication

Outlet = Publication.Outlet
# ?outlet= of the list besides the outlets themselves.
PUBLISHED, UNPUBLISHED = "published", "unpublished"
# Printed in the year's figures even at 0: the county's and the city's websites are what
# the county counts a township's publicity by.
ALWAYS_COUNTED = (Outlet.COUNTY_SITE, Outlet.CITY_SITE)


@dataclass(frozen=True)
class OutletCount:
    outlet: str  # an Outlet value, or "published" for published anywhere
    label: str
    count: int


@dataclass(frozen=True)
class PublicityCounts:
    """Articles submitted, published anywhere, and published per outlet (each article once
    per outlet, whatever the number of pages it appeared on there)."""

    submitted: int
    published: int
    by_outlet: list[OutletCount]

    def __getitem__(self, outlet: str) -> int:
        return next((row.count for row in self.by_outlet if row.outlet == outlet), 0)


def _published_on(outlet_label) -> str:
    """ "Published on 县人大网", translated when printed (a report is rendered in its own
    language after its figures are counted)."""
    return lazy(lambda: gettext("Published on %(outlet)s") % {"outlet": outlet_label}, str)()


def _published_at(outlet: str | None = None):
    publications = Publication.objects.filter(article=OuterRef("pk"))
    return Exists(publications.filter(outlet=outlet) if outlet else publications)


def filter_by_outlet(articles: QuerySet[Article], outlet: str) -> QuerySet[Article]:
    """Articles published at `outlet`, anywhere ("published"), nowhere ("unpublished"), or
    all of them for any other value."""
    if outlet in Outlet.values:
        return articles.filter(_published_at(outlet))
    if outlet == PUBLISHED:
        return articles.filter(_published_at())
    if outlet == UNPUBLISHED:
        return articles.exclude(_published_at())
    return articles


def publicity_counts(articles: QuerySet[Article]) -> PublicityCounts:
    """Two queries, however many articles."""
    totals = articles.order_by().aggregate(
        submitted=Count("pk", distinct=True),
        published=Count("pk", distinct=True, filter=_published_at()),
    )
    per_outlet = dict(
        Publication.objects.filter(article__in=articles.order_by().values("pk"))
        .order_by()
        .values("outlet")
        .annotate(n=Count("article", distinct=True))
        .values_list("outlet", "n")
    )
    return PublicityCounts(
        submitted=totals["submitted"],
        published=totals["published"],
        by_outlet=[
            OutletCount(outlet.value, outlet.label, per_outlet.get(outlet.value, 0))
            for outlet in Outlet
        ],
    )


def articles_in_year(articles: QuerySet[Article], year: int) -> QuerySet[Article]:
    """The articles submitted in the year: a year's publicity counts what it submitted, and
    where those were published, even if one appears early the next year."""
    return articles.filter(submitted_on__year=year)


def article_list_for_user(*, user, year: int, outlet: str = "") -> QuerySet[Article]:
    """The articles submitted in `year` the user may read, newest first, with where each was
    published; `outlet` as filter_by_outlet."""
    articles = articles_in_year(visible_to(Article.objects.all(), user), year)
    return filter_by_outlet(articles, outlet).prefetch_related("publications")


def article_counts_for_user(*, user, year: int) -> PublicityCounts:
    return publicity_counts(articles_in_year(visible_to(Article.objects.all(), user), year))


def article_get_for_user(*, user, pk: int) -> Article:
    return get_visible_or_404(Article.objects.prefetch_related("publications"), user, pk=pk)


def publicity_year_summary(*, township, year: int) -> YearSummary:
    """The articles the township submitted in the year and how many each outlet published,
    each figure linking to the articles it counts."""
    counts = publicity_counts(articles_in_year(Article.objects.filter(township=township), year))
    base = reverse("publicity:list") + f"?year={year}"
    figures = [
        Figure("submitted", _("Articles submitted"), counts.submitted, base),
        Figure(
            "published",
            _("Articles published"),
            counts.published,
            f"{base}&outlet={PUBLISHED}",
        ),
    ]
    figures += [
        Figure(
            row.outlet,
            _published_on(row.label),
            row.count,
            f"{base}&outlet={row.outlet}",
        )
        for row in counts.by_outlet
        if row.count or row.outlet in ALWAYS_COUNTED
    ]
    return YearSummary(key="publicity", title=_("Publicity"), figures=figures)
