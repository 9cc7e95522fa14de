"""A problem's rectification on the workflow engine: every move and every refused one, who
may make each (a unit only on its own problems, a member verifies but does not report),
overdue at its edges, and Chinese errors with nothing half-saved."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from freezegun import freeze_time
from PIL import Image

from congress.models import Notification
from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.models import Attendance
from deputies.tests.factories import DeputyFactory
from oversight.models import (
    Problem,
    ProblemStatusChange,
    RectificationEvidence,
    RectificationReport,
)
from oversight.selectors.problems import problem_list_for_user
from oversight.services.problems import (
    problem_add,
    problem_begin,
    problem_report,
    problem_send_back,
    problem_update,
    problem_verify,
)
from oversight.tests.factories import OversightActionFactory
from oversight.workflow import PROBLEM_WORKFLOW, ProblemStatus

PENDING, IN_PROGRESS = ProblemStatus.PENDING, ProblemStatus.IN_PROGRESS
REPORTED, CLOSED = ProblemStatus.REPORTED, ProblemStatus.CLOSED


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, "PNG")
    return buffer.getvalue()


PNG = png_bytes()
FOUND = datetime.date(2024, 9, 12)  # the factory action's day


def photo(name="整改后.png", content=PNG):
    return SimpleUploadedFile(name, content, content_type="image/png")


def at(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(f"{day} 10:00"))


@pytest.fixture
def action(township):
    return OversightActionFactory(township=township)


@pytest.fixture
def unit_user(users):
    return users[Role.UNIT]


@pytest.fixture
def add(action, unit, staff):
    def make(deadline=datetime.date(2024, 10, 31), **kwargs):
        return problem_add(
            action=action,
            by=staff,
            description=kwargs.pop("description", "养殖场污水直排练溪"),
            unit=kwargs.pop("unit", unit),
            deadline=deadline,
            **kwargs,
        )

    return make


def steps(problem):
    return list(
        ProblemStatusChange.objects.filter(problem=problem).values_list(
            "from_status", "to_status", "changed_by__role"
        )
    )


# ------------------------------------------------------------------------ the table


def test_the_table_has_exactly_the_edges_of_the_rectification():
    assert PROBLEM_WORKFLOW.edges() == {
        (PENDING, IN_PROGRESS),  # begin
        (PENDING, REPORTED),  # report straight away
        (IN_PROGRESS, REPORTED),
        (REPORTED, CLOSED),  # verify
        (REPORTED, IN_PROGRESS),  # send back
    }
    assert PROBLEM_WORKFLOW.is_final(CLOSED)


@freeze_time("2024-10-20 10:00")
def test_a_problem_goes_from_found_to_closed_with_every_step_recorded(
    add, staff, unit_user, township
):
    problem = add(place="路堰村", requirement="建设治污设施")
    assert (problem.status, problem.township_id) == (PENDING, township.pk)
    problem_begin(problem=problem, by=unit_user, note="已制定整改方案")
    problem_report(
        problem=problem,
        by=unit_user,
        text="建成沉淀池，污水不再直排",
        rectified_on=datetime.date(2024, 10, 18),
        files=[photo()],
    )
    problem_send_back(problem=problem, by=staff, note="现场仍有渗漏")
    problem_report(
        problem=problem, by=unit_user, text="修补渗漏点", rectified_on=datetime.date(2024, 10, 20)
    )
    verifier = DeputyFactory(township=township)
    problem_verify(
        problem=problem, by=staff, verified_on=datetime.date(2024, 10, 20), verifiers=[verifier]
    )
    problem.refresh_from_db()
    assert problem.status == CLOSED and problem.verified_on == datetime.date(2024, 10, 20)
    assert list(problem.verifiers.all()) == [verifier]
    assert steps(problem) == [
        ("", PENDING, "staff"),
        (PENDING, IN_PROGRESS, "unit"),
        (IN_PROGRESS, REPORTED, "unit"),
        (REPORTED, IN_PROGRESS, "staff"),
        (IN_PROGRESS, REPORTED, "unit"),
        (REPORTED, CLOSED, "staff"),
    ]
    assert ProblemStatusChange.objects.get(to_status=IN_PROGRESS, from_status=REPORTED).note == (
        "现场仍有渗漏"
    )
    assert RectificationReport.objects.filter(problem=problem).count() == 2
    assert RectificationEvidence.objects.get().file.read() == PNG


def test_a_unit_may_report_straight_from_pending(add, unit_user):
    problem = add()
    with freeze_time("2024-10-01"):
        problem_report(
            problem=problem, by=unit_user, text="已清理", rectified_on=datetime.date(2024, 9, 30)
        )
    assert problem.status == REPORTED


@pytest.mark.parametrize(
    ("state", "move"),
    [
        (PENDING, "verify"),
        (PENDING, "send_back"),
        (IN_PROGRESS, "begin"),
        (IN_PROGRESS, "verify"),
        (REPORTED, "begin"),
        (REPORTED, "report"),
        (CLOSED, "begin"),
        (CLOSED, "report"),
        (CLOSED, "send_back"),
        (CLOSED, "verify"),
    ],
)
def test_moves_the_table_does_not_list_are_refused_in_chinese(add, staff, state, move):
    problem = add()
    Problem.objects.filter(pk=problem.pk).update(status=state)
    problem.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        PROBLEM_WORKFLOW.perform(record=problem, move=move, by=staff, note="说明")
    assert "不能变为" in error.value.messages[0]
    problem.refresh_from_db()
    assert problem.status == state


# ------------------------------------------------------------------------ who may move


# Who may make each move on the township's problem of their own unit (staff act for units on
# paper; members verify; deputies and county viewers do neither).
WHO = {
    "begin": {Role.STAFF: True, Role.UNIT: True, Role.MEMBER: False, Role.DEPUTY: False},
    "report": {Role.STAFF: True, Role.UNIT: True, Role.MEMBER: False, Role.DEPUTY: False},
    "verify": {Role.STAFF: True, Role.UNIT: False, Role.MEMBER: True, Role.DEPUTY: False},
    "send_back": {Role.STAFF: True, Role.UNIT: False, Role.MEMBER: True, Role.DEPUTY: False},
}
SOURCE = {"begin": PENDING, "report": IN_PROGRESS, "verify": REPORTED, "send_back": REPORTED}


@pytest.mark.parametrize(
    ("move", "role", "may"),
    [(move, role, may) for move, row in WHO.items() for role, may in row.items()],
)
def test_who_may_make_each_move(add, users, action, move, role, may):
    problem = add()
    user = users[role]
    if role == Role.DEPUTY:  # even a deputy who took part in the action, and reads it
        Attendance.objects.create(activity=action.activity, deputy=user.deputy, status="present")
        assert problem_list_for_user(user=user).filter(pk=problem.pk).exists()
    Problem.objects.filter(pk=problem.pk).update(status=SOURCE[move])
    problem.refresh_from_db()
    offered = [m.name for m in PROBLEM_WORKFLOW.moves_for(user=user, record=problem)]
    assert (move in offered) is may
    if may:
        PROBLEM_WORKFLOW.perform(record=problem, move=move, by=user, note="说明")
        assert problem.status == PROBLEM_WORKFLOW.move(move).target
    else:
        with pytest.raises(ValidationError, match="无权"):
            PROBLEM_WORKFLOW.perform(record=problem, move=move, by=user, note="说明")


def test_a_unit_moves_only_its_own_problems(add, township, make_user):
    other_unit = UnitFactory(township=township)
    others = add(unit=other_unit)
    stranger = make_user(Role.UNIT, township, unit=UnitFactory(township=township))
    assert PROBLEM_WORKFLOW.moves_for(user=stranger, record=others) == []
    with pytest.raises(ValidationError, match="无权"):
        problem_begin(problem=others, by=stranger)
    with pytest.raises(ValidationError, match="无权"), freeze_time("2024-10-01"):
        problem_report(
            problem=others, by=stranger, text="已整改", rectified_on=datetime.date(2024, 9, 30)
        )
    assert not RectificationReport.objects.exists()
    others.refresh_from_db()
    assert others.status == PENDING


def test_staff_of_another_township_move_nothing(add, make_user):
    problem = add()
    Problem.objects.filter(pk=problem.pk).update(status=REPORTED)
    problem.refresh_from_db()
    outsider = make_user(Role.STAFF, TownshipFactory())
    with pytest.raises(ValidationError, match="无权"):
        problem_verify(problem=problem, by=outsider, verified_on=datetime.date(2024, 10, 1))


def test_sending_back_needs_a_reason(add, staff):
    problem = add()
    Problem.objects.filter(pk=problem.pk).update(status=REPORTED)
    with pytest.raises(ValidationError) as error:
        problem_send_back(problem=problem, by=staff, note="  ")
    assert error.value.message_dict == {"note": ["请填写此步骤的说明。"]}


# ------------------------------------------------------------------------ recording rules


def test_adding_refuses_another_townships_unit_and_a_deadline_before_the_action(add, action, staff):
    foreign = UnitFactory()
    with pytest.raises(ValidationError) as error:
        add(unit=foreign)
    assert error.value.message_dict == {"unit": ["该承办单位属于其他乡镇。"]}
    with pytest.raises(ValidationError) as error:
        add(deadline=FOUND - datetime.timedelta(days=1))
    assert error.value.message_dict == {
        "deadline": ["整改期限不能早于发现问题的监督活动（2024-09-12）。"]
    }
    assert add(deadline=FOUND).deadline == FOUND  # the action's own day is allowed
    assert Problem.objects.count() == 1


def test_adding_refuses_a_unit_no_longer_in_use(add, unit):
    unit.is_active = False
    unit.save()
    with pytest.raises(ValidationError, match="该承办单位已停用"):
        add()


def test_a_new_problem_tells_its_unit(add, unit_user, staff):
    problem = add()
    notice = Notification.objects.get(recipient=unit_user)
    assert notice.subject == "待整改问题，整改期限2024-10-31：“养殖场污水直排练溪”"
    assert notice.url == f"/oversight/problems/{problem.pk}/"
    assert not Notification.objects.filter(recipient=staff).exists()


def test_a_problem_is_corrected_only_while_pending(add, staff, unit_user, township):
    problem = add()
    other = UnitFactory(township=township)
    problem_update(
        problem=problem,
        by=staff,
        description="养殖场污水直排",
        unit=other,
        deadline=datetime.date(2024, 11, 15),
    )
    problem.refresh_from_db()
    assert (problem.unit, problem.deadline) == (other, datetime.date(2024, 11, 15))
    problem_begin(problem=problem, by=staff)
    with pytest.raises(ValidationError, match="只有待整改的问题才能修改；该问题已是整改中。"):
        problem_update(
            problem=problem, by=staff, description="改", unit=other, deadline=problem.deadline
        )


@freeze_time("2024-10-20 10:00")
def test_a_report_dated_in_the_future_or_before_the_problem_was_found_is_refused(add, unit_user):
    problem = add()
    for day, message in [
        (datetime.date(2024, 10, 21), "整改完成日期不能晚于今天。"),
        (FOUND - datetime.timedelta(days=1), "整改完成日期不能早于发现问题的日期（2024-09-12）。"),
    ]:
        with pytest.raises(ValidationError) as error:
            problem_report(problem=problem, by=unit_user, text="已整改", rectified_on=day)
        assert error.value.message_dict == {"rectified_on": [message]}
    problem_report(problem=problem, by=unit_user, text="已整改", rectified_on=FOUND)
    assert problem.status == REPORTED


@freeze_time("2024-10-20 10:00")
@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("现场.exe", b"MZ"),
            "只能上传以下类型的文件：jpg, jpeg, png, pdf, doc, docx。",
        ),
        (SimpleUploadedFile("现场.png", b"<html>not a photo</html>"), "图片无法识别"),
        (
            SimpleUploadedFile("大.pdf", b"%PDF-1.4" + b"0" * (10 * 1024 * 1024)),
            "文件超过10 MB。",
        ),
    ],
)
def test_a_bad_evidence_file_saves_no_report_and_moves_nothing(
    add, unit_user, upload, message, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path  # its own: ids are reused between tests on SQLite
    problem = add()
    problem_begin(problem=problem, by=unit_user)
    with pytest.raises(ValidationError) as error:
        problem_report(
            problem=problem,
            by=unit_user,
            text="已整改",
            rectified_on=datetime.date(2024, 10, 20),
            files=[photo(), upload],
        )
    assert message in error.value.message_dict["files"][0]
    assert error.value.message_dict["files"][0].startswith(upload.name)
    problem.refresh_from_db()
    assert problem.status == IN_PROGRESS
    assert not RectificationReport.objects.exists()
    assert not RectificationEvidence.objects.exists()
    assert not list(tmp_path.rglob("*.*"))  # not even the good photo was written


@freeze_time("2024-10-20 10:00")
def test_verification_dates_and_verifiers_are_checked(add, unit_user, staff, township):
    problem = add()
    problem_report(
        problem=problem, by=unit_user, text="已整改", rectified_on=datetime.date(2024, 10, 15)
    )
    cases = [
        ({"verified_on": datetime.date(2024, 10, 21)}, {"verified_on": ["核实日期不能晚于今天。"]}),
        (
            {"verified_on": datetime.date(2024, 10, 14)},
            {"verified_on": ["核实日期不能早于报告的整改完成日期（2024-10-15）。"]},
        ),
        (
            {"verified_on": datetime.date(2024, 10, 16), "verifiers": [DeputyFactory()]},
            {"verifiers": ["该代表属于其他乡镇。"]},
        ),
    ]
    for kwargs, errors in cases:
        with pytest.raises(ValidationError) as error:
            problem_verify(problem=problem, by=staff, **kwargs)
        assert error.value.message_dict == errors
    problem.refresh_from_db()
    assert problem.status == REPORTED and problem.verified_on is None


# ------------------------------------------------------------------------ overdue


@pytest.mark.parametrize(
    ("today", "status", "overdue"),
    [
        ("2024-10-30", PENDING, False),
        ("2024-10-31", PENDING, False),  # the deadline day itself is still in time
        ("2024-11-01", PENDING, True),
        ("2024-11-01", IN_PROGRESS, True),
        ("2024-11-01", REPORTED, False),  # reported fixed: waiting for verification
        ("2025-06-01", CLOSED, False),
    ],
)
def test_overdue_at_its_edges_on_the_model_and_in_sql(add, staff, today, status, overdue):
    problem = add(deadline=datetime.date(2024, 10, 31))
    Problem.objects.filter(pk=problem.pk).update(status=status)
    problem.refresh_from_db()
    with freeze_time(f"{today} 23:30:00+08:00"):
        assert problem.is_overdue is overdue
        listed = problem_list_for_user(user=staff).get(pk=problem.pk)
        assert listed.overdue is overdue
        late = problem_list_for_user(user=staff, overdue=True)
        assert late.filter(pk=problem.pk).exists() is overdue
        in_time = problem_list_for_user(user=staff, overdue=False)
        assert in_time.filter(pk=problem.pk).exists() is not overdue
