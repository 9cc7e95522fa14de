"""The demo's police-station evaluation, seeded on an action made here (the actions' own seed
provides it in the demo)."""

import datetime

import pytest

from congress.attendance import AttendanceStatus
from congress.roles import Role
from congress.tests.factories import UnitFactory
from demo.oversight import evaluations as demo_evaluations
from deputies.models import Attendance
from deputies.tests.factories import DeputyFactory
from oversight.models import EvaluationRating, OversightAction, WorkEvaluation
from oversight.selectors.evaluations import evaluation_result
from oversight.tests.factories import OversightActionFactory


@pytest.fixture
def found(township, users):
    station = UnitFactory(township=township, name="镇公安派出所", kind="station")
    action = OversightActionFactory(
        township=township,
        kind=OversightAction.Kind.EVALUATION,
        activity__title="公安派出所工作评议",
        activity__start_date=datetime.date(2024, 8, 20),
    )
    for n in range(8):
        deputy = DeputyFactory(township=township, name=f"评议代表{n}")
        Attendance.objects.create(
            activity=action.activity, deputy=deputy, status=AttendanceStatus.PRESENT
        )
    Attendance.objects.create(
        activity=action.activity, deputy=DeputyFactory(township=township), status="leave"
    )
    return {
        "township": township,
        "units": {"镇公安派出所": station},
        "staff": users[Role.STAFF],
        "actions": {"police_evaluation": action},
    }


def test_without_the_actions_seed_it_does_nothing(township, users):
    demo_evaluations.seed({"township": township, "staff": users[Role.STAFF], "units": {}})
    assert not WorkEvaluation.objects.exists()


def test_the_police_station_is_rated_and_responds(found):
    demo_evaluations.seed(found)
    evaluation = WorkEvaluation.objects.get()
    assert evaluation.unit.name == "镇公安派出所" and evaluation.conclusion
    result = evaluation_result(evaluation)
    assert (result.present, result.rated) == (8, 8)
    counts = {v.key: v.count for v in result.verdicts}
    assert counts == {"satisfied": 5, "fairly": 2, "dissatisfied": 1}
    assert evaluation.responded_on == datetime.date(2024, 9, 24)
    assert evaluation.improvements
    demo_evaluations.seed(found)  # again: nothing more
    assert WorkEvaluation.objects.count() == 1 and EvaluationRating.objects.count() == 8
