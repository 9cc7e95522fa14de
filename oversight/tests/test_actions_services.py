"""The rules of recording oversight actions, government tasks, reviews and campaigns."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from freezegun import freeze_time

from conftest import require, run_overlapping
from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.models import Activity
from deputies.services import activity_set_attendance
from deputies.tests.factories import DeputyFactory
from oversight.models import ActionStaff, Campaign, GovernmentTask, OversightAction, ProgressReview
from oversight.selectors.actions import action_get_for_user
from oversight.services.actions import (
    ActionInput,
    action_create,
    action_update,
    campaign_create,
    campaign_update,
    review_record,
    split_names,
    task_create,
    task_update,
)
from oversight.tests.factories import (
    CampaignFactory,
    GovernmentTaskFactory,
    OversightActionFactory,
    PlanItemFactory,
)

D = datetime.date


def _create(township, staff, **fields):
    values = {
        "kind": OversightAction.Kind.SPECIAL_CHECK,
        "title": "洁净乡村工作专项督查",
        "start_date": D(2024, 10, 16),
        **fields,
    }
    return action_create(township=township, by=staff, data=ActionInput(**values))


def _nothing_saved():
    assert not OversightAction.objects.exists()
    assert not Activity.objects.exists()
    assert not ActionStaff.objects.exists()


def test_an_action_owns_an_oversight_activity_and_names_its_staff(township, staff, unit):
    task = GovernmentTaskFactory(township=township, year=2024)
    campaign = CampaignFactory(township=township, start_date=D(2024, 10, 1))
    plan_item = PlanItemFactory(township=township)
    action = _create(
        township,
        staff,
        end_date=D(2024, 10, 17),
        place="各行政村",
        content="随机抽查",
        campaign=campaign,
        plan_item=plan_item,
        tasks=[task],
        unit=unit,
        target="  洁净乡村  ",
        findings="垃圾清运不及时",
        opinions="落实日产日清",
        opinions_sent_on=D(2024, 10, 23),
        staff_names=["王芳", "陈立新", "王芳"],
        other_participants=3,
    )
    activity = action.activity
    assert (activity.kind, activity.title, activity.township) == (
        Activity.Kind.OVERSIGHT,
        "洁净乡村工作专项督查",
        township,
    )
    assert (activity.start_date, activity.end_date, activity.place) == (
        D(2024, 10, 16),
        D(2024, 10, 17),
        "各行政村",
    )
    assert activity.other_participants == 3
    assert (action.campaign, action.plan_item, action.unit, action.target) == (
        campaign,
        plan_item,
        unit,
        "洁净乡村",
    )
    assert list(action.tasks.all()) == [task]
    assert list(action.staff.values_list("name", flat=True)) == ["王芳", "陈立新"]
    assert ActionStaff.history.filter(history_user=staff).count() == 2
    # Its creation, and the link to its task (a many-to-many link keeps its history too).
    assert {entry.history_user for entry in action.history.all()} == {staff}
    assert list(action.history.first().tasks.values_list("governmenttask", flat=True)) == [task.pk]


def test_person_times_count_deputies_present_staff_and_others_not_those_on_leave(township, staff):
    present = DeputyFactory.create_batch(3, township=township)
    on_leave, absent = DeputyFactory(township=township), DeputyFactory(township=township)
    action = _create(township, staff, staff_names=["王芳", "陈立新"], other_participants=4)
    activity_set_attendance(
        activity=action.activity,
        statuses={
            **{deputy.pk: "present" for deputy in present},
            on_leave.pk: "leave",
            absent.pk: "absent",
        },
        by=staff,
    )
    counted = action_get_for_user(user=staff, pk=action.pk)
    assert (counted.deputies_present, counted.deputies_on_leave, counted.deputies_absent) == (
        3,
        1,
        1,
    )
    assert (counted.staff_count, counted.others, counted.person_times) == (2, 4, 9)


def test_staff_names_come_one_per_line_or_separated_and_each_once():
    text = "王芳、陈立新，刘晓燕\r\n王芳;何建军；林文斌, 郑玉琴\n\n  \n"
    assert split_names(text) == ["王芳", "陈立新", "刘晓燕", "何建军", "林文斌", "郑玉琴"]
    assert split_names("") == []


def test_an_action_cannot_end_before_it_starts_and_nothing_is_saved(township, staff):
    with pytest.raises(ValidationError) as error:
        _create(township, staff, end_date=D(2024, 10, 15), staff_names=["王芳"])
    assert error.value.message_dict == {"end_date": ["结束日期不能早于开始日期。"]}
    _nothing_saved()
    # The same day is a one-day action.
    assert _create(township, staff, end_date=D(2024, 10, 16)).activity.end_date == D(2024, 10, 16)


@pytest.mark.parametrize("field", ["campaign", "plan_item", "unit", "tasks"])
def test_every_linked_record_must_be_of_the_township(township, staff, field):
    other = TownshipFactory()
    record = {
        "campaign": lambda: CampaignFactory(township=other),
        "plan_item": lambda: PlanItemFactory(township=other),
        "unit": lambda: UnitFactory(township=other),
        "tasks": lambda: GovernmentTaskFactory(township=other),
    }[field]()
    value = [record] if field == "tasks" else record
    with pytest.raises(ValidationError) as error:
        _create(township, staff, **{field: value}, staff_names=["王芳"])
    assert list(error.value.message_dict) == [field]
    assert "属于其他乡镇" in error.value.message_dict[field][0]
    _nothing_saved()


@freeze_time("2024-10-20 10:00")
@pytest.mark.parametrize(
    ("sent_on", "message"),
    [
        (D(2024, 10, 15), "意见交送日期不能早于活动开始日期。"),
        (D(2024, 10, 16), None),  # the day of the action
        (D(2024, 10, 20), None),  # today
        (D(2024, 10, 21), "意见交送日期不能晚于今天。"),
    ],
)
def test_opinions_are_sent_between_the_action_and_today(township, staff, sent_on, message):
    if message is None:
        action = _create(township, staff, opinions="整改", opinions_sent_on=sent_on)
        assert action.opinions_sent_on == sent_on
        return
    with pytest.raises(ValidationError) as error:
        _create(township, staff, opinions="整改", opinions_sent_on=sent_on)
    assert error.value.message_dict == {"opinions_sent_on": [message]}
    _nothing_saved()


def test_a_day_of_sending_needs_the_opinions_sent(township, staff):
    with pytest.raises(ValidationError) as error:
        _create(township, staff, opinions="  ", opinions_sent_on=D(2024, 10, 20))
    assert error.value.message_dict == {"opinions": ["请填写当天向政府提出的意见。"]}


@pytest.mark.parametrize(
    ("day", "allowed"),
    [
        (D(2024, 6, 30), False),
        (D(2024, 7, 1), True),  # the campaign's first day
        (D(2024, 9, 30), True),  # its last day
        (D(2024, 10, 1), False),
    ],
)
def test_an_action_of_a_campaign_lies_within_its_dates(township, staff, day, allowed):
    river = CampaignFactory(township=township, start_date=D(2024, 7, 1), end_date=D(2024, 9, 30))
    if allowed:
        assert _create(township, staff, start_date=day, campaign=river).campaign == river
        return
    with pytest.raises(ValidationError) as error:
        _create(township, staff, start_date=day, campaign=river)
    assert error.value.message_dict["campaign"] == [
        f"{day:%Y-%m-%d}的活动不在主题活动期间（2024-07-01至2024-09-30）内。"
    ]
    _nothing_saved()


def test_an_open_ended_campaign_takes_any_action_after_its_start(township, staff):
    river = CampaignFactory(township=township, start_date=D(2024, 7, 1), end_date=None)
    assert _create(township, staff, start_date=D(2025, 3, 1), campaign=river).campaign == river
    with pytest.raises(ValidationError, match="早于主题活动开始日期"):
        _create(township, staff, start_date=D(2024, 6, 30), campaign=river)


@pytest.mark.parametrize(
    ("task_year", "allowed"),
    [(2023, False), (2024, True), (2025, True), (2026, False)],
)
def test_an_action_oversees_tasks_of_its_year_or_the_year_before(
    township, staff, task_year, allowed
):
    """A year-end review of 2024's tasks may take place in January 2025."""
    task = GovernmentTaskFactory(township=township, year=task_year)
    start = D(2025, 1, 10)
    if allowed:
        assert list(_create(township, staff, start_date=start, tasks=[task]).tasks.all()) == [task]
        return
    with pytest.raises(ValidationError) as error:
        _create(township, staff, start_date=start, tasks=[task])
    assert error.value.message_dict["tasks"] == [
        f"“{task.title}”是{task_year}年的任务，2025-01-10的监督活动不能对其监督。"
    ]
    _nothing_saved()


