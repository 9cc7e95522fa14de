"""The year's problems as the reports quote them, counts per action, township isolation of
the reads, and the problem's change history."""

import datetime
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from freezegun import freeze_time

from congress.registry import year_summaries
from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from oversight.selectors.problems import (
    problem_counts_for_actions,
    problem_list_for_user,
    problems_year_summary,
)
from oversight.services.problems import problem_add, problem_begin
from oversight.tests.factories import OversightActionFactory, ProblemFactory
from oversight.workflow import ProblemStatus

PENDING, IN_PROGRESS = ProblemStatus.PENDING, ProblemStatus.IN_PROGRESS
REPORTED, CLOSED = ProblemStatus.REPORTED, ProblemStatus.CLOSED


@pytest.fixture
def year_of_problems(township):
    """2024: the river week found five (three closed, one reported, one overdue in
    progress), an October check one pending not yet due; 2023 found one; another township
    found two."""
    water = UnitFactory(township=township, name="镇生态环境办公室")
    village = UnitFactory(township=township, name="路堰村村民委员会")
    week = OversightActionFactory(township=township, activity__start_date=datetime.date(2024, 9, 2))
    check = OversightActionFactory(
        township=township, activity__start_date=datetime.date(2024, 10, 20)
    )
    last_year = OversightActionFactory(
        township=township, activity__start_date=datetime.date(2023, 6, 1)
    )
    due = datetime.date(2024, 10, 31)
    for unit, status in [
        (water, CLOSED),
        (water, CLOSED),
        (village, CLOSED),
        (village, REPORTED),
        (water, IN_PROGRESS),
    ]:
        ProblemFactory(action=week, unit=unit, status=status, deadline=due)
    ProblemFactory(action=check, unit=village, deadline=datetime.date(2024, 12, 20))
    ProblemFactory(action=last_year, unit=water, deadline=datetime.date(2023, 7, 1))
    other = OversightActionFactory(activity__start_date=datetime.date(2024, 9, 2))
    ProblemFactory.create_batch(2, action=other, deadline=due)
    return week, check, last_year


@freeze_time("2024-11-20 10:00")
def test_the_year_summary_counts_found_closed_open_and_overdue(township, year_of_problems):
    summary = problems_year_summary(township=township, year=2024)
    assert [(f.key, f.value) for f in summary.figures] == [
        ("found", 6),
        ("closed", 3),
        ("open", 3),
        ("overdue", 1),  # in progress past 31 October; the reported one waits for verifying
    ]
    assert summary.details["by_unit"] == [
        {"unit": "路堰村村民委员会", "found": 3, "closed": 1, "open": 2, "overdue": 0},
        {"unit": "镇生态环境办公室", "found": 3, "closed": 2, "open": 1, "overdue": 1},
    ]
    assert [s.key for s in year_summaries(township=township, year=2024)].count("problems") == 1
    assert problems_year_summary(township=township, year=2023)["found"] == 1


@freeze_time("2024-11-20 10:00")
def test_each_figure_links_to_the_list_of_what_it_counts(client, township, staff, year_of_problems):
    client.force_login(staff)
    for figure in problems_year_summary(township=township, year=2024).figures:
        url = urlparse(figure.url)
        assert url.path == reverse("oversight:problems")
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        response = client.get(figure.url)
        assert response.context["paginator"].count == figure.value, (figure.key, query)


@freeze_time("2024-11-20 10:00")
def test_counts_per_action_in_one_query(year_of_problems, django_assert_num_queries):
    week, check, last_year = year_of_problems
    empty = OversightActionFactory(township=week.township)
    with django_assert_num_queries(1):
        counts = problem_counts_for_actions([week, check, last_year, empty])
    assert counts[week.pk] == {"total": 5, "closed": 3, "open": 2, "overdue": 1}
    assert counts[check.pk] == {"total": 1, "closed": 0, "open": 1, "overdue": 0}
    assert counts[last_year.pk]["overdue"] == 1
    assert empty.pk not in counts


def test_townships_are_isolated(township, users, year_of_problems):
    other_staff_township = TownshipFactory()
    foreign = ProblemFactory(action=OversightActionFactory(township=other_staff_township))
    for role in (Role.STAFF, Role.MEMBER):
        listed = problem_list_for_user(user=users[role])
        assert listed.count() == 7 and foreign not in listed
    assert not problem_list_for_user(user=users[Role.COUNTY]).exists()
    assert not problem_list_for_user(user=users[Role.COUNTY_ADMIN]).exists()
    assert not problem_list_for_user(user=users[Role.DEPUTY]).exists()  # took part in none


def test_staff_read_a_problems_history(client, township, unit, staff):
    action = OversightActionFactory(township=township)
    problem = problem_add(
        action=action,
        by=staff,
        description="河道垃圾",
        unit=unit,
        deadline=datetime.date(2024, 10, 31),
    )
    problem_begin(problem=problem, by=staff)
    client.force_login(staff)
    response = client.get(reverse("history", args=["problem", problem.pk]))
    assert response.status_code == 200
    assert "河道垃圾" in response.content.decode()
