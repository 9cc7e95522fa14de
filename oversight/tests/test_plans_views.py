"""The work plan's pages: who may read and write them, the year they open on, and a plan
entered, corrected and reordered by staff."""

import pytest
from django.urls import reverse
from freezegun import freeze_time

from congress.roles import Role
from congress.tests.factories import TownshipFactory
from oversight.models import PlanItem
from oversight.tests.factories import CampaignFactory, OversightActionFactory, PlanItemFactory

pytestmark = pytest.mark.django_db

OK, X = 200, 403
S, M, D, U, C, CA = (
    Role.STAFF,
    Role.MEMBER,
    Role.DEPUTY,
    Role.UNIT,
    Role.COUNTY,
    Role.COUNTY_ADMIN,
)
# fmt: off
TABLE = {
    "plan":             {S: OK, M: OK, D: OK, U: X, C: X, CA: X},
    "plan_item_create": {S: OK, M: X,  D: X,  U: X, C: X, CA: X},
    "plan_item_edit":   {S: OK, M: X,  D: X,  U: X, C: X, CA: X},
}
# fmt: on


@pytest.mark.parametrize(
    ("name", "role", "expected"),
    [(name, role, status) for name, row in TABLE.items() for role, status in row.items()],
)
def test_staff_write_the_plan_members_and_deputies_read_it(
    client, users, township, name, role, expected
):
    item = PlanItemFactory(township=township, year=2024)
    args = [item.pk] if name == "plan_item_edit" else []
    client.force_login(users[role])
    assert client.get(reverse(f"oversight:{name}", args=args)).status_code == expected


@pytest.mark.parametrize("role", [M, D, U, C])
def test_only_staff_move_items(client, users, township, role):
    first = PlanItemFactory(township=township, year=2024, order=1)
    second = PlanItemFactory(township=township, year=2024, order=2)
    client.force_login(users[role])
    url = reverse("oversight:plan_item_move", args=[second.pk, "up"])
    assert client.post(url).status_code == X
    first.refresh_from_db()
    assert first.order == 1


def test_the_subnav_offers_the_plan_to_deputies(client, users, township):
    client.force_login(users[D])
    page = client.get(reverse("oversight:plan") + "?year=2024").content.decode()
    assert "工作思路" in page
    assert reverse("oversight:plan_item_create") not in page  # no button to add


@freeze_time("2024-11-05 09:00:00+08:00")
def test_from_november_the_plan_opens_on_next_year(client, staff, township):
    PlanItemFactory(township=township, year=2025, title="明年的思路")
    PlanItemFactory(township=township, year=2024, title="今年的思路")
    client.force_login(staff)
    page = client.get(reverse("oversight:plan")).content.decode()
    assert "2025年工作思路" in page and "明年的思路" in page and "今年的思路" not in page
    # Nonsense and a year after next fall back to the same.
    for year in ("abc", "2026"):
        assert (
            "明年的思路" in client.get(reverse("oversight:plan") + f"?year={year}").content.decode()
        )
    assert "今年的思路" in client.get(reverse("oversight:plan") + "?year=2024").content.decode()


@freeze_time("2024-10-31 09:00:00+08:00")
def test_before_november_the_plan_opens_on_this_year(client, staff, township):
    PlanItemFactory(township=township, year=2024, title="今年的思路")
    client.force_login(staff)
    assert "今年的思路" in client.get(reverse("oversight:plan")).content.decode()


@freeze_time("2024-12-10 09:00:00+08:00")
def test_staff_write_next_years_plan_correct_it_and_reorder_it(client, staff, township):
    client.force_login(staff)
    url = reverse("oversight:plan_item_create")
    form = client.get(url + "?year=2025").context["form"]
    assert form.initial["year"] == 2025
    for title in ("坚持党的领导", "依法召开镇人代会", "加大监督力度"):
        response = client.post(url, {"year": 2025, "title": title, "text": "具体内容"})
        assert response.status_code == 302
        assert response["Location"] == reverse("oversight:plan") + "?year=2025"
    third = PlanItem.objects.get(title="加大监督力度")

    response = client.post(
        reverse("oversight:plan_item_edit", args=[third.pk]),
        {"year": 2025, "title": "注重实效，继续加大监督力度", "text": "一是……"},
    )
    assert response.status_code == 302
    client.post(reverse("oversight:plan_item_move", args=[third.pk, "up"]))

    page = client.get(reverse("oversight:plan") + "?year=2025").content.decode()
    assert page.index("一、坚持党的领导") < page.index("二、注重实效，继续加大监督力度")
    assert page.index("二、注重实效") < page.index("三、依法召开镇人代会")


@freeze_time("2024-12-10 09:00:00+08:00")
def test_a_plan_for_the_year_after_next_is_refused_in_chinese(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("oversight:plan_item_create"), {"year": 2026, "title": "太远", "text": ""}
    )
    assert response.status_code == 200
    assert "1980年至2025年之间" in response.content.decode()
    assert not PlanItem.objects.exists()


def test_moving_the_first_item_up_says_why_not(client, staff, township):
    first = PlanItemFactory(township=township, year=2024, order=1)
    client.force_login(staff)
    response = client.post(reverse("oversight:plan_item_move", args=[first.pk, "up"]), follow=True)
    assert "已排在第一" in response.content.decode()


def test_a_move_other_than_up_or_down_is_not_a_page(client, staff, township):
    item = PlanItemFactory(township=township, year=2024)
    client.force_login(staff)
    url = reverse("oversight:plan_item_move", args=[item.pk, "sideways"])
    assert client.post(url).status_code == 404
    assert client.get(reverse("oversight:plan_item_move", args=[item.pk, "up"])).status_code == 405


def test_another_townships_item_is_not_found(client, staff):
    foreign = PlanItemFactory(township=TownshipFactory(), year=2024, order=1)
    PlanItemFactory(township=foreign.township, year=2024, order=2)
    client.force_login(staff)
    assert client.get(reverse("oversight:plan_item_edit", args=[foreign.pk])).status_code == 404
    move = reverse("oversight:plan_item_move", args=[foreign.pk, "down"])
    assert client.post(move).status_code == 404
    assert PlanItem.objects.get(pk=foreign.pk).order == 1


def test_the_plan_page_lists_what_was_done_in_a_fixed_number_of_queries(
    client, staff, township, django_assert_max_num_queries
):
    for n in range(10):
        item = PlanItemFactory(township=township, year=2024, order=n, title=f"思路{n}")
        OversightActionFactory.create_batch(
            3, township=township, plan_item=item, activity__title=f"督查{n}"
        )
        CampaignFactory(township=township, plan_item=item, title=f"活动{n}")
    client.force_login(staff)
    with django_assert_max_num_queries(9):
        page = client.get(reverse("oversight:plan") + "?year=2024")
    text = page.content.decode()
    assert text.count("督查9") == 3 and "活动9" in text and "十、思路9" in text
