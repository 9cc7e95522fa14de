"""The demo's problems, seeded on actions made from factories (the actions' own seed comes
from another part of the demo): the river week's 14 with their 2024 course, the 三改一拆
check's three, nothing without the actions, nothing twice."""

import datetime

import pytest
from freezegun import freeze_time

from congress.roles import Role
from congress.tests.factories import UnitFactory
from demo import year2024
from demo.oversight import problems as demo_problems
from deputies.tests.factories import DeputyFactory
from oversight.models import Problem, ProblemStatusChange, RectificationEvidence
from oversight.selectors.problems import problems_year_summary
from oversight.tests.factories import OversightActionFactory
from oversight.workflow import ProblemStatus


@pytest.fixture
def found(township, make_user):
    units = {
        name: UnitFactory(township=township, name=name, kind=kind) for name, kind in year2024.UNITS
    }
    make_user(Role.UNIT, township, unit=units["镇村镇建设办公室"], username="unit")
    return {
        "township": township,
        "deputies": DeputyFactory.create_batch(15, township=township),
        "units": units,
        "staff": make_user(Role.STAFF, township, username="staff"),
        "member": make_user(Role.MEMBER, township, username="member"),
    }


@pytest.fixture
def actions(township):
    return {
        "river_week": OversightActionFactory(
            township=township,
            activity__title="“关心母亲河溪”千人系列活动周",
            activity__start_date=datetime.date(2024, 9, 2),
            activity__end_date=datetime.date(2024, 9, 8),
        ),
        "three_one_check": OversightActionFactory(
            township=township,
            activity__title="三改一拆专项督查",
            activity__start_date=datetime.date(2024, 9, 24),
        ),
    }


def test_without_the_actions_the_seed_does_nothing(found):
    demo_problems.seed(found)
    demo_problems.seed({**found, "actions": {}})
    assert not Problem.objects.exists()


@freeze_time("2025-01-10 10:00")
def test_the_river_week_found_fourteen_problems_followed_through_2024(found, actions, township):
    demo_problems.seed({**found, "actions": actions})
    week = actions["river_week"].problems.all()
    assert week.count() == 14
    statuses = sorted(week.values_list("status", flat=True))
    assert statuses.count(ProblemStatus.CLOSED) == 10
    assert statuses.count(ProblemStatus.REPORTED) == 2
    assert statuses.count(ProblemStatus.IN_PROGRESS) == 2
    assert [p.description[:10] for p in week if p.is_overdue] == ["大茂坑村养殖户畜禽粪"]
    assert all(
        datetime.date(2024, 10, 1) <= p.deadline <= datetime.date(2024, 11, 30)
        for p in week
        if not p.description.startswith("姚埠工业园区雨污管网")
    )
    assert actions["three_one_check"].problems.count() == 3
    # Every step is dated in 2024, in order, and each closed one has its verifying deputies.
    steps = ProblemStatusChange.objects.filter(problem__township=township)
    assert {change.changed_at.year for change in steps} == {2024}
    for problem in Problem.objects.filter(status=ProblemStatus.CLOSED):
        assert problem.verifiers.exists() and problem.verified_on.year == 2024
        times = list(problem.status_changes.values_list("changed_at", flat=True))
        assert times == sorted(times)
    sent_back = ProblemStatusChange.objects.get(
        from_status=ProblemStatus.REPORTED, to_status="in_progress"
    )
    assert "复查" in sent_back.note
    assert RectificationEvidence.objects.count() == 10 + 2 + 3  # one photo per report kept
    # The demo unit's account acted on its own problems.
    assert ProblemStatusChange.objects.filter(changed_by__username="unit").exists()
    summary = problems_year_summary(township=township, year=2024)
    assert (summary["found"], summary["closed"], summary["open"], summary["overdue"]) == (
        17,
        12,
        5,
        1,
    )

    demo_problems.seed({**found, "actions": actions})  # a second run adds nothing
    assert Problem.objects.count() == 17
