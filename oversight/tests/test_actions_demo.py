"""The demo year's oversight actions are the 2024 report's: ten actions by month, the practical
projects reviewed at mid-year, and the river campaign of 86 person-times."""

import pytest

from congress.roles import Role
from congress.tests.factories import UnitFactory
from demo import year2024 as demo
from demo.oversight import actions as demo_actions
from deputies.models import Activity
from deputies.tests.factories import DeputyFactory
from oversight.models import GovernmentTask, ProgressReview
from oversight.selectors.actions import actions_in_year, campaign_totals
from oversight.tests.factories import PlanItemFactory

KEYS = {
    "reservoir": ("2024-04-18", "inspection", 18),
    "practical_mid_year": ("2024-07-10", "special_check", 12),
    "village_stay": ("2024-08-06", "special_check", 8),
    "river_inspection": ("2024-08-15", "inspection", 16),
    "police_evaluation": ("2024-08-20", "evaluation", 15),
    "river_week": ("2024-09-02", "survey", 70),
    "key_projects": ("2024-09-12", "special_check", 14),
    "three_one_check": ("2024-09-25", "special_check", 12),
    "three_one_survey": ("2024-09-27", "survey", 10),
    "clean_villages": ("2024-10-16", "special_check", 10),
}


@pytest.fixture
def found(township, make_user):
    found = {
        "township": township,
        "deputies": DeputyFactory.create_batch(40, township=township),
        "units": {name: UnitFactory(township=township, name=name) for name, _ in demo.UNITS},
        "staff": make_user(Role.STAFF, township),
        "member": make_user(Role.MEMBER, township),
        "plan_items": {"oversight": PlanItemFactory(township=township, title="加大监督力度")},
    }
    demo_actions.seed(found)
    return found


def test_the_ten_actions_of_the_report_with_their_person_times(found, township):
    actions = found["actions"]
    assert set(actions) == set(KEYS)
    counted = {a.pk: a for a in actions_in_year(township=township, year=2024)}
    assert len(counted) == 10
    for key, (day, kind, person_times) in KEYS.items():
        action = counted[actions[key].pk]
        assert (str(action.activity.start_date), action.kind) == (day, kind), key
        assert action.person_times == person_times, key
        assert action.activity.kind == Activity.Kind.OVERSIGHT
        assert action.plan_item == found["plan_items"]["oversight"]


def test_the_river_campaign_counts_86_person_times(found):
    river = found["campaigns"]["river"]
    assert river.title == "关心母亲河溪，查找水污染源，恪尽代表职责"
    assert set(river.actions.all()) == {
        found["actions"]["river_inspection"],
        found["actions"]["river_week"],
    }
    assert campaign_totals(campaign=river).person_times == 86  # 共86人次
    week = found["actions"]["river_week"]
    assert week.staff.count() == 20  # 镇机关干部, by name
    assert week.activity.attendances.filter(status="leave").count() == 3


def test_the_ten_practical_projects_are_reviewed_at_mid_year(found):
    practical = GovernmentTask.objects.filter(kind=GovernmentTask.Kind.PRACTICAL, year=2024)
    assert sorted(practical.values_list("number", flat=True)) == list(range(1, 11))
    assert all(task.unit_id and task.leader for task in practical)
    mid_year = ProgressReview.objects.filter(
        stage="mid_year", action=found["actions"]["practical_mid_year"]
    )
    assert mid_year.count() == 10
    key_reviews = ProgressReview.objects.filter(action=found["actions"]["key_projects"])
    assert key_reviews.count() == 4
    assert set(found["tasks"]) >= {"wulei_street", "reservoir_project", "river_works"}


def test_the_deputies_activities_no_longer_repeat_the_actions():
    titles = {row["title"] for row in demo.ACTIVITIES}
    assert not titles & {row["title"] for row in demo_actions.ACTIONS}
    assert not hasattr(demo, "INSPECTIONS")