def test_a_name_too_long_refuses_the_whole_action(township, staff):
    with pytest.raises(ValidationError) as error:
        _create(township, staff, staff_names=["王芳", "长" * 51])
    assert list(error.value.message_dict) == ["staff_names"]
    assert error.value.message_dict["staff_names"][0].startswith("长" * 51 + "：")
    _nothing_saved()


def test_a_negative_number_of_others_is_refused(township, staff):
    with pytest.raises(ValidationError) as error:
        _create(township, staff, other_participants=-1)
    assert "other_participants" in error.value.message_dict
    _nothing_saved()


def test_an_update_corrects_the_activity_and_the_staff_keeping_attendance_and_history(
    township, staff, make_user
):
    deputy = DeputyFactory(township=township)
    action = _create(township, staff, staff_names=["王芳", "陈立新"], other_participants=2)
    activity_set_attendance(activity=action.activity, statuses={deputy.pk: "present"}, by=staff)
    other_staff = make_user(Role.STAFF, township)
    updated = action_update(
        action=action,
        by=other_staff,
        data=ActionInput(
            kind=OversightAction.Kind.INSPECTION,
            title="洁净乡村视察",
            start_date=D(2024, 10, 18),
            staff_names=["陈立新", "刘晓燕"],
            other_participants=5,
        ),
    )
    activity = Activity.objects.get()
    assert (updated.kind, activity.title, activity.start_date, activity.kind) == (
        OversightAction.Kind.INSPECTION,
        "洁净乡村视察",
        D(2024, 10, 18),
        Activity.Kind.OVERSIGHT,
    )
    assert list(updated.staff.values_list("name", flat=True)) == ["陈立新", "刘晓燕"]
    removed = ActionStaff.history.get(history_type="-")
    assert (removed.name, removed.history_user) == ("王芳", other_staff)
    assert activity.attendances.get().deputy == deputy
    assert action_get_for_user(user=staff, pk=action.pk).person_times == 1 + 2 + 5
    assert activity.history.first().history_user == other_staff


