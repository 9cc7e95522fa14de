"""Pages of long lists without counting every row.

An exact `COUNT(*)` over a province's proposals costs more than the fifty rows a page shows, and
nobody reads "第 1 页，共 2,000 页". Past `COUNT_LIMIT` rows a list says "10,000+" and pages on
for as long as rows follow: each page reads one row more than it shows to know whether there is
a next one. Under the limit the count and the page numbers are exact, as before.
"""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

# The largest number of rows a list counts exactly; past it, "10,000+".
COUNT_LIMIT = 10_000


def count_up_to(queryset: QuerySet, limit: int = COUNT_LIMIT) -> int:
    """The queryset's row count, exact up to `limit`; `limit + 1` means "more than limit". Reads
    the keys of at most limit + 1 rows: no ordering, no joined columns."""
    return queryset.order_by().values("pk")[: limit + 1].count()


def count_label(count: int, limit: int = COUNT_LIMIT) -> str:
    """A count from `count_up_to` as a page shows it: "1,234", or "10,000+" past the limit."""
    return f"{limit:,}+" if count > limit else f"{count:,}"


class BoundedPage(Page):
    """A page past whose rows the paginator did not count: whether another page follows is
    known from the row read beyond this one."""

    def __init__(self, object_list, number, paginator, *, has_more: bool):
        super().__init__(object_list, number, paginator)
        self._has_more = has_more

    def has_next(self) -> bool:
        return self._has_more

    def end_index(self) -> int:
        return (self.number - 1) * self.paginator.per_page + len(self.object_list)


class BoundedPaginator(Paginator):
    """A Paginator whose count stops at `COUNT_LIMIT + 1`; past it `is_bounded` is true, the
    count shows as "10,000+" and the page numbers have no last one."""

    limit = COUNT_LIMIT

    @cached_property
    def count(self) -> int:
        rows = self.object_list
        if isinstance(rows, QuerySet):
            return count_up_to(rows, self.limit)
        return len(rows)

    @cached_property
    def is_bounded(self) -> bool:
        return self.count > self.limit

    def validate_number(self, number):
        if not self.is_bounded:
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    def page(self, number):
        if not self.is_bounded:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        return BoundedPage(rows[: self.per_page], number, self, has_more=len(rows) > self.per_page)

    def get_page(self, number):
        try:
            return super().get_page(number)
        except EmptyPage:
            # Past the last row of an uncounted list: its first page, not a guessed last one.
            return self.page(1)

    @property
    def count_label(self) -> str:
        """The count as a list shows it: exact, or the limit and a plus past it."""
        return count_label(self.count, self.limit)
