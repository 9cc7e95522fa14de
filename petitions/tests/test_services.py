"""Letters and visits: deadlines at their edges, the course on the workflow, replies, and the
identity kept to staff allowed to see it."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from freezegun import freeze_time

from congress.models import User
from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from petitions.models import Petition, PetitionPolicy, PetitionReply, PetitionStatusChange
from petitions.selectors import petition_list_for_user, petitions_year_summary
from petitions.services import (
    petition_move,
    petition_policy_update,
    petition_receive,
    petition_reply,
    petition_update,
)

S, M, D, U = Role.STAFF, Role.MEMBER, Role.DEPUTY, Role.UNIT
TODAY = "2024-07-01 10:00:00+08:00"


def allowed(user: User) -> User:
    """The same account holding petitions.view_petitioner (a fresh copy: no stale cache)."""
    user.user_permissions.add(Permission.objects.get(codename="view_petitioner"))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def clerk(township, make_user, users):
    """A staff member allowed to see who wrote; `staff` (users) is another, not allowed."""
    return allowed(make_user(S, township))


def receive(township, by, **changes):
    data = {
        "received_on": datetime.date(2024, 6, 3),
        "channel": Petition.Channel.LETTER,
        "name": "张三",
        "contact": "13900001111",
        "address": "某村1号",
        "people": 1,
        "category": Petition.Category.LAND,
        "subject": "宅基地纠纷",
        "content": "反映宅基地边界纠纷",
        **changes,
    }
    return petition_receive(township=township, by=by, **data)


# ------------------------------------------------------------------------ receiving


@freeze_time(TODAY)
def test_accept_by_is_received_plus_15_calendar_days_and_the_policy_is_made(township, clerk):
    assert not PetitionPolicy.objects.filter(township=township).exists()
    petition = receive(township, clerk, received_on=datetime.date(2024, 6, 3))
    assert petition.accept_by == datetime.date(2024, 6, 18)  # exactly 15 days, a Tuesday
    assert petition.status == "received" and petition.conclude_by is None
    policy = PetitionPolicy.objects.get(township=township)
    assert (policy.accept_days, policy.conclude_days) == (15, 60)
    step = PetitionStatusChange.objects.get(petition=petition)
    assert (step.from_status, step.to_status, step.changed_by) == ("", "received", clerk)
    assert step.changed_at.date() == datetime.date(2024, 6, 3)


@freeze_time(TODAY)
def test_calendar_days_count_through_weekends_and_holidays(township, clerk):
    # 2024-09-28 + 15 = 2024-10-13, inside the National Day week: not moved.
    petition = receive(township, clerk, received_on=datetime.date(2024, 6, 22))
    assert petition.accept_by == datetime.date(2024, 7, 7)  # a Sunday, kept


@freeze_time(TODAY)
def test_a_townships_own_deadlines_apply_to_what_it_receives_next(township, clerk):
    petition_policy_update(township=township, by=clerk, accept_days=10, conclude_days=30)
    petition = receive(township, clerk, received_on=datetime.date(2024, 6, 3))
    assert petition.accept_by == datetime.date(2024, 6, 13)
    petition_move(petition=petition, by=clerk, move="accept", on=datetime.date(2024, 6, 5))
    assert petition.conclude_by == datetime.date(2024, 7, 5)


@freeze_time(TODAY)
def test_received_today_or_earlier_never_later(township, clerk):
    receive(township, clerk, received_on=datetime.date(2024, 7, 1))
    receive(township, clerk, received_on=datetime.date(2023, 11, 20))  # last season's paper
    with pytest.raises(ValidationError) as error:
        receive(township, clerk, received_on=datetime.date(2024, 7, 2))
    assert error.value.message_dict["received_on"] == ["日期不能晚于今天。"]
    assert Petition.objects.count() == 2


@freeze_time(TODAY)
def test_a_refused_intake_saves_nothing(township, clerk):
    with pytest.raises(ValidationError) as error:
        receive(township, clerk, category="nonsense", subject="")
    assert {"category", "subject"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError):
        receive(township, clerk, unit=UnitFactory(township=TownshipFactory()))
    with pytest.raises(ValidationError, match="人数至少为1"):
        receive(township, clerk, people=0)
    assert not Petition.objects.exists() and not PetitionStatusChange.objects.exists()


@freeze_time(TODAY)
def test_intake_needs_the_permission_to_see_the_person(township, staff, users):
    with pytest.raises(ValidationError, match="只有可查看信访人身份信息的工作人员才能登记信访事项"):
        receive(township, staff)
    for role in (M, D, U):
        with pytest.raises(PermissionDenied):
            receive(township, allowed(users[role]))
    assert not Petition.objects.exists()


# ------------------------------------------------------------------------ the course


@freeze_time(TODAY)
def test_accepting_sets_conclude_by_60_days_from_the_acceptance_day(township, clerk):
    petition = receive(township, clerk)
    petition_move(petition=petition, by=clerk, move="accept", on=datetime.date(2024, 6, 10))
    petition.refresh_from_db()
    assert petition.status == "accepted"
    assert petition.conclude_by == datetime.date(2024, 8, 9)  # 6-10 + 60 days
    step = petition.status_changes.last()
    assert step.changed_at.date() == datetime.date(2024, 6, 10)


@freeze_time(TODAY)
def test_a_step_is_dated_between_the_receipt_and_today(township, clerk):
    petition = receive(township, clerk, received_on=datetime.date(2024, 6, 3))
    cases = {
        datetime.date(2024, 6, 2): "日期不能早于收到之日（2024-06-03）",
        datetime.date(2024, 7, 2): "日期不能晚于今天",
    }
    for day, message in cases.items():
        with pytest.raises(ValidationError) as error:
            petition_move(petition=petition, by=clerk, move="accept", on=day)
        assert message in error.value.message_dict["on"][0]
    petition_move(petition=petition, by=clerk, move="accept", on=datetime.date(2024, 6, 3))
    assert petition.status == "accepted"


@freeze_time(TODAY)
def test_declining_needs_its_reason(township, clerk):
    petition = receive(township, clerk)
    with pytest.raises(ValidationError) as error:
        petition_move(petition=petition, by=clerk, move="decline", note="  ")
    assert error.value.message_dict["note"] == ["请填写此步骤的说明。"]
    petition.refresh_from_db()
    assert petition.status == "received"
    petition_move(petition=petition, by=clerk, move="decline", note="属于诉讼程序解决事项")
    assert petition.status == "not_accepted"


@freeze_time(TODAY)
def test_concluding_records_the_result(township, clerk):
    petition = receive(township, clerk)
    petition_move(petition=petition, by=clerk, move="accept", on=datetime.date(2024, 6, 5))
    with pytest.raises(ValidationError) as error:
        petition_move(petition=petition, by=clerk, move="conclude", result="")
    assert error.value.message_dict["result"] == ["请填写办理结果。"]
    petition_move(petition=petition, by=clerk, move="conclude", result="经调解双方达成协议")
    petition.refresh_from_db()
    assert (petition.status, petition.result) == ("concluded", "经调解双方达成协议")
    assert petition.status_changes.last().note == "经调解双方达成协议"


@freeze_time(TODAY)
def test_an_illegal_step_is_refused_in_chinese(township, clerk):
    petition = receive(township, clerk)
    with pytest.raises(ValidationError, match="处于“已登记”状态的记录不能变为“已办结”"):
        petition_move(petition=petition, by=clerk, move="conclude", result="办结")
    petition.refresh_from_db()
    assert petition.status == "received" and petition.result == ""


@freeze_time(TODAY)
def test_reopening_needs_a_reason_and_restarts_the_deadline(township, clerk):
    petition = receive(township, clerk)
    petition_move(petition=petition, by=clerk, move="decline", note="不属于受理范围")
    with pytest.raises(ValidationError):
        petition_move(petition=petition, by=clerk, move="reopen")
    petition_move(
        petition=petition, by=clerk, move="reopen", note="补充了材料", on=datetime.date(2024, 6, 20)
    )
    petition.refresh_from_db()
    assert petition.status == "accepted"
    assert petition.conclude_by == datetime.date(2024, 8, 19)


@pytest.mark.parametrize("role", [M, D, U])
@freeze_time(TODAY)
def test_only_staff_move_a_petition(township, clerk, users, role):
    petition = receive(township, clerk)
    with pytest.raises(ValidationError, match="您无权对此记录执行此步骤"):
        petition_move(petition=petition, by=users[role], move="accept")


# ------------------------------------------------------------------------ overdue


@pytest.mark.parametrize(
    ("today", "overdue"),
    [("2024-06-18", False), ("2024-06-19", True)],  # accept by 2024-06-18
)
def test_not_accepted_by_its_day_is_overdue_the_day_after(township, clerk, today, overdue):
    with freeze_time("2024-06-03 09:00:00+08:00"):
        petition = receive(township, clerk, received_on=datetime.date(2024, 6, 3))
    with freeze_time(f"{today} 09:00:00+08:00"):
        rows = petition_list_for_user(user=clerk)
        assert rows.get(pk=petition.pk).is_overdue is overdue
        assert petition_list_for_user(user=clerk, overdue=True).exists() is overdue


@pytest.mark.parametrize(
    ("today", "overdue"),
    [("2024-08-04", False), ("2024-08-05", True)],  # accepted 6-05, conclude by 8-04
)
def test_not_concluded_by_its_day_is_overdue_the_day_after(township, clerk, today, overdue):
    with freeze_time("2024-06-05 09:00:00+08:00"):
        petition = receive(township, clerk, received_on=datetime.date(2024, 6, 3))
        petition_move(petition=petition, by=clerk, move="accept")
    assert petition.conclude_by == datetime.date(2024, 8, 4)
    with freeze_time(f"{today} 09:00:00+08:00"):
        assert petition_list_for_user(user=clerk).get(pk=petition.pk).is_overdue is overdue
    with freeze_time("2024-08-20 09:00:00+08:00"):
        petition_move(petition=petition, by=clerk, move="conclude", result="已办结")
        assert petition_list_for_user(user=clerk).get(pk=petition.pk).is_overdue is False


# ------------------------------------------------------------------------ editing


@freeze_time(TODAY)
def test_editing_without_the_permission_keeps_the_identity(township, clerk, staff):
    petition = receive(township, clerk)
    petition_update(petition=petition, by=staff, subject="宅基地边界纠纷", people=3)
    petition.refresh_from_db()
    assert (petition.name, petition.contact, petition.address) == ("张三", "13900001111", "某村1号")
    assert (petition.subject, petition.people) == ("宅基地边界纠纷", 3)
    with pytest.raises(PermissionDenied):
        petition_update(petition=petition, by=staff, name="")
    petition_update(petition=petition, by=clerk, name="张三丰", contact="")
    petition.refresh_from_db()
    assert (petition.name, petition.contact) == ("张三丰", "")


@freeze_time(TODAY)
def test_a_corrected_receipt_day_moves_the_deadline_to_accept(township, clerk):
    petition = receive(township, clerk, received_on=datetime.date(2024, 6, 3))
    petition_update(petition=petition, by=clerk, received_on=datetime.date(2024, 6, 1))
    petition.refresh_from_db()
    assert petition.accept_by == datetime.date(2024, 6, 16)
    with pytest.raises(ValidationError):
        petition_update(petition=petition, by=clerk, received_on=datetime.date(2024, 7, 2))
    petition_move(petition=petition, by=clerk, move="accept", on=datetime.date(2024, 6, 10))
    with pytest.raises(ValidationError) as error:
        petition_update(petition=petition, by=clerk, received_on=datetime.date(2024, 6, 11))
    assert error.value.message_dict["received_on"] == [
        "收到日期不能晚于开始办理的日期（2024-06-10）。"
    ]
    petition_update(petition=petition, by=clerk, received_on=datetime.date(2024, 6, 10))


# ------------------------------------------------------------------------ replies and deadlines


@freeze_time(TODAY)
def test_replies_are_dated_between_the_receipt_and_today(township, clerk, staff):
    petition = receive(township, clerk, received_on=datetime.date(2024, 6, 3))
    reply = petition_reply(
        petition=petition,
        by=staff,
        direction=PetitionReply.Direction.FROM_UNIT,
        date=datetime.date(2024, 6, 20),
        text=" 已现场核实 ",
    )
    assert reply.text == "已现场核实" and reply.recorded_by == staff
    for day in (datetime.date(2024, 6, 2), datetime.date(2024, 7, 2)):
        with pytest.raises(ValidationError):
            petition_reply(
                petition=petition, by=staff, direction="to_person", date=day, text="答复"
            )
    with pytest.raises(ValidationError) as error:
        petition_reply(
            petition=petition,
            by=staff,
            direction="to_person",
            date=datetime.date(2024, 7, 1),
            text="",
        )
    assert "text" in error.value.message_dict
    assert petition.replies.count() == 1


def test_deadlines_are_from_1_to_365_days(township, staff, users):
    for days in (0, 366):
        with pytest.raises(ValidationError) as error:
            petition_policy_update(township=township, by=staff, accept_days=days, conclude_days=60)
        assert error.value.message_dict["accept_days"] == ["请填写1到365之间的天数。"]
    policy = petition_policy_update(township=township, by=staff, accept_days=1, conclude_days=365)
    assert (policy.accept_days, policy.conclude_days) == (1, 365)
    with pytest.raises(PermissionDenied):
        petition_policy_update(township=township, by=users[M], accept_days=15, conclude_days=60)


# ------------------------------------------------------------------------ the year


def test_the_year_summary(township, clerk):
    with freeze_time("2024-12-31 10:00:00+08:00"):
        on_time = receive(township, clerk, received_on=datetime.date(2024, 3, 1), people=5)
        late = receive(township, clerk, channel="visit", received_on=datetime.date(2024, 4, 1))
        receive(township, clerk, channel="phone", received_on=datetime.date(2024, 5, 1))
        receive(township, clerk, received_on=datetime.date(2023, 12, 30))
        for petition, accepted, concluded in (
            (on_time, datetime.date(2024, 3, 5), datetime.date(2024, 5, 4)),  # the 60th day
            (late, datetime.date(2024, 4, 2), datetime.date(2024, 6, 2)),  # the 61st day
        ):
            petition_move(petition=petition, by=clerk, move="accept", on=accepted)
            petition_move(petition=petition, by=clerk, move="conclude", on=concluded, result="办结")
    summary = petitions_year_summary(township=township, year=2024)
    assert summary["received"] == 3 and summary["people"] == 7
    assert (summary["channel_letter"], summary["channel_visit"], summary["channel_phone"]) == (
        1,
        1,
        1,
    )
    assert summary["channel_online"] == 0 and summary["category_land"] == 3
    assert (summary["concluded"], summary["on_time"]) == (2, 1)