def test_a_refused_update_changes_nothing(township, staff):
    action = _create(township, staff, staff_names=["王芳"])
    with pytest.raises(ValidationError):
        action_update(
            action=action,
            by=staff,
            data=ActionInput(
                kind=action.kind,
                title="改过的标题",
                start_date=D(2024, 10, 16),
                end_date=D(2024, 10, 1),
                staff_names=["陈立新"],
            ),
        )
    action.activity.refresh_from_db()
    assert action.activity.title == "洁净乡村工作专项督查"
    assert list(action.staff.values_list("name", flat=True)) == ["王芳"]


# ----------------------------------------------------------------------------- tasks and reviews


def test_a_task_number_is_taken_once_per_list_and_year(township, staff, unit):
    first = task_create(
        township=township, by=staff, year=2024, kind="practical", number=1, title="饮水工程",
        unit=unit, leader="副镇长 吴海燕",
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        task_create(
            township=township, by=staff, year=2024, kind="practical", number=1, title="路灯"
        )
    assert error.value.message_dict == {"number": ["该清单第1号已是“饮水工程”。"]}
    # Another list, another year, or the same task corrected: free.
    task_create(township=township, by=staff, year=2024, kind="key_project", number=1, title="水库")
    task_create(township=township, by=staff, year=2025, kind="practical", number=1, title="路灯")
    task_update(task=first, by=staff, year=2024, kind="practical", number=1, title="饮用水提标")
    assert GovernmentTask.objects.get(pk=first.pk).title == "饮用水提标"


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_the_same_task_number_given_twice_at_once_is_taken_once_on_postgresql(township, staff):
    """The second save runs while the first has saved but not committed, so it finds the
    number free; the unique index makes it wait for the first and refuses it in words, as two
    app servers would."""
    require(connection.vendor == "postgresql", "DATABASE_URL does not point at PostgreSQL")

    def create(title):
        def run(turn):
            try:
                with transaction.atomic():
                    turn.start()
                    task_create(
                        township=township, by=staff, year=2024, kind="practical", number=3,
                        title=title,
                    )  # fmt: skip
                    turn.hold()
            except ValidationError as error:
                return error.messages
            return "saved"

        return run

    results = run_overlapping(create("饮水工程"), create("路灯"))
    assert results == ["saved", ["该清单的这个编号已被使用。"]]
    assert GovernmentTask.objects.filter(number=3).count() == 1


def test_a_task_unit_is_of_the_township_and_the_year_plausible(township, staff):
    with pytest.raises(ValidationError) as error:
        task_create(
            township=township,
            by=staff,
            year=2024,
            kind="practical",
            title="饮水工程",
            unit=UnitFactory(township=TownshipFactory()),
        )
    assert list(error.value.message_dict) == ["unit"]
    with pytest.raises(ValidationError, match="请填写1980至"):
        task_create(township=township, by=staff, year=1979, kind="practical", title="饮水工程")
    assert not GovernmentTask.objects.exists()


@freeze_time("2024-07-20 10:00")
def test_a_review_by_an_action_adds_the_task_to_what_the_action_oversees(township, staff):
    task = GovernmentTaskFactory(township=township, year=2024)
    action = OversightActionFactory(township=township, activity__start_date=D(2024, 7, 10))
    review = review_record(
        task=task,
        by=staff,
        stage=ProgressReview.Stage.MID_YEAR,
        date=D(2024, 7, 10),
        progress=ProgressReview.Progress.BEHIND,
        notes="招租调整未完成",
        action=action,
    )
    assert (review.action, review.history.get().history_user) == (action, staff)
    assert list(action.tasks.all()) == [task]


@freeze_time("2024-07-20 10:00")
@pytest.mark.parametrize(
    ("day", "message"),
    [
        (D(2024, 7, 9), "督查日期不能早于监督活动开始日期（2024-07-10）。"),
        (D(2024, 7, 21), "督查日期不能晚于今天。"),
    ],
)
def test_a_review_is_dated_from_its_action_to_today(township, staff, day, message):
    task = GovernmentTaskFactory(township=township, year=2024)
    action = OversightActionFactory(township=township, activity__start_date=D(2024, 7, 10))
    with pytest.raises(ValidationError) as error:
        review_record(
            task=task, by=staff, stage="mid_year", date=day, progress="done", action=action
        )
    assert error.value.message_dict == {"date": [message]}
    assert not ProgressReview.objects.exists()
    assert not action.tasks.exists()


def test_a_review_falls_in_the_tasks_year_or_the_next(township, staff):
    task = GovernmentTaskFactory(township=township, year=2023)
    review_record(task=task, by=staff, stage="year_end", date=D(2024, 1, 15), progress="done")
    with pytest.raises(ValidationError, match="2023年的任务只能在2023年或次年督查"):
        review_record(task=task, by=staff, stage="other", date=D(2025, 1, 2), progress="done")


def test_a_review_cannot_name_another_townships_action(township, staff):
    task = GovernmentTaskFactory(township=township, year=2024)
    foreign = OversightActionFactory(activity__start_date=D(2024, 7, 10))
    with pytest.raises(ValidationError) as error:
        review_record(
            task=task, by=staff, stage="mid_year", date=D(2024, 7, 10), progress="done",
            action=foreign,
        )  # fmt: skip
    assert list(error.value.message_dict) == ["action"]
    assert not ProgressReview.objects.exists()


# ----------------------------------------------------------------------------- campaigns


def test_a_campaign_ends_after_it_starts_and_links_its_townships_plan(township, staff):
    with pytest.raises(ValidationError) as error:
        campaign_create(
            township=township, by=staff, title="关心母亲河溪", start_date=D(2024, 9, 30),
            end_date=D(2024, 7, 1),
        )  # fmt: skip
    assert error.value.message_dict == {"end_date": ["结束日期不能早于开始日期。"]}
    with pytest.raises(ValidationError) as error:
        campaign_create(
            township=township, by=staff, title="关心母亲河溪", start_date=D(2024, 7, 1),
            plan_item=PlanItemFactory(township=TownshipFactory()),
        )  # fmt: skip
    assert list(error.value.message_dict) == ["plan_item"]
    assert not Campaign.objects.exists()
    river = campaign_create(
        township=township, by=staff, title=" 关心母亲河溪 ", start_date=D(2024, 7, 1),
        end_date=D(2024, 7, 1),
    )  # fmt: skip
    assert (river.title, river.history.get().history_user) == ("关心母亲河溪", staff)


def test_a_campaigns_dates_must_keep_holding_its_actions(township, staff):
    river = CampaignFactory(township=township, start_date=D(2024, 7, 1), end_date=D(2024, 9, 30))
    OversightActionFactory(
        township=township,
        campaign=river,
        activity__start_date=D(2024, 9, 2),
        activity__title="活动周",
    )
    with pytest.raises(ValidationError) as error:
        campaign_update(
            campaign=river, by=staff, title=river.title, start_date=D(2024, 7, 1),
            end_date=D(2024, 8, 31),
        )  # fmt: skip
    assert error.value.messages == [
        "该主题活动有1次监督活动将不在此期间内，第一次是2024-09-02的“活动周”。"
    ]
    river.refresh_from_db()
    assert river.end_date == D(2024, 9, 30)
    campaign_update(
        campaign=river, by=staff, title=river.title, start_date=D(2024, 7, 1),
        end_date=D(2024, 9, 2),
    )  # fmt: skip
    river.refresh_from_db()
    assert river.end_date == D(2024, 9, 2)
