"""Work evaluations: the rules of starting one, rating it and recording the unit's response."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from freezegun import freeze_time

from congress.attendance import AttendanceStatus
from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.models import Attendance
from deputies.tests.factories import DeputyFactory
from oversight.models import EvaluationRating, OversightAction, WorkEvaluation
from oversight.selectors.evaluations import evaluation_result, evaluations_year_summary
from oversight.services.evaluations import (
    evaluation_ratings_set,
    evaluation_respond,
    evaluation_start,
    evaluation_update,
)
from oversight.tests.factories import OversightActionFactory, WorkEvaluationFactory

S, M, D, U = Role.STAFF, Role.MEMBER, Role.DEPUTY, Role.UNIT
HELD_ON = datetime.date(2024, 8, 20)


@pytest.fixture
def action(township):
    return OversightActionFactory(
        township=township,
        kind=OversightAction.Kind.EVALUATION,
        activity__title="公安派出所工作评议",
        activity__start_date=HELD_ON,
    )


@pytest.fixture
def roll(action):
    """Five deputies present, one on leave, one absent."""
    township = action.township
    marks = [AttendanceStatus.PRESENT] * 5 + [AttendanceStatus.LEAVE, AttendanceStatus.ABSENT]
    deputies = []
    for n, status in enumerate(marks):
        deputy = DeputyFactory(township=township, name=f"测评代表{n}")
        Attendance.objects.create(activity=action.activity, deputy=deputy, status=status)
        deputies.append(deputy)
    return deputies


@pytest.fixture
def evaluation(action, unit):
    return WorkEvaluation.objects.create(action=action, unit=unit)


# ------------------------------------------------------------------------ starting


def test_staff_start_the_evaluation_of_an_evaluation_action(action, unit, staff):
    evaluation = evaluation_start(action=action, by=staff, unit=unit, conclusion="  总体满意 ")
    assert evaluation.unit == unit and evaluation.conclusion == "总体满意"
    assert evaluation.history.count() == 1


def test_only_an_action_of_kind_evaluation_holds_one(township, unit, staff):
    inspection = OversightActionFactory(township=township, kind=OversightAction.Kind.INSPECTION)
    with pytest.raises(ValidationError) as error:
        evaluation_start(action=inspection, by=staff, unit=unit)
    assert "只有类别为“工作评议”的监督活动才能开展评议" in str(error.value)
    assert not WorkEvaluation.objects.exists()


def test_an_action_holds_one_evaluation(action, unit, staff):
    evaluation_start(action=action, by=staff, unit=unit)
    with pytest.raises(ValidationError, match="该监督活动已有评议记录"):
        evaluation_start(action=action, by=staff, unit=UnitFactory(township=action.township))
    assert WorkEvaluation.objects.count() == 1


def test_the_unit_is_of_the_actions_township(action, staff):
    other = UnitFactory(township=TownshipFactory())
    with pytest.raises(ValidationError) as error:
        evaluation_start(action=action, by=staff, unit=other)
    assert "unit" in error.value.error_dict
    with pytest.raises(ValidationError):
        evaluation_update(
            evaluation=WorkEvaluationFactory(action=action), by=staff, unit=other, conclusion=""
        )


@pytest.mark.parametrize("role", [M, D, U])
def test_only_staff_start_or_edit_an_evaluation(action, unit, users, role):
    with pytest.raises(PermissionDenied):
        evaluation_start(action=action, by=users[role], unit=unit)


def test_staff_of_another_township_start_none(action, unit, make_user):
    stranger = make_user(S, TownshipFactory())
    with pytest.raises(PermissionDenied):
        evaluation_start(action=action, by=stranger, unit=unit)


# ------------------------------------------------------------------------ ratings


def test_the_deputies_present_rate_in_one_go_with_history(evaluation, roll, staff):
    present = roll[:5]
    saved = evaluation_ratings_set(
        evaluation=evaluation,
        by=staff,
        ratings={
            present[0].pk: ("satisfied", " 出警快 "),
            present[1].pk: ("satisfied", ""),
            present[2].pk: ("fairly", "夜间巡逻可加强"),
        },
    )
    assert len(saved) == 3
    rows = {r.deputy_id: r for r in EvaluationRating.objects.filter(evaluation=evaluation)}
    assert rows[present[0].pk].opinion == "出警快"
    assert rows[present[2].pk].verdict == "fairly"
    assert EvaluationRating.history.filter(history_type="+").count() == 3
    assert {h.history_user_id for h in EvaluationRating.history.all()} == {staff.pk}

    # Changing one rating and adding another; the untouched ones stay as they were.
    saved = evaluation_ratings_set(
        evaluation=evaluation,
        by=staff,
        ratings={
            present[0].pk: ("satisfied", "出警快"),  # unchanged
            present[2].pk: ("dissatisfied", "夜间巡逻不足"),
            present[3].pk: ("fairly", ""),
        },
    )
    assert len(saved) == 2
    assert EvaluationRating.objects.filter(evaluation=evaluation).count() == 4
    assert EvaluationRating.objects.get(deputy=present[2]).verdict == "dissatisfied"
    assert EvaluationRating.history.filter(history_type="~").count() == 1


@pytest.mark.parametrize("who", ["on leave", "absent", "not on the roll"])
def test_a_deputy_not_present_is_refused_and_nothing_is_saved(evaluation, roll, staff, who):
    stranger = {
        "on leave": roll[5],
        "absent": roll[6],
        "not on the roll": DeputyFactory(township=evaluation.action.township, name="未到代表"),
    }[who]
    with pytest.raises(ValidationError) as error:
        evaluation_ratings_set(
            evaluation=evaluation,
            by=staff,
            ratings={roll[0].pk: ("satisfied", ""), stranger.pk: ("satisfied", "")},
        )
    assert "只有出席评议会议的代表才能测评" in error.value.messages[0]
    assert stranger.name in error.value.messages[0]
    assert not EvaluationRating.objects.exists()


def test_an_unknown_verdict_or_nothing_marked_is_refused(evaluation, roll, staff):
    with pytest.raises(ValidationError, match="未知的测评结果"):
        evaluation_ratings_set(evaluation=evaluation, by=staff, ratings={roll[0].pk: ("good", "")})
    with pytest.raises(ValidationError, match="未填写任何测评"):
        evaluation_ratings_set(evaluation=evaluation, by=staff, ratings={})
    assert not EvaluationRating.objects.exists()


@pytest.mark.parametrize("role", [M, D, U])
def test_only_staff_record_ratings(evaluation, roll, users, role):
    with pytest.raises(PermissionDenied):
        evaluation_ratings_set(
            evaluation=evaluation, by=users[role], ratings={roll[0].pk: ("satisfied", "")}
        )


# ------------------------------------------------------------------------ the result


def test_the_result_counts_shares_and_who_has_not_rated(evaluation, roll, staff):
    present = roll[:5]
    evaluation_ratings_set(
        evaluation=evaluation,
        by=staff,
        ratings={
            present[0].pk: ("satisfied", ""),
            present[1].pk: ("satisfied", ""),
            present[2].pk: ("fairly", ""),
            present[3].pk: ("dissatisfied", "不够及时"),
        },
    )
    result = evaluation_result(evaluation)
    assert (result.present, result.rated) == (5, 4)
    assert [(v.key, v.count, v.share) for v in result.verdicts] == [
        ("satisfied", 2, 50.0),
        ("fairly", 1, 25.0),
        ("dissatisfied", 1, 25.0),
    ]
    assert result.satisfaction == 75.0  # (满意 2 + 基本满意 1) / 4 rated
    assert result.not_rated == [present[4]]


def test_no_satisfaction_before_any_rating(evaluation, roll):
    result = evaluation_result(evaluation)
    assert result.rated == 0 and result.satisfaction is None
    assert all(v.share is None for v in result.verdicts)
    assert len(result.not_rated) == 5


def test_the_year_summary_counts_the_years_evaluations_and_ratings(evaluation, roll, staff):
    evaluation_ratings_set(
        evaluation=evaluation,
        by=staff,
        ratings={roll[0].pk: ("satisfied", ""), roll[1].pk: ("fairly", "")},
    )
    WorkEvaluationFactory(
        action__township=evaluation.action.township,
        action__activity__start_date=datetime.date(2023, 8, 1),
    )
    summary = evaluations_year_summary(township=evaluation.action.township, year=2024)
    assert summary["held"] == 1
    assert (summary["rated_satisfied"], summary["rated_fairly"]) == (1, 1)
    assert summary["rated_dissatisfied"] == 0
    assert summary.details["evaluations"][0]["satisfaction"] == 100.0


# ------------------------------------------------------------------------ the response


@freeze_time("2024-09-15 10:00:00+08:00")
def test_the_evaluated_units_user_records_the_response(evaluation, users):
    evaluation_respond(
        evaluation=evaluation,
        by=users[U],
        response="  已召开整改会 ",
        improvements="增加夜间巡逻",
        responded_on=datetime.date(2024, 9, 15),
    )
    evaluation.refresh_from_db()
    assert evaluation.response == "已召开整改会"
    assert evaluation.responded_on == datetime.date(2024, 9, 15)


@freeze_time("2024-09-15 10:00:00+08:00")
def test_staff_enter_a_paper_response_but_another_unit_or_a_member_may_not(
    evaluation, users, make_user
):
    township = evaluation.action.township
    other_unit_user = make_user(U, township, unit=UnitFactory(township=township))
    for user in (other_unit_user, users[M], users[D]):
        with pytest.raises(ValidationError, match="只有被评议单位或人大办工作人员才能登记答复"):
            evaluation_respond(
                evaluation=evaluation,
                by=user,
                response="答复",
                improvements="",
                responded_on=datetime.date(2024, 9, 1),
            )
    evaluation_respond(
        evaluation=evaluation,
        by=users[S],
        response="书面答复",
        improvements="",
        responded_on=HELD_ON,  # the day of the evaluation itself is allowed
    )
    evaluation.refresh_from_db()
    assert evaluation.response == "书面答复"


@freeze_time("2024-09-15 10:00:00+08:00")
def test_the_response_date_is_neither_future_nor_before_the_evaluation(evaluation, staff):
    cases = {
        datetime.date(2024, 9, 16): "日期不能晚于今天",
        HELD_ON - datetime.timedelta(days=1): "答复日期不能早于评议日期（2024-08-20）",
    }
    for day, message in cases.items():
        with pytest.raises(ValidationError) as error:
            evaluation_respond(
                evaluation=evaluation,
                by=staff,
                response="答复",
                improvements="",
                responded_on=day,
            )
        assert message in error.value.message_dict["responded_on"][0]
    with pytest.raises(ValidationError) as error:
        evaluation_respond(
            evaluation=evaluation, by=staff, response=" ", improvements="", responded_on=HELD_ON
        )
    assert error.value.message_dict["response"] == ["请填写被评议单位的答复。"]
    evaluation.refresh_from_db()
    assert evaluation.responded_on is None and evaluation.response == ""
