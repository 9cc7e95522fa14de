"""The proposal statistics: one function for the page, its Excel export and the year summary
the reports quote; each figure at its edges; a constant number of queries."""

import datetime
import io
import zoneinfo
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.tests.factories import DeputyFactory
from proposals.models import AnswerCategory, Proposal, ProposalField
from proposals.selectors import proposals_year_summary
from proposals.selectors.stats import percent, proposal_statistics
from proposals.services import (
    proposal_answer,
    proposal_assign,
    proposal_draft_save,
    proposal_rate,
    proposal_register,
    proposal_return_answer,
    proposal_submit,
)
from proposals.workflow import Status
from sessions.tests.factories import CongressSessionFactory

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(day: str, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=SHANGHAI)


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


class World:
    """A township with its staff, two units, deputies with logins and the default lists."""

    def __init__(self, township, make_user):
        self.township = township
        self.make_user = make_user
        self.staff = make_user(Role.STAFF, township)
        self.units = [UnitFactory(township=township, name=n) for n in ("交通办", "城建办")]
        self.unit_users = {u: make_user(Role.UNIT, township, unit=u) for u in self.units}
        self.category = {c.code: c for c in AnswerCategory.objects.filter(township=township)}
        self.field = {f.name: f for f in ProposalField.objects.filter(township=township)}

    def deputy(self):
        return DeputyFactory(
            township=self.township, user=self.make_user(Role.DEPUTY, self.township)
        )

    def submit(self, *, title="关于修缮村道的建议", submitted="2024-01-21", cosigners=(), **extra):
        return proposal_submit(
            deputy=self.deputy(),
            title=title,
            content="内容",
            kind=extra.pop("kind", "suggestion"),
            submitted_by=self.staff,
            submitted_at=at(submitted),
            cosigners=list(cosigners),
            solution=extra.pop("solution", "方案"),
            **extra,
        )

    def register(self, proposal, *, field="城乡建设", is_key=False):
        return proposal_register(
            proposal=proposal,
            by=self.staff,
            field=self.field[field],
            is_key=is_key,
            lead_member=self.staff if is_key else None,
            at=proposal.submitted_at,
        )

    def assign(self, proposal, *, unit=0, on="2024-03-25", deadline=None):
        self.register(proposal) if proposal.status == Status.SUBMITTED else None
        return proposal_assign(
            proposal=proposal,
            unit=self.units[unit],
            by=self.staff,
            assigned_on=day(on),
            deadline=day(deadline) if deadline else None,
        )

    def answer(self, proposal, *, when="2024-05-10", category="A", hour=10, minute=0):
        proposal.refresh_from_db()
        return proposal_answer(
            proposal=proposal,
            by=self.unit_users[proposal.handling_unit],
            category=self.category[category],
            text="答复",
            at=at(when, hour, minute),
        )

    def rate(self, proposal, deputy, attitude, result, *, when="2024-05-20", reasons=""):
        proposal.refresh_from_db()
        return proposal_rate(
            proposal=proposal,
            by=deputy.user,
            attitude=attitude,
            result=result,
            reasons=reasons,
            at=at(when),
        )


@pytest.fixture
def world(township, make_user):
    return World(township, make_user)


def test_percent_rounds_half_up_and_has_no_share_of_nothing():
    assert percent(1, 3) == Decimal("33.3")
    assert percent(2, 3) == Decimal("66.7")
    assert percent(1, 8) == Decimal("12.5")
    assert percent(0, 0) is None


