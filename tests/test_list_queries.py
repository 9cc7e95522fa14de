"""Every list page `make bench` measures costs the same number of queries with four times the
rows: its count is bounded, its rows are joined, nothing runs a query per row. Driven by the
bench's own inventory of list pages and its own data, so a page added there is pinned here."""

import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from congress.models import Township, User
from demo.management.commands.bench import LIST_PAGES
from demo.management.commands.make_bench_data import BENCH_TOWNSHIP

pytestmark = pytest.mark.django_db

SMALL, LARGE = 120, 480  # the staff list has a page 2 at the smaller scale


def _queries_per_page(scale: int) -> dict[str, int]:
    """Generate the bench township at `scale` proposals, open every list page once as its
    role, count the queries; all rolled back."""
    counts = {}
    with transaction.atomic():
        call_command("make_bench_data", scale=scale, stdout=io.StringIO())
        township = Township.objects.get(name=BENCH_TOWNSHIP)
        for label, username, url, _model in LIST_PAGES:
            client = Client()
            if username:
                client.force_login(User.objects.get(username=username))
            url = url.format(township=township.pk)
            client.get(url)  # the session and caches warm, as for every later request
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (label, response.status_code)
            counts[label] = len(queries)
        transaction.set_rollback(True)
    return counts


def test_list_pages_cost_the_same_queries_with_four_times_the_rows(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    small, large = _queries_per_page(SMALL), _queries_per_page(LARGE)
    grew = {label: (small[label], large[label]) for label in small if large[label] > small[label]}
    assert not grew, f"queries grew with the rows (small, large): {grew}"
    assert len(small) == len(LIST_PAGES)
