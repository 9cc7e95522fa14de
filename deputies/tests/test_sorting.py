import importlib
import io

import pytest
from django.apps import apps
from django.urls import reverse
from openpyxl import load_workbook

from deputies.filters import RosterFilter
from deputies.forms import DeputyCreateForm
from deputies.models import Constituency, DeputyGroup
from deputies.services import constituency_save
from deputies.sorting import natural_sort_key
from deputies.tests.factories import ConstituencyFactory, DeputyGroupFactory

CONSTITUENCIES = ["第一选区", "第二选区", "第九选区", "第十选区", "第十一选区", "第十二选区"]
GROUPS = ["小组1", "小组2", "小组10", "东片代表小组"]


def ordered(names):
    return sorted(names, key=lambda name: (natural_sort_key(name), name))


def ours(records_or_names, expected):
    """The names among `expected` (the fixtures add records of their own), in the order given."""
    names = [getattr(item, "name", item) for item in records_or_names]
    return [name for name in names if name in expected]


def test_numbers_in_digits_and_chinese_numerals_sort_by_value():
    assert ordered(reversed(CONSTITUENCIES)) == CONSTITUENCIES
    assert ordered(["第二十选区", "第3选区", "第一百零五选区", "第十选区"]) == [
        "第3选区",
        "第十选区",
        "第二十选区",
        "第一百零五选区",
    ]
    assert ordered(["小组10", "小组2", "小组1"]) == ["小组1", "小组2", "小组10"]
    # characters that are no number there are left as they are
    assert natural_sort_key("百合村") == "百合村"


@pytest.fixture
def shuffled(township):
    for name in reversed(CONSTITUENCIES):
        ConstituencyFactory(township=township, name=name)
    for name in reversed(GROUPS):
        DeputyGroupFactory(township=township, name=name)


def test_list_pages_drop_downs_and_filters_follow_natural_order(client, staff, township, shuffled):
    groups = ordered(GROUPS)
    client.force_login(staff)
    page = client.get(reverse("deputies:constituencies"))
    assert ours(page.context["constituencies"], CONSTITUENCIES) == CONSTITUENCIES
    page = client.get(reverse("deputies:groups"))
    assert ours(page.context["groups"], GROUPS) == groups

    form = DeputyCreateForm(township=township)
    assert ours(form.fields["constituency"].queryset, CONSTITUENCIES) == CONSTITUENCIES
    assert ours(form.fields["group"].queryset, GROUPS) == groups
    roster_filter = RosterFilter(township=township)
    assert ours(roster_filter.filters["constituency"].queryset, CONSTITUENCIES) == CONSTITUENCIES
    assert ours(roster_filter.filters["group"].queryset, GROUPS) == groups
    text = client.get(reverse("deputies:list")).content.decode()
    positions = [text.index(f">{name}</option>") for name in CONSTITUENCIES]
    assert positions == sorted(positions)


def test_the_import_template_offers_constituencies_and_groups_in_natural_order(
    client, staff, shuffled
):
    client.force_login(staff)
    response = client.get(reverse("deputies:import_template"))
    book = load_workbook(io.BytesIO(response.content))
    lists = book["选项"]
    assert lists.sheet_state == "hidden"
    assert ours([c.value for c in lists["A"]], CONSTITUENCIES) == CONSTITUENCIES
    assert ours([c.value for c in lists["B"]], GROUPS) == ordered(GROUPS)
    formulas = [v.formula1 for v in book.worksheets[0].data_validations.dataValidation]
    assert f"'选项'!$A$1:$A${lists.max_row}" in formulas


def test_the_sort_key_follows_renames_and_bulk_writes(township):
    constituency = constituency_save(township=township, name="第十选区")
    constituency_save(township=township, name="第二选区", instance=constituency)
    constituency.refresh_from_db()
    assert constituency.sort_key == natural_sort_key("第二选区")
    created = Constituency.objects.bulk_create([Constituency(township=township, name="第三选区")])
    created[0].name = "第三十选区"
    Constituency.objects.bulk_update(created, ["name"])
    assert Constituency.objects.get(name="第三十选区").sort_key == natural_sort_key("第三十选区")


def test_the_migration_fills_the_sort_key_of_existing_rows(township, shuffled):
    Constituency.objects.update(sort_key="")
    DeputyGroup.objects.update(sort_key="")
    migration = importlib.import_module("deputies.migrations.0004_deputies_pages")
    migration.fill_sort_keys(apps, None)
    names = Constituency.objects.values_list("name", flat=True)
    assert ours(names, CONSTITUENCIES) == CONSTITUENCIES
    assert ours(DeputyGroup.objects.values_list("name", flat=True), GROUPS) == ordered(GROUPS)