def test_the_year_counts_by_kind_field_unit_and_state(world, township):
    session = CongressSessionFactory(township=township, number=1)
    road = world.submit(session=session)
    world.assign(road, unit=0)
    world.answer(road)
    motion_signers = [world.deputy() for _ in range(4)]
    motion = world.submit(
        title="关于五雷街道路排水的议案", kind="motion", session=session, cosigners=motion_signers
    )
    world.register(motion, field="城乡建设", is_key=True)
    world.assign(motion, unit=1)
    waiting = world.submit(title="关于学校门口设置减速带的建议", submitted="2024-07-01")
    world.register(waiting, field="社会事业")
    world.submit(title="关于增设公交站的建议", submitted="2024-08-01")  # only submitted
    # Not of this year, not submitted, not this township: never counted.
    world.submit(submitted="2023-12-31")
    drafting = world.deputy()
    proposal_draft_save(deputy=drafting, by=drafting.user, title="草稿", content="c")
    World(TownshipFactory(), world.make_user).submit()

    stats = proposal_statistics(township=township, year=2024)

    assert (stats.totals.total, stats.totals.key_proposals) == (4, 1)
    assert (stats.totals.assigned, stats.totals.answered, stats.totals.on_time) == (2, 1, 1)
    assert [(str(r.label), r.total, r.key_proposals) for r in stats.by_kind] == [
        ("议案", 1, 1),
        ("建议、批评和意见", 3, 0),
    ]
    assert [(str(r.label), r.total) for r in stats.by_field] == [
        ("城乡建设", 2),
        ("社会事业", 1),
        ("未分类", 1),
    ]
    assert [(r.label, r.total, r.answered) for r in stats.by_unit] == [
        ("交通办", 1, 1),
        ("城建办", 1, 0),
    ]
    assert [(str(r.label), r.total) for r in stats.by_session] == [
        ("第十八届人民代表大会第一次会议", 2),
        ("闭会期间", 2),
    ]
    assert [(r.key, r.count, r.share) for r in stats.by_state] == [
        (Status.SUBMITTED, 1, Decimal("25.0")),
        (Status.REGISTERED, 1, Decimal("25.0")),
        (Status.ASSIGNED, 1, Decimal("25.0")),
        (Status.ANSWERED, 1, Decimal("25.0")),
    ]


def test_a_session_narrows_the_year_to_its_proposals(world, township):
    first, second = CongressSessionFactory.create_batch(2, township=township)
    world.submit(session=first)
    world.submit(session=first)
    world.submit(session=second)
    world.submit()
    assert proposal_statistics(township=township, year=2024, session=first).totals.total == 2
    assert proposal_statistics(township=township, year=2024, session=second).totals.total == 1
    assert proposal_statistics(township=township, year=2024).totals.total == 4
    assert proposal_statistics(township=township, year=2025, session=first).totals.total == 0


def test_an_answer_on_the_due_day_itself_is_on_time_and_the_next_day_is_late(world, township):
    """Due 2024-06-25 (three months from 25 March, a Tuesday). Local days count: 23:30 in
    Shanghai on the due day is on time although it is already the 25th in UTC too; 00:30 on
    the 26th is late although it is still the 25th in UTC."""
    cases = {
        ("2024-06-25", 23, 30): True,
        ("2024-06-26", 0, 30): False,
        ("2024-06-24", 9, 0): True,
        ("2024-07-02", 9, 0): False,
    }
    proposals = {}
    for (when, hour, minute), _on_time in cases.items():
        proposal = world.submit(title=f"关于{when}{hour}的建议")
        world.assign(proposal)
        assert proposal.due_date == day("2024-06-25")
        world.answer(proposal, when=when, hour=hour, minute=minute)
        proposals[proposal.pk] = _on_time
    stats = proposal_statistics(township=township, year=2024)
    assert (stats.totals.answered, stats.totals.on_time) == (4, 2)
    assert stats.totals.on_time_rate == Decimal("50.0")


def test_an_approved_extension_moves_the_due_date_the_answer_is_measured_against(world, township):
    extended = world.submit(title="关于延期的建议")
    world.assign(extended)
    # What approving an extension does to the proposal: its due date moves (2024-07-25).
    Proposal.objects.filter(pk=extended.pk).update(due_date=day("2024-07-25"))
    world.answer(extended, when="2024-07-20")
    not_extended = world.submit(title="关于未延期的建议")
    world.assign(not_extended)
    world.answer(not_extended, when="2024-07-20")
    stats = proposal_statistics(township=township, year=2024)
    assert (stats.totals.answered, stats.totals.on_time) == (2, 1)


