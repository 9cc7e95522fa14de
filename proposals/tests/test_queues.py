"""What waits: the staff's work queues, a handling unit's own items by due date, and the
staff list's filters and search. Each list costs the same number of queries however long."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.tests.factories import DeputyFactory
from proposals.models import (
    Answer,
    AnswerCategory,
    Assignment,
    AssignmentMeeting,
    DeadlineExtension,
    Proposal,
    ProposalField,
    ProposalSigner,
    Rating,
)
from proposals.tests.factories import ProposalFactory
from proposals.workflow import Status
from sessions.tests.factories import CongressSessionFactory

TODAY = "2024-06-20"


def day(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def at(value: str, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day(value), datetime.time(hour)))


@pytest.fixture
def make(township, unit, staff):
    """Proposals in a given state, built directly (the services are tested elsewhere)."""

    def proposal(title, status, *, due=None, submitted="2024-03-01", unit_=unit, **fields):
        made = ProposalFactory(
            deputy__township=township,
            title=title,
            status=status,
            submitted_at=at(submitted),
            due_date=day(due) if due else None,
            handling_unit=unit_ if due else None,
            **fields,
        )
        if due:
            Assignment.objects.create(
                proposal=made,
                unit=unit_,
                assigned_on=day("2024-03-25"),
                deadline=day(due),
                assigned_by=staff,
            )
        return made

    def answered(title, on, *, rated_by=(), cosigners=1, returned_on=None):
        made = proposal(title, Status.ANSWERED, due="2024-06-25")
        for _ in range(cosigners):
            ProposalSigner.objects.create(
                proposal=made,
                deputy=DeputyFactory(township=township),
                confirmed_at=at("2024-03-01"),
            )
        category = AnswerCategory.objects.get(township=township, code="A")
        if returned_on:
            Answer.objects.create(
                proposal=made,
                unit=unit,
                category=category,
                text="退回的答复",
                answered_at=at(returned_on),
                answered_by=staff,
                returned=True,
            )
        answer = Answer.objects.create(
            proposal=made,
            unit=unit,
            category=category,
            text="答复",
            answered_at=at(on),
            answered_by=staff,
        )
        for deputy in rated_by:
            Rating.objects.create(
                answer=answer,
                deputy=deputy,
                attitude="satisfied",
                result="satisfied",
                rated_at=at(on),
            )
        return made

    proposal.answered = answered
    return proposal


def section(page: str, key: str) -> str:
    found = re.search(rf'data-testid="queue-{key}">(.*?)</section>', page, re.S)
    assert found, key
    return found[1]


def titles(html: str) -> list[str]:
    return re.findall(r'<a href="/proposals/\d+/">([^<]+)</a>', html)


def count(page: str, key: str) -> int:
    return int(re.search(rf'data-testid="count-{key}">(\d+)<', page)[1])


@freeze_time(f"{TODAY} 09:00:00+08:00")
def test_the_queues_hold_what_waits_in_their_order(client, staff, make, unit):
    make("草稿", Status.DRAFT)
    make("较晚提交", Status.SUBMITTED, submitted="2024-06-01")
    make("较早提交", Status.SUBMITTED, submitted="2024-05-01")
    make("已登记", Status.REGISTERED)
    make("今日到期", Status.ASSIGNED, due="2024-06-20")
    make("七日后到期", Status.ASSIGNED, due="2024-06-27")
    make("八日后到期", Status.ASSIGNED, due="2024-06-28")
    make("昨日到期", Status.ASSIGNED, due="2024-06-19")
    make("五月到期", Status.ASSIGNED, due="2024-05-06")
    unrated = make.answered("六月十日答复", "2024-06-10")
    make.answered("六月十五日答复", "2024-06-15", returned_on="2024-05-01")
    half = make.answered("六月一日答复", "2024-06-01", cosigners=1)
    Rating.objects.create(
        answer=half.answers.get(),
        deputy=half.deputy,
        attitude="basic",
        result="basic",
        rated_at=at("2024-06-02"),
    )
    make.answered("六月七日答复", "2024-06-07")  # 13 days ago: still time to rate
    all_rated = make.answered("五月答复都已评价", "2024-05-01", cosigners=0)
    Rating.objects.create(
        answer=all_rated.answers.get(),
        deputy=all_rated.deputy,
        attitude="satisfied",
        result="satisfied",
        rated_at=at("2024-05-02"),
    )
    lead = Assignment.objects.get(proposal__title="昨日到期")
    DeadlineExtension.objects.create(
        assignment=lead, new_deadline=day("2024-07-19"), reason="资金", requested_by=staff
    )
    DeadlineExtension.objects.create(
        assignment=lead,
        new_deadline=day("2024-07-01"),
        reason="已拒绝的",
        requested_by=staff,
        approved=False,
    )
    ProposalFactory(deputy__township=TownshipFactory(), title="外镇的", status=Status.SUBMITTED)

    client.force_login(staff)
    page = client.get(reverse("proposals:queues")).content.decode()
    assert titles(section(page, "submitted")) == ["较早提交", "较晚提交"]
    assert titles(section(page, "due_soon")) == ["今日到期", "七日后到期"]
    assert "今日到期" in section(page, "due_soon") and "还剩7天" in section(page, "due_soon")
    assert titles(section(page, "overdue")) == ["五月到期", "昨日到期"]  # oldest deadline first
    assert "逾期45天" in section(page, "overdue") and "逾期1天" in section(page, "overdue")
    assert titles(section(page, "to_review")) == [
        "六月十五日答复",  # its returned answer does not count
        "六月十日答复",
        "六月七日答复",
    ]
    assert titles(section(page, "ratings")) == ["六月一日答复"]
    assert titles(section(page, "extensions")) == ["昨日到期"]
    assert "2024-07-19" in section(page, "extensions")
    assert reverse("proposals:extension_decide", args=[lead.extensions.first().pk]) in page
    assert [count(page, key) for key in ("submitted", "due_soon", "overdue")] == [2, 2, 2]
    assert [count(page, key) for key in ("to_review", "ratings", "extensions")] == [3, 1, 1]
    assert "?status=submitted" in section(page, "submitted")
    assert "?overdue=true" in section(page, "overdue")
    assert unrated.title not in section(page, "ratings")


@freeze_time(f"{TODAY} 09:00:00+08:00")
def test_the_queues_cost_the_same_however_long(client, staff, make, django_assert_max_num_queries):
    def fill(n):
        for i in range(n):
            make(f"提交{i}", Status.SUBMITTED)
            make(f"将到期{i}", Status.ASSIGNED, due="2024-06-24")
            proposal = make(f"逾期{i}", Status.ASSIGNED, due="2024-05-06")
            DeadlineExtension.objects.create(
                assignment=proposal.assignments.get(),
                new_deadline=day("2024-07-19"),
                reason="资金",
                requested_by=staff,
            )
            make.answered(f"新答复{i}", "2024-06-15")
            make.answered(f"旧答复{i}", "2024-05-15", cosigners=2)
            make(f"待办结{i}", Status.RATED)

    client.force_login(staff)
    url = reverse("proposals:queues")
    fill(2)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    fill(10)
    with django_assert_max_num_queries(20) as many:
        page = client.get(url).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    assert count(page, "ratings") == 12 and count(page, "extensions") == 12


@pytest.mark.parametrize(
    ("role", "queues", "unit_items"),
    [
        (Role.STAFF, 200, 403),
        (Role.MEMBER, 403, 403),
        (Role.DEPUTY, 403, 403),
        (Role.UNIT, 403, 200),
        (Role.COUNTY, 403, 403),
        (Role.COUNTY_ADMIN, 403, 403),
    ],
)
def test_who_opens_the_lists(client, users, role, queues, unit_items):
    client.force_login(users[role])
    assert client.get(reverse("proposals:queues")).status_code == queues
    assert client.get(reverse("proposals:unit_items")).status_code == unit_items


# ---------------------------------------------------------------------------- a unit's items


@freeze_time(f"{TODAY} 09:00:00+08:00")
def test_a_unit_sees_its_own_items_by_due_date_overdue_first(
    client, users, make, township, unit, staff, django_assert_max_num_queries
):
    other_unit = UnitFactory(township=township)
    make("八月到期", Status.ASSIGNED, due="2024-08-01")
    make("今天到期", Status.ASSIGNED, due="2024-06-20")
    make("上月到期", Status.ASSIGNED, due="2024-05-20")
    co = make("协办的", Status.ASSIGNED, due="2024-07-01", unit_=other_unit)
    Assignment.objects.create(
        proposal=co,
        unit=unit,
        role=Assignment.Role.CO,
        assigned_on=day("2024-03-25"),
        deadline=day("2024-07-01"),
        assigned_by=staff,
    )
    make("别的单位的", Status.ASSIGNED, due="2024-06-01", unit_=other_unit)
    make.answered("已答复的", "2024-06-01")
    asked = Assignment.objects.get(proposal__title="上月到期")
    DeadlineExtension.objects.create(
        assignment=asked, new_deadline=day("2024-07-19"), reason="资金", requested_by=staff
    )

    client.force_login(users[Role.UNIT])
    # The rows, their count (up to COUNT_LIMIT) and the overdue count: constant in the rows.
    with django_assert_max_num_queries(9):
        page = client.get(reverse("proposals:unit_items")).content.decode()
    assert titles(page) == ["上月到期", "今天到期", "协办的", "八月到期"]
    rows = re.findall(r"<tr(.*?)</tr>", page, re.S)[1:]
    assert 'class="row-overdue"' in rows[0] and "逾期31天" in rows[0] and "已申请延期" in rows[0]
    assert "今日到期" in rows[1] and "row-overdue" not in rows[1]
    assert "还剩11天" in rows[2] and "协办" in rows[2]
    assert "还剩42天" in rows[3] and "主办" in rows[3]
    assert "正在办理4件" in page and "其中1件已逾期" in page


@freeze_time(f"{TODAY} 09:00:00+08:00")
def test_the_unit_list_costs_the_same_however_long(client, users, make):
    client.force_login(users[Role.UNIT])
    url = reverse("proposals:unit_items")
    make("一件", Status.ASSIGNED, due="2024-07-01")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(15):
        make(f"第{i}件", Status.ASSIGNED, due="2024-07-01")
    with CaptureQueriesContext(connection) as many:
        assert len(titles(client.get(url).content.decode())) == 16
    assert len(many.captured_queries) == len(few.captured_queries)


# ---------------------------------------------------------------------------- the list filters


def listed(client, **query) -> set[str]:
    response = client.get(reverse("proposals:list"), query)
    assert response.status_code == 200
    return set(titles(response.content.decode()))


@freeze_time(f"{TODAY} 09:00:00+08:00")
def test_the_staff_list_filters(client, staff, make, township, unit):
    session = CongressSessionFactory(township=township)
    field = ProposalField.objects.get(township=township, name="生态环境")
    other_unit = UnitFactory(township=township)
    make("路灯", Status.SUBMITTED, submitted="2023-12-01")
    make("河道", Status.REGISTERED, session=session, field=field, kind="motion")
    make("重点道路", Status.ASSIGNED, due="2024-06-19", is_key=True, number=12, number_year=2024)
    make("桥梁维修", Status.ASSIGNED, due="2024-07-19", number=120, number_year=2024)
    make("别的单位", Status.ASSIGNED, due="2024-05-19", unit_=other_unit, number=112)
    client.force_login(staff)
    everything = {"路灯", "河道", "重点道路", "桥梁维修", "别的单位"}
    assert listed(client) == everything
    assert listed(client, year=2023) == {"路灯"}
    assert listed(client, session=session.pk) == {"河道"}
    assert listed(client, kind="motion") == {"河道"}
    assert listed(client, field=field.pk) == {"河道"}
    assert listed(client, status="assigned") == {"重点道路", "桥梁维修", "别的单位"}
    assert listed(client, unit=unit.pk) == {"重点道路", "桥梁维修"}
    assert listed(client, unit=other_unit.pk) == {"别的单位"}
    assert listed(client, key="true") == {"重点道路"}
    assert listed(client, overdue="true") == {"重点道路", "别的单位"}
    assert listed(client, overdue="false") == everything - {"重点道路", "别的单位"}
    assert listed(client, overdue="true", unit=unit.pk) == {"重点道路"}
    assert listed(client, q="道") == {"河道", "重点道路"}
    assert listed(client, q="12") == {"重点道路"}  # number 12, not 112 or 120
    assert listed(client, q="第12号") == {"重点道路"}
    assert listed(client, q="120") == {"桥梁维修"}  # by its number
    assert listed(client, q="  ") == everything
    # The proposals assigned at one meeting (a work report's 交办会 figure links there), once
    # each however many of its units were assigned there.
    meeting = AssignmentMeeting.objects.create(township=township, date=day("2024-03-25"))
    Assignment.objects.filter(proposal__title__in=["重点道路", "桥梁维修"]).update(meeting=meeting)
    Assignment.objects.create(
        proposal=Proposal.objects.get(title="重点道路"),
        unit=other_unit,
        role=Assignment.Role.CO,
        meeting=meeting,
        assigned_on=day("2024-03-25"),
        deadline=day("2024-06-19"),
        assigned_by=staff,
    )
    response = client.get(reverse("proposals:list"), {"meeting": meeting.pk})
    assert sorted(titles(response.content.decode())) == ["桥梁维修", "重点道路"]
    assert listed(client, meeting=meeting.pk + 1) == set()


def test_the_filters_offer_only_the_townships_choices(client, staff, township):
    foreign_unit = UnitFactory(township=TownshipFactory(), name="外镇单位")
    foreign_session = CongressSessionFactory(township=TownshipFactory())
    ProposalFactory(deputy__township=township, title="本镇的")
    client.force_login(staff)
    page = client.get(reverse("proposals:list")).content.decode()
    assert "外镇单位" not in page
    assert listed(client, unit=foreign_unit.pk) == set()  # not a choice: nothing, no error
    assert listed(client, session=foreign_session.pk) == set()


def test_the_list_shows_the_filters_and_the_deadline_pages(client, users):
    client.force_login(users[Role.STAFF])
    page = client.get(reverse("proposals:list")).content.decode()
    for name in ("q", "year", "session", "kind", "field", "status", "unit", "key", "overdue"):
        assert f'name="{name}"' in page, name
    assert reverse("proposals:queues") in page and reverse("proposals:workdays") in page
    assert reverse("proposals:unit_items") not in page
    client.force_login(users[Role.UNIT])
    page = client.get(reverse("proposals:list")).content.decode()
    assert reverse("proposals:unit_items") in page and reverse("proposals:queues") not in page
