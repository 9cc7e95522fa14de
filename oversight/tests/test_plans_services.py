"""The work plan's rules: items in order, a year no later than next year, moves that keep
every item in one place, and what was done under each item read back as plain data."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from congress.attendance import AttendanceStatus
from congress.roles import Role
from congress.tests.factories import TownshipFactory
from deputies.models import Attendance
from oversight.models import PlanItem
from oversight.selectors.plans import (
    PlanLine,
    WorkDone,
    default_plan_year,
    plan_for_user,
    plan_for_year,
)
from oversight.services.plans import plan_item_create, plan_item_move, plan_item_update
from oversight.tests.factories import CampaignFactory, OversightActionFactory, PlanItemFactory

pytestmark = pytest.mark.django_db


def titles(township, year):
    return list(
        PlanItem.objects.filter(township=township, year=year)
        .order_by("order", "pk")
        .values_list("title", flat=True)
    )


def test_items_are_added_at_the_end_of_their_years_plan(township):
    for title in ("一", "二", "三"):
        plan_item_create(township=township, year=2025, title=title, text="")
    plan_item_create(township=township, year=2024, title="去年的", text="")
    assert titles(township, 2025) == ["一", "二", "三"]
    assert [i.order for i in PlanItem.objects.filter(year=2025).order_by("order")] == [1, 2, 3]
    assert titles(township, 2024) == ["去年的"]


@freeze_time("2024-11-20 10:00:00+08:00")
def test_a_plan_is_for_next_year_at_the_latest_and_old_plans_are_enterable(township):
    plan_item_create(township=township, year=2025, title="明年的")
    plan_item_create(township=township, year=2019, title="纸质记录补录")
    with pytest.raises(ValidationError, match="1980年至2025年之间"):
        plan_item_create(township=township, year=2026, title="后年的")
    assert not PlanItem.objects.filter(year=2026).exists()


def test_moving_an_item_to_another_year_puts_it_last_there(township):
    a = plan_item_create(township=township, year=2024, title="甲")
    plan_item_create(township=township, year=2025, title="乙")
    plan_item_create(township=township, year=2025, title="丙")
    plan_item_update(item=a, year=2025, title="甲（改）", text="说明")
    assert titles(township, 2025) == ["乙", "丙", "甲（改）"]
    assert titles(township, 2024) == []


def test_an_item_changed_in_memory_by_a_form_still_moves_to_the_end(township):
    """A ModelForm writes the new year on the instance before the service runs."""
    a = plan_item_create(township=township, year=2024, title="甲")
    plan_item_create(township=township, year=2025, title="乙")
    a.year = 2025
    plan_item_update(item=a, year=2025, title="甲", text="")
    assert titles(township, 2025) == ["乙", "甲"]


def test_up_and_down_swap_neighbours_and_renumber(township):
    items = [plan_item_create(township=township, year=2025, title=t) for t in "一二三四"]
    plan_item_move(item=items[2], direction="up")
    assert titles(township, 2025) == ["一", "三", "二", "四"]
    plan_item_move(item=items[0], direction="down")
    assert titles(township, 2025) == ["三", "一", "二", "四"]
    orders = PlanItem.objects.filter(year=2025).order_by("order").values_list("order", flat=True)
    assert list(orders) == [1, 2, 3, 4]


def test_moves_renumber_items_that_share_a_place(township):
    """Two items added at once may share an order; a move sorts them out."""
    first = PlanItemFactory(township=township, year=2025, order=1, title="一")
    second = PlanItemFactory(township=township, year=2025, order=1, title="二")
    plan_item_move(item=second, direction="up")
    first.refresh_from_db(), second.refresh_from_db()
    assert (second.order, first.order) == (1, 2)


def test_the_first_cannot_go_up_nor_the_last_down(township):
    first = plan_item_create(township=township, year=2025, title="一")
    last = plan_item_create(township=township, year=2025, title="二")
    with pytest.raises(ValidationError, match="已排在第一"):
        plan_item_move(item=first, direction="up")
    with pytest.raises(ValidationError, match="已排在最后"):
        plan_item_move(item=last, direction="down")
    with pytest.raises(ValidationError, match="只能上移或下移"):
        plan_item_move(item=last, direction="sideways")
    assert titles(township, 2025) == ["一", "二"]


def test_moves_stay_within_the_township_and_year(township):
    other = TownshipFactory()
    mine = [plan_item_create(township=township, year=2025, title=t) for t in "一二"]
    plan_item_create(township=other, year=2025, title="别镇的")
    plan_item_create(township=township, year=2024, title="去年的")
    plan_item_move(item=mine[1], direction="up")
    assert titles(township, 2025) == ["二", "一"]
    assert titles(other, 2025) == ["别镇的"]
    assert titles(township, 2024) == ["去年的"]


def test_a_title_with_hidden_characters_is_refused(township):
    with pytest.raises(ValidationError):
        plan_item_create(township=township, year=2025, title="加大\u202e监督")
    assert not PlanItem.objects.exists()


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (datetime.date(2024, 10, 31), 2024),
        (datetime.date(2024, 11, 1), 2025),
        (datetime.date(2024, 12, 31), 2025),
        (datetime.date(2025, 1, 1), 2025),
    ],
)
def test_the_plan_page_opens_on_next_years_plan_from_november(today, year):
    assert default_plan_year(today) == year


def test_the_plan_says_what_was_done_under_each_item(township):
    oversee = PlanItemFactory(township=township, year=2024, order=1, title="加大监督力度")
    deputies = PlanItemFactory(township=township, year=2024, order=2, title="加强代表工作")
    PlanItemFactory(township=township, year=2025, order=1, title="明年的")
    late = OversightActionFactory(
        township=township,
        plan_item=oversee,
        activity__title="洁净乡村专项督查",
        activity__start_date=datetime.date(2024, 10, 15),
    )
    early = OversightActionFactory(
        township=township,
        plan_item=oversee,
        kind="inspection",
        activity__title="视察石坑坪水库",
        activity__start_date=datetime.date(2024, 4, 18),
        activity__end_date=datetime.date(2024, 4, 18),
    )
    OversightActionFactory(township=township, activity__title="未关联的")
    CampaignFactory(
        township=township,
        plan_item=deputies,
        title="关心母亲河溪",
        start_date=datetime.date(2024, 7, 1),
        end_date=datetime.date(2024, 9, 30),
    )

    plan = plan_for_year(township=township, year=2024)

    assert [(line.number, line.title) for line in plan] == [
        (1, "加大监督力度"),
        (2, "加强代表工作"),
    ]
    assert isinstance(plan[0], PlanLine)
    assert [str(work.title) for work in plan[0].actions] == ["视察石坑坪水库", "洁净乡村专项督查"]
    assert plan[0].actions[0] == WorkDone(
        title="视察石坑坪水库",
        start=datetime.date(2024, 4, 18),
        end=datetime.date(2024, 4, 18),
        kind=plan[0].actions[0].kind,
    )
    assert str(plan[0].actions[0].kind) == "视察"
    assert plan[0].campaigns == []
    assert [(c.title, c.start, c.end) for c in plan[1].campaigns] == [
        ("关心母亲河溪", datetime.date(2024, 7, 1), datetime.date(2024, 9, 30))
    ]
    assert plan[1].done and plan[0].done
    assert early.pk and late.pk


def test_the_plan_of_one_township_shows_nothing_of_another(township):
    other = TownshipFactory()
    PlanItemFactory(township=other, year=2024, title="别镇的")
    assert plan_for_year(township=township, year=2024) == []


def test_the_report_reads_the_plan_in_three_queries(township, django_assert_num_queries):
    for n in range(8):
        item = PlanItemFactory(township=township, year=2024, order=n)
        OversightActionFactory.create_batch(2, township=township, plan_item=item)
        CampaignFactory(township=township, plan_item=item)
    with django_assert_num_queries(3):
        plan = plan_for_year(township=township, year=2024)
    assert sum(len(line.actions) for line in plan) == 16


def test_a_deputy_reads_the_plan_with_only_the_actions_on_their_roll(township, users):
    deputy_user = users[Role.DEPUTY]
    item = PlanItemFactory(township=township, year=2024, title="加大监督力度")
    on_roll = OversightActionFactory(township=township, plan_item=item, activity__title="参加的")
    OversightActionFactory(township=township, plan_item=item, activity__title="未参加的")
    Attendance.objects.create(
        activity=on_roll.activity, deputy=deputy_user.deputy, status=AttendanceStatus.PRESENT
    )
    CampaignFactory(township=township, plan_item=item, title="关心母亲河溪")

    seen = plan_for_user(user=deputy_user, year=2024)
    assert [work.title for work in seen[0].actions] == ["参加的"]
    assert [work.title for work in seen[0].campaigns] == ["关心母亲河溪"]
    staff_sees = plan_for_user(user=users[Role.STAFF], year=2024)
    assert {work.title for work in staff_sees[0].actions} == {"参加的", "未参加的"}
    assert plan_for_user(user=users[Role.UNIT], year=2024) == []
    assert plan_for_user(user=users[Role.COUNTY], year=2024) == []