def test_only_the_first_answer_is_judged_whatever_came_after(world, township):
    """Late first answer, then 不满意 and a second answer within the new one-month deadline:
    still late. On-time first answer returned by staff and answered again late: still on
    time. A later change of the due date does not rewrite the past either."""
    late = world.submit(title="关于迟答的建议")
    world.assign(late)
    world.answer(late, when="2024-07-01")
    world.rate(late, late.deputy, "unsatisfied", "unsatisfied", when="2024-07-02", reasons="未解决")
    late.refresh_from_db()
    assert late.due_date == day("2024-08-02")
    world.answer(late, when="2024-07-15")

    returned = world.submit(title="关于退回的建议")
    world.assign(returned)
    world.answer(returned, when="2024-06-01")
    proposal_return_answer(proposal=returned, by=world.staff, note="答复不具体")
    world.answer(returned, when="2024-09-01", category="B")
    Proposal.objects.filter(pk=returned.pk).update(due_date=day("2024-03-30"))

    stats = proposal_statistics(township=township, year=2024)
    assert (stats.totals.answered, stats.totals.on_time) == (2, 1)
    assert [r.key for r in stats.by_unit] == [str(world.units[0].pk)]


def test_categories_count_each_proposals_current_answer_with_shares(world, township):
    for code in ("A", "A", "B", "D"):
        proposal = world.submit(title=f"关于{code}类的建议")
        world.assign(proposal)
        world.answer(proposal, category=code)
    returned = world.submit(title="关于退回的建议")
    world.assign(returned)
    world.answer(returned, category="A")
    proposal_return_answer(proposal=returned, by=world.staff, note="答复不具体")  # none current
    stats = proposal_statistics(township=township, year=2024)
    assert [(r.key, r.count, r.share) for r in stats.categories] == [
        ("A", 2, Decimal("50.0")),
        ("B", 1, Decimal("25.0")),
        ("C", 0, Decimal("0.0")),
        ("D", 1, Decimal("25.0")),
    ]
    assert stats.with_current_answer == 4
    assert stats.totals.answered == 5  # the returned one was answered once


def test_satisfaction_counts_each_items_lead_rating(world, township):
    """Per item: the lead deputy's latest rating; a co-signer's is kept but not counted."""
    cosigner = world.deputy()
    proposal = world.submit(title="关于路灯的建议", cosigners=[cosigner])
    world.assign(proposal)
    world.answer(proposal)
    world.rate(proposal, cosigner, "basic", "basic")
    world.rate(proposal, proposal.deputy, "unsatisfied", "unsatisfied", reasons="没有安装")
    world.answer(proposal, when="2024-06-01")
    world.rate(proposal, proposal.deputy, "satisfied", "basic", when="2024-06-05")
    other = world.submit(title="关于垃圾清运的建议")
    world.assign(other)
    world.answer(other)
    world.rate(other, other.deputy, "satisfied", "unsatisfied", reasons="清运不及时")

    stats = proposal_statistics(township=township, year=2024)
    assert stats.rated == 2  # two items; the lead's first rating of the first is superseded
    assert [(str(r.label), r.attitude, r.result) for r in stats.satisfaction] == [
        ("满意", 2, 0),
        ("基本满意", 0, 1),
        ("不满意", 0, 1),
    ]
    assert [(r.attitude_share, r.result_share) for r in stats.satisfaction] == [
        (Decimal("100.0"), Decimal("0.0")),
        (Decimal("0.0"), Decimal("50.0")),
        (Decimal("0.0"), Decimal("50.0")),
    ]
    assert stats.satisfied_share("attitude") == Decimal("100.0")
    assert stats.satisfied_share("result") == Decimal("50.0")


