"""Long lists count up to a limit and page on past it without a total."""

import pytest

from congress.models import Unit
from congress.pagination import BoundedPaginator, count_label, count_up_to
from congress.tests.factories import TownshipFactory, UnitFactory

pytestmark = pytest.mark.django_db


class SmallLimit(BoundedPaginator):
    limit = 4


@pytest.fixture
def units():
    township = TownshipFactory()
    for i in range(7):
        UnitFactory(township=township, name=f"单位{i}")
    return Unit.objects.filter(township=township).order_by("name")


def test_under_the_limit_the_count_and_pages_are_exact(units):
    paginator = BoundedPaginator(units, 3)
    assert paginator.count == 7 and not paginator.is_bounded and paginator.num_pages == 3
    assert paginator.count_label == "7"
    last = paginator.get_page(99)  # past the end: the last page, as Django does
    assert last.number == 3 and [u.name for u in last] == ["单位6"]


def test_past_the_limit_pages_go_on_while_rows_do(units, django_assert_num_queries):
    paginator = SmallLimit(units, 3)
    with django_assert_num_queries(1):
        assert paginator.count == 5 and paginator.is_bounded
    assert paginator.count_label == "4+"
    first, third = paginator.page(1), paginator.page(3)
    assert first.has_next() and not first.has_previous()
    assert [u.name for u in third] == ["单位6"] and not third.has_next()
    assert third.end_index() == 7
    assert paginator.get_page(4).number == 1  # past the last row: back to the first page
    assert paginator.get_page("x").number == 1


def test_count_up_to_stops_at_the_limit(units):
    assert count_up_to(units, 3) == 4 and count_up_to(units, 10) == 7
    assert count_label(4, 3) == "3+" and count_label(12345, 20000) == "12,345"
