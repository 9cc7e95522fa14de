"""The statutory answer deadline reminder at its edges, with a frozen clock."""

import datetime

import pytest
from django.utils import timezone
from freezegun import freeze_time

from congress.models import Notification
from congress.registry import run_job
from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.tests.factories import DeputyFactory
from proposals.models import AnswerCategory
from proposals.reminders import DUE_SOON, OVERDUE
from proposals.services import (
    answer_deadline,
    proposal_answer,
    proposal_assign,
    proposal_register,
    proposal_submit,
)

JOB = "proposals.answer_deadline"


def at(day: str, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(hour))
    )


@pytest.fixture
def people(township, unit, make_user):
    """Who hears of a proposal's deadline (its unit's active users, the township's staff)
    and who does not (a member, an inactive unit user, another unit, another township)."""
    staff = make_user(Role.STAFF, township, username="staff")
    unit_user = make_user(Role.UNIT, township, unit=unit, username="unit")
    make_user(Role.MEMBER, township, username="member")
    gone = make_user(Role.UNIT, township, unit=unit, username="gone")
    gone.is_active = False
    gone.save()
    make_user(Role.UNIT, township, unit=UnitFactory(township=township), username="other_unit")
    make_user(Role.STAFF, TownshipFactory(), username="other_staff")
    return staff, unit_user


@pytest.fixture
def assign(township, unit, people):
    staff, _unit_user = people

    def make(day: str, title="修缮村道"):
        proposal = proposal_submit(
            deputy=DeputyFactory(township=township),
            title=title,
            content="内容",
            kind="suggestion",
            submitted_by=staff,
            submitted_at=at(day, 9),
        )
        proposal_register(proposal=proposal, by=staff, at=at(day, 9))
        day_ = datetime.date.fromisoformat(day)
        return proposal_assign(proposal=proposal, unit=unit, by=staff, assigned_on=day_, at=at(day))

    return make


def run_on(day: str) -> int:
    with freeze_time(f"{day} 07:00:00+08:00"):
        return run_job(JOB)


def told(kind=None):
    rows = Notification.objects.filter(kind__in=[kind] if kind else [DUE_SOON, OVERDUE])
    return sorted(rows.values_list("recipient__username", "kind", "day"))


@pytest.mark.parametrize(
    ("assigned", "deadline"),
    [
        ("2024-03-25", "2024-06-25"),  # the same day three months on (the start day not counted)
        ("2024-11-30", "2025-02-28"),  # no such day: the month's last
        ("2023-11-30", "2024-02-29"),
        ("2024-10-31", "2025-02-05"),  # 31 January falls in the Spring Festival holiday
        ("2024-07-01", "2024-10-08"),  # National Day: the first working day after it
        ("2024-11-28", "2025-02-28"),
        ("2024-05-08", "2024-08-08"),
    ],
)
def test_the_deadline_is_three_months_from_assignment_on_a_working_day(
    township, assigned, deadline
):
    assert answer_deadline(
        township=township, assigned_on=datetime.date.fromisoformat(assigned)
    ) == datetime.date.fromisoformat(deadline)


def test_reminders_at_their_edges(assign):
    proposal = assign("2024-03-25")  # deadline 2024-06-25
    deadline = datetime.date(2024, 6, 25)
    assert run_on("2024-06-17") == 0  # 8 days before: nothing
    assert run_on("2024-06-18") == 2  # 7 days before: due soon
    assert told() == [("staff", DUE_SOON, deadline), ("unit", DUE_SOON, deadline)]
    assert run_on("2024-06-18") == 0  # the same day again: nothing more
    assert run_on("2024-06-25") == 0  # the deadline day itself: still in time, told already
    assert run_on("2024-06-26") == 2  # the day after: overdue
    assert told(OVERDUE) == [("staff", OVERDUE, deadline), ("unit", OVERDUE, deadline)]
    assert run_on("2024-06-27") == 0
    assert run_on("2024-09-01") == 0
    soon = Notification.objects.filter(kind=DUE_SOON).first()
    assert soon.subject == "即将到期：“修缮村道”应于2024年6月25日前答复"
    assert "代表法第五十一条" in soon.body and "2024年6月25日" in soon.body
    assert soon.url == f"/proposals/{proposal.pk}/"
    overdue = Notification.objects.filter(kind=OVERDUE).first()
    assert overdue.subject == "已逾期：“修缮村道”应于2024年6月25日前答复"


def test_a_missed_day_is_caught_up_once(assign):
    assign("2024-03-25")
    assert run_on("2024-06-21") == 2  # the job did not run on the 18th
    assert run_on("2024-06-22") == 0


def test_a_month_end_deadline_is_not_missed_by_the_sweep(assign):
    assign("2024-11-30")  # deadline 2025-02-28
    assert run_on("2025-02-20") == 0
    assert run_on("2025-02-21") == 2


def test_an_answered_proposal_gets_nothing(assign, people):
    staff, unit_user = people
    proposal = assign("2024-03-25")
    proposal_answer(
        proposal=proposal,
        by=unit_user,
        category=AnswerCategory.objects.get(township=proposal.township, code="A"),
        text="已答复",
        at=at("2024-06-01"),
    )
    assert run_on("2024-06-18") == 0
    assert run_on("2024-06-26") == 0
    assert told() == []


def test_a_new_assignment_brings_its_own_deadline(assign, people, unit):
    staff, _unit_user = people
    proposal = assign("2024-03-25")
    assert run_on("2024-06-26") == 2  # overdue
    proposal_assign(
        proposal=proposal,
        unit=unit,
        by=staff,
        note="逾期改交",
        assigned_on=datetime.date(2024, 7, 1),
        at=at("2024-07-01"),
    )
    # The new deadline, 1 October, is National Day: it moves to 8 October.
    assert run_on("2024-09-30") == 0
    assert run_on("2024-10-01") == 2  # 7 days before 8 October
    assert {day for _user, _kind, day in told()} == {
        datetime.date(2024, 6, 25),
        datetime.date(2024, 10, 8),
    }


def test_the_sweep_costs_the_same_however_many_stay_overdue(assign, django_assert_max_num_queries):
    for n in range(12):
        assign("2024-03-25", title=f"第{n}件")
    assert run_on("2024-06-26") == 24
    # proposals with their assignment, notifications already sent: nothing to do
    with django_assert_max_num_queries(2):
        assert run_on("2024-06-27") == 0