def test_the_year_summary_quotes_the_statistics(world, township):
    """The reports read proposals_year_summary: its figures are the statistics' own."""
    proposal = world.submit()
    world.register(proposal, is_key=True)
    world.assign(proposal)
    world.answer(proposal, category="B")
    world.rate(proposal, proposal.deputy, "satisfied", "basic")
    late = world.submit(title="关于迟答的建议")
    world.assign(late)
    world.answer(late, when="2024-08-01", category="B")
    world.submit(title="关于待办的建议")

    summary = proposals_year_summary(township=township, year=2024)
    stats = summary.details["statistics"]
    assert (summary["total"], summary["key"], summary["assigned"]) == (3, 1, 2)
    assert (summary["answered"], summary["on_time"]) == (2, 1)
    assert (summary["category_A"], summary["category_B"]) == (0, 2)
    assert (summary["attitude_satisfied"], summary["result_basic"]) == (1, 1)
    assert summary["result_unsatisfied"] == 0
    assert stats.totals.total == summary["total"]
    labels = {f.key: str(f.label) for f in summary.figures}
    assert labels["on_time"] == "其中按期答复"
    assert labels["category_B"] == "答复为B 正在解决的"


def _queries_for_statistics(township):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        proposal_statistics(township=township, year=2024)
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_the_proposals(world, township):
    session = CongressSessionFactory(township=township)

    def handled_one(n):
        proposal = world.submit(
            title=f"关于第{n}件事的建议", cosigners=[world.deputy()], session=session if n else None
        )
        world.assign(proposal, unit=n % 2)
        world.answer(proposal, category="ABCD"[n % 4])
        world.rate(proposal, proposal.deputy, "satisfied", "satisfied")

    handled_one(0)
    handled_one(1)
    few = _queries_for_statistics(township)
    for n in range(2, 14):
        handled_one(n)
    assert _queries_for_statistics(township) == few == 9


# ----------------------------------------------------------------------------- the page


def test_only_staff_and_members_read_the_statistics(client, users):
    url = reverse("proposals:stats")
    expected = {
        Role.STAFF: 200,
        Role.MEMBER: 200,
        Role.DEPUTY: 403,
        Role.UNIT: 403,
        Role.COUNTY: 403,
        Role.COUNTY_ADMIN: 403,
    }
    for role, status in expected.items():
        client.force_login(users[role])
        assert client.get(url).status_code == status, role
        assert client.get(reverse("proposals:stats_export")).status_code == status, role


def test_the_page_and_its_export_show_the_same_figures(
    client, world, township, django_assert_num_queries
):
    session = CongressSessionFactory(township=township)
    for n in range(3):
        proposal = world.submit(title=f"关于第{n}件事的建议", session=session)
        world.assign(proposal)
        world.answer(proposal, when="2024-05-10" if n else "2024-07-10", category="AB"[n % 2])
    world.submit(title="关于其他的建议")
    client.force_login(world.staff)
    # The statistics' 9 (see below), the session form's 2, the login (the user with their
    # township, congress.security.backends), permissions and menu's 6.
    with django_assert_num_queries(17):
        page = client.get(reverse("proposals:stats"), {"year": 2024, "session": session.pk})
    text = page.content.decode()
    assert page.status_code == 200
    assert "按期答复率" in text and "66.7%" in text
    assert page.context["stats"].totals.total == 3

    response = client.get(reverse("proposals:stats_export"), {"year": 2024})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    kinds = workbook[workbook.sheetnames[0]]
    rows = [[cell.value for cell in row] for row in kinds.iter_rows()]
    assert rows[0][0] == f"{township.name} 2024年"
    assert rows[1][:5] == ["类别", "件数", "其中重点", "已交办", "已答复"]
    assert rows[-1][:6] == ["合计", 4, 0, 3, 3, 2]
    categories = workbook["答复分类"]
    values = [[cell.value for cell in row] for row in categories.iter_rows()]
    assert values[2][:2] == ["A 已解决或基本解决", 2]
    assert abs(values[2][2] - 0.667) < 0.0001  # a share Excel shows as 66.7%


def test_a_session_of_another_township_or_year_is_refused_with_a_message(client, world, township):
    foreign = CongressSessionFactory(township=TownshipFactory())
    client.force_login(world.staff)
    page = client.get(reverse("proposals:stats"), {"year": 2024, "session": foreign.pk})
    assert page.status_code == 200
    assert page.context["stats"].session is None
    assert "选择一个有效的选项" in page.content.decode()
