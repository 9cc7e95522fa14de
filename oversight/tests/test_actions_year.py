"""The year's oversight figures, a campaign's totals and the home page's panel."""

import datetime

import pytest

from congress.registry import year_summaries
from congress.roles import Role
from congress.selectors import dashboard_for_user
from congress.tests.factories import TownshipFactory
from deputies.models import Attendance
from deputies.tests.factories import DeputyFactory
from oversight.selectors.actions import campaign_totals, oversight_year_summary
from oversight.tests.factories import (
    ActionStaffFactory,
    CampaignFactory,
    OversightActionFactory,
    ProblemFactory,
)
from oversight.workflow import ProblemStatus

D = datetime.date


def _action(township, day, kind="special_check", present=(), leave=(), staff=0, others=0, **kw):
    action = OversightActionFactory(
        township=township,
        kind=kind,
        activity__start_date=day,
        activity__other_participants=others,
        **kw,
    )
    for deputy in present:
        Attendance.objects.create(activity=action.activity, deputy=deputy, status="present")
    for deputy in leave:
        Attendance.objects.create(activity=action.activity, deputy=deputy, status="leave")
    for n in range(staff):
        ActionStaffFactory(action=action, name=f"干部{n}")
    return action


@pytest.fixture
def year(township):
    deputies = DeputyFactory.create_batch(4, township=township)
    river = CampaignFactory(
        township=township, title="关心母亲河溪", start_date=D(2024, 7, 1), end_date=D(2024, 9, 30)
    )
    visit = _action(
        township, D(2024, 8, 15), "inspection", deputies[:3], deputies[3:], staff=2, others=2,
        campaign=river,
    )  # fmt: skip
    week = _action(
        township, D(2024, 9, 2), "survey", deputies[1:], staff=3, others=20, campaign=river
    )
    _action(township, D(2024, 10, 16), present=deputies[:2], staff=1, others=1)
    _action(township, D(2023, 10, 16), present=deputies, others=9)  # another year
    _action(TownshipFactory(), D(2024, 10, 16), others=50)  # another township
    for status in (ProblemStatus.CLOSED, ProblemStatus.CLOSED, ProblemStatus.REPORTED):
        ProblemFactory(action=week, status=status)
    ProblemFactory(action=visit)
    return {"river": river, "deputies": deputies}


def test_a_campaigns_totals_run_over_all_its_actions(year):
    totals = campaign_totals(campaign=year["river"])
    assert totals.actions == 2
    assert totals.person_times == (3 + 2 + 2) + (3 + 3 + 20)  # the one on leave not counted
    assert totals.deputies == 4  # distinct: three at the visit, three in the week
    assert (totals.problems, totals.problems_closed, totals.problems_open) == (4, 2, 2)


def test_a_campaign_without_actions_has_zero_totals(township):
    totals = campaign_totals(campaign=CampaignFactory(township=township))
    assert (totals.actions, totals.person_times, totals.deputies, totals.problems) == (0, 0, 0, 0)


def test_the_year_summary_counts_actions_and_person_times_by_kind_and_campaign(year, township):
    summary = oversight_year_summary(township=township, year=2024)
    assert summary["actions"] == 3
    assert summary["person_times"] == 7 + 26 + 4
    assert summary.figures[0].url == "/oversight/?year=2024"
    assert [(row["count"], row["person_times"]) for row in summary.details["by_kind"]] == [
        (1, 4),  # 专项督查
        (1, 7),  # 视察
        (1, 26),  # 调研
    ]
    [river] = summary.details["campaigns"]
    assert river["campaign"] == year["river"]
    assert river["totals"].person_times == 33
    assert oversight_year_summary(township=township, year=2023).details["campaigns"] == []
    assert any(s.key == "oversight" for s in year_summaries(township=township, year=2024))


def test_the_home_page_shows_the_years_actions_to_the_presidium(year, users):
    figures = {
        figure.key: figure
        for figure in dashboard_for_user(user=users[Role.STAFF], year=2024)["figures"]
    }
    assert figures["oversight"].value == 3
    assert figures["oversight"].url == "/oversight/?year=2024"
    assert figures["oversight_person_times"].value == 37
