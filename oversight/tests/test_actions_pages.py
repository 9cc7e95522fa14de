"""The oversight action, government task and campaign pages, per role."""

import datetime
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from congress.forms import SUBMISSION_TOKEN
from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.models import Attendance
from deputies.tests.factories import DeputyFactory
from deputies.tests.test_activities import png_bytes
from oversight.models import Campaign, GovernmentTask, OversightAction, ProgressReview
from oversight.tests.factories import (
    ActionStaffFactory,
    CampaignFactory,
    GovernmentTaskFactory,
    OversightActionFactory,
    PlanItemFactory,
    ProblemFactory,
    ProgressReviewFactory,
    WorkEvaluationFactory,
)

D = datetime.date
S, M, DEP, U, C = Role.STAFF, Role.MEMBER, Role.DEPUTY, Role.UNIT, Role.COUNTY


def _attend(action, deputy, status="present"):
    Attendance.objects.create(activity=action.activity, deputy=deputy, status=status)


def test_staff_record_an_action_mark_its_deputies_and_read_its_person_times(
    client, staff, township, unit
):
    deputies = [DeputyFactory(township=township, name=f"代表{n}") for n in "甲乙丙"]
    resigned = DeputyFactory(
        township=township,
        name="已辞职代表",
        mandate__status="resigned",
        mandate__end_date=D(2024, 5, 1),
    )
    task = GovernmentTaskFactory(township=township, year=2024, title="垃圾分类设施")
    river = CampaignFactory(township=township, title="关心母亲河溪", start_date=D(2024, 7, 1))
    client.force_login(staff)
    form = client.get(reverse("oversight:create")).content.decode()
    assert "监督活动" in form and "垃圾分类设施" in form and "关心母亲河溪" in form
    response = client.post(
        reverse("oversight:create"),
        {
            "kind": "special_check",
            "title": "洁净乡村工作专项督查",
            "start_date": "2024-10-16",
            "place": "各行政村",
            "unit": unit.pk,
            "tasks": [task.pk],
            "target": "洁净乡村",
            "campaign": river.pk,
            "content": "随机抽查",
            "findings": "垃圾清运不及时",
            "opinions": "落实日产日清",
            "opinions_sent_on": "2024-10-23",
            "staff_names": "王芳、陈立新\n刘晓燕",
            "other_participants": 2,
        },
    )
    action = OversightAction.objects.get()
    assert response["Location"] == reverse("oversight:attendance", args=[action.pk])
    roll = client.get(response["Location"]).content.decode()
    assert all(deputy.name in roll for deputy in deputies)
    assert resigned.name not in roll  # not in office on the action's day
    marks = {
        f"d{deputies[0].pk}": "present",
        f"d{deputies[1].pk}": "present",
        f"d{deputies[2].pk}": "leave",
    }
    page = client.post(response["Location"], marks, follow=True).content.decode()
    assert "共7人次" in page  # 2 deputies present + 3 staff + 2 others; on leave not counted
    assert "代表乙、代表甲" in page and "代表丙" in page  # by name
    assert "王芳、陈立新、刘晓燕" in page
    assert "出席代表2人，工作人员3人，其他人员2人" in page
    assert "请假1人、缺席0人，不计入人次" in page
    assert "落实日产日清" in page and "2024-10-23交送" in page


def test_staff_edit_an_action_and_its_errors_come_back_in_chinese(client, staff, township):
    action = OversightActionFactory(township=township, activity__title="旧标题")
    ActionStaffFactory(action=action, name="王芳")
    client.force_login(staff)
    url = reverse("oversight:edit", args=[action.pk])
    form = client.get(url)
    assert form.context["form"].initial["staff_names"] == "王芳"
    data = {
        "kind": "inspection",
        "title": "新标题",
        "start_date": "2024-09-12",
        "end_date": "2024-09-11",
        "staff_names": "陈立新",
        "other_participants": 0,
    }
    bad = client.post(url, data)
    assert bad.status_code == 200
    assert "结束日期不能早于开始日期" in bad.content.decode()
    response = client.post(url, {**data, "end_date": ""})
    assert response["Location"] == reverse("oversight:detail", args=[action.pk])
    action.refresh_from_db()
    action.activity.refresh_from_db()
    assert (action.kind, action.activity.title) == ("inspection", "新标题")
    assert list(action.staff.values_list("name", flat=True)) == ["陈立新"]


def test_a_photo_uploaded_on_the_action_is_shown_there(client, staff, township):
    action = OversightActionFactory(township=township)
    client.force_login(staff)
    detail = reverse("oversight:detail", args=[action.pk])
    page = client.get(detail).content.decode()
    assert f'name="{SUBMISSION_TOKEN}"' in page
    response = client.post(
        reverse("oversight:attach", args=[action.pk]),
        {"file": SimpleUploadedFile("现场.png", png_bytes())},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == detail
    assert action.activity.attachments.count() == 1
    attachment = action.activity.attachments.get()
    assert reverse("deputies:attachment", args=[attachment.pk]) in response.content.decode()
    bad = client.post(
        reverse("oversight:attach", args=[action.pk]),
        {"file": SimpleUploadedFile("名单.exe", b"MZ")},
        follow=True,
    )
    assert "只能上传以下类型的文件" in bad.content.decode()
    assert action.activity.attachments.count() == 1


@pytest.mark.parametrize(
    ("role", "list_status", "create_status"),
    [(S, 200, 200), (M, 200, 403), (DEP, 200, 403), (U, 200, 403), (C, 403, 403)],
)
def test_who_may_open_the_list_and_the_form(client, users, role, list_status, create_status):
    client.force_login(users[role])
    assert client.get(reverse("oversight:list")).status_code == list_status
    assert client.get(reverse("oversight:create")).status_code == create_status
    assert client.get(reverse("oversight:tasks")).status_code == (200 if role in (S, M, U) else 403)
    assert client.get(reverse("oversight:campaigns")).status_code == (
        200 if role in (S, M, DEP) else 403
    )


def test_a_member_reads_every_action_of_the_township_but_changes_none(client, users, township):
    action = OversightActionFactory(township=township, activity__title="视察水库")
    foreign = OversightActionFactory(activity__title="外镇视察")
    client.force_login(users[M])
    page = client.get(reverse("oversight:list")).content.decode()
    assert "视察水库" in page and "外镇视察" not in page
    assert client.get(reverse("oversight:detail", args=[action.pk])).status_code == 200
    assert client.get(reverse("oversight:detail", args=[foreign.pk])).status_code == 404
    for name in ("edit", "attendance"):
        assert client.get(reverse(f"oversight:{name}", args=[action.pk])).status_code == 403


def test_a_deputy_sees_the_actions_they_were_on_the_roll_of_and_only_their_own_line(
    client, users, township
):
    me = users[DEP].deputy
    other = DeputyFactory(township=township, name="别的代表")
    mine = OversightActionFactory(township=township, activity__title="我参加的督查")
    _attend(mine, me, "leave")
    _attend(mine, other)
    ActionStaffFactory(action=mine, name="王芳")
    theirs = OversightActionFactory(township=township, activity__title="别人的督查")
    _attend(theirs, other)
    client.force_login(users[DEP])
    page = client.get(reverse("oversight:list")).content.decode()
    assert "我参加的督查" in page and "别人的督查" not in page
    detail = client.get(reverse("oversight:detail", args=[mine.pk])).content.decode()
    assert me.name in detail
    assert "别的代表" not in detail and "王芳" not in detail  # others' names are not theirs
    assert "共2人次" in detail  # the figures are the whole action's
    assert client.get(reverse("oversight:detail", args=[theirs.pk])).status_code == 404


def test_a_unit_sees_the_actions_overseeing_it_without_names(client, users, township, unit):
    deputy = DeputyFactory(township=township, name="视察代表")
    overseeing = OversightActionFactory(township=township, unit=unit, activity__title="督查本单位")
    _attend(overseeing, deputy)
    ActionStaffFactory(action=overseeing, name="王芳")
    elsewhere = OversightActionFactory(
        township=township, unit=UnitFactory(township=township), activity__title="督查别的单位"
    )
    client.force_login(users[U])
    page = client.get(reverse("oversight:list")).content.decode()
    assert "督查本单位" in page and "督查别的单位" not in page
    detail = client.get(reverse("oversight:detail", args=[overseeing.pk])).content.decode()
    assert "共2人次" in detail
    assert "视察代表" not in detail and "王芳" not in detail
    assert client.get(reverse("oversight:detail", args=[elsewhere.pk])).status_code == 404


def test_the_list_filters_by_year_kind_and_campaign(client, staff, township):
    river = CampaignFactory(township=township, start_date=D(2024, 7, 1))
    OversightActionFactory(
        township=township, campaign=river, kind="inspection", activity__title="练溪视察",
        activity__start_date=D(2024, 8, 15),
    )  # fmt: skip
    OversightActionFactory(
        township=township, kind="special_check", activity__title="洁净乡村督查",
        activity__start_date=D(2024, 10, 16),
    )  # fmt: skip
    OversightActionFactory(
        township=township, kind="inspection", activity__title="去年的视察",
        activity__start_date=D(2023, 4, 1),
    )  # fmt: skip
    client.force_login(staff)

    def titles(**query):
        response = client.get(reverse("oversight:list"), query)
        return [action.activity.title for action in response.context["actions"]]

    assert titles() == ["洁净乡村督查", "练溪视察", "去年的视察"]
    assert titles(year=2024) == ["洁净乡村督查", "练溪视察"]
    assert titles(year=2024, kind="inspection") == ["练溪视察"]
    assert titles(campaign=river.pk) == ["练溪视察"]
    assert titles(year="x") == []  # a wrong filter shows nothing rather than everything
    foreign = CampaignFactory(township=TownshipFactory())
    assert titles(campaign=foreign.pk) == []


def _busy_year(township, n=30):
    river = CampaignFactory(township=township, start_date=D(2024, 7, 1))
    unit = UnitFactory(township=township)
    deputies = DeputyFactory.create_batch(4, township=township)
    actions = []
    for i in range(n):
        action = OversightActionFactory(
            township=township,
            campaign=river,
            unit=unit,
            target=f"对象{i}",
            activity__start_date=D(2024, 7, 1) + datetime.timedelta(days=i),
        )
        for deputy in deputies:
            _attend(action, deputy, "present" if i % 2 else "leave")
        ActionStaffFactory(action=action)
        ProblemFactory(action=action, unit=unit)
        actions.append(action)
    return river, actions


def test_the_list_query_count_does_not_grow_with_the_actions(
    client, staff, township, django_assert_max_num_queries
):
    _busy_year(township)
    client.force_login(staff)
    # 6 for every page (session, user, 2 for permissions, township, unread notifications),
    # the count for the pages, the actions with their participants, the campaign filter.
    with django_assert_max_num_queries(9):
        response = client.get(reverse("oversight:list"), {"year": 2024})
    assert len(response.context["actions"]) == 30
    assert response.context["actions"][0].person_times in (1, 5)


def test_the_campaign_pages_query_counts_do_not_grow_with_the_actions(
    client, staff, township, django_assert_max_num_queries
):
    river, _actions = _busy_year(township)
    CampaignFactory.create_batch(5, township=township)
    client.force_login(staff)
    # 6 for every page; the campaign, its actions, and its totals in three.
    with django_assert_max_num_queries(11):
        page = client.get(reverse("oversight:campaign_detail", args=[river.pk]))
    assert len(page.context["actions"]) == 30
    # 6 for every page; the campaigns and all their totals in three.
    with django_assert_max_num_queries(10):
        listing = client.get(reverse("oversight:campaigns"))
    assert len(listing.context["campaigns"]) == 6


def test_the_task_list_query_count_does_not_grow_with_the_tasks(
    client, staff, township, django_assert_max_num_queries
):
    for number in range(1, 21):
        task = GovernmentTaskFactory(township=township, number=number)
        ProgressReviewFactory(task=task)
    client.force_login(staff)
    # 6 for every page; the count, the tasks, their reviews.
    with django_assert_max_num_queries(9):
        response = client.get(reverse("oversight:tasks"), {"year": 2024})
    assert len(response.context["tasks"]) == 20


def test_the_detail_joins_its_problems_and_evaluation_for_the_other_areas(
    client, staff, township, django_assert_max_num_queries
):
    action = OversightActionFactory(township=township, kind="evaluation")
    late, early = (
        ProblemFactory(action=action, deadline=D(2024, 12, 1)),
        ProblemFactory(action=action, deadline=D(2024, 11, 1)),
    )
    evaluation = WorkEvaluationFactory(action=action)
    client.force_login(staff)
    response = client.get(reverse("oversight:detail", args=[action.pk]))
    assert response.context["problems"] == [early, late]
    assert response.context["evaluation"] == evaluation
    with django_assert_max_num_queries(0):
        [problem.unit.name for problem in response.context["problems"]]
        response.context["evaluation"].unit.name  # noqa: B018


def test_tasks_and_their_reviews_through_the_pages(client, staff, township, unit):
    action = OversightActionFactory(
        township=township, activity__title="10件实事半年督查", activity__start_date=D(2024, 7, 10)
    )
    client.force_login(staff)
    response = client.post(
        reverse("oversight:task_create"),
        {
            "year": 2024,
            "kind": "practical",
            "number": 3,
            "title": "集镇农贸市场提升改造",
            "unit": unit.pk,
            "leader": "副镇长 郑国平",
        },
    )
    task = GovernmentTask.objects.get()
    assert response["Location"] == reverse("oversight:task_detail", args=[task.pk])
    form = client.get(reverse("oversight:review_add", args=[task.pk]), {"action": action.pk})
    assert form.context["form"].initial["action"] == action.pk
    client.post(
        reverse("oversight:review_add", args=[task.pk]),
        {
            "stage": "mid_year",
            "date": "2024-07-10",
            "progress": "behind",
            "notes": "招租调整未完成",
            "action": action.pk,
        },
    )
    review = ProgressReview.objects.get()
    assert (review.task, review.action) == (task, action)
    page = client.get(reverse("oversight:task_detail", args=[task.pk])).content.decode()
    assert "半年督查" in page and "进度滞后" in page and "10件实事半年督查" in page
    detail = client.get(reverse("oversight:detail", args=[action.pk])).content.decode()
    assert "集镇农贸市场提升改造" in detail and "进度滞后" in detail
    edit = client.post(
        reverse("oversight:task_edit", args=[task.pk]),
        {"year": 2024, "kind": "practical", "number": 3, "title": "农贸市场改造"},
    )
    assert edit.status_code == 302
    task.refresh_from_db()
    assert (task.title, task.unit) == ("农贸市场改造", None)


def test_a_unit_reads_its_own_tasks_only(client, users, township, unit):
    mine = GovernmentTaskFactory(township=township, unit=unit, title="本单位的实事")
    theirs = GovernmentTaskFactory(township=township, title="别的单位的实事")
    client.force_login(users[U])
    page = client.get(reverse("oversight:tasks")).content.decode()
    assert "本单位的实事" in page and "别的单位的实事" not in page
    assert client.get(reverse("oversight:task_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("oversight:task_detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("oversight:task_edit", args=[mine.pk])).status_code == 403


def test_campaign_pages_show_its_totals(client, staff, users, township):
    plan = PlanItemFactory(township=township, title="继续开展关心母亲河溪活动")
    client.force_login(staff)
    response = client.post(
        reverse("oversight:campaign_create"),
        {
            "title": "关心母亲河溪，查找水污染源，恪尽代表职责",
            "start_date": "2024-07-01",
            "end_date": "2024-09-30",
            "plan_item": plan.pk,
        },
    )
    river = Campaign.objects.get()
    assert response["Location"] == reverse("oversight:campaign_detail", args=[river.pk])
    deputy = users[DEP].deputy
    week = OversightActionFactory(
        township=township, campaign=river, activity__start_date=D(2024, 9, 2),
        activity__other_participants=20,
    )  # fmt: skip
    _attend(week, deputy)
    ActionStaffFactory(action=week)
    visit = OversightActionFactory(
        township=township, campaign=river, activity__start_date=D(2024, 8, 15),
        activity__other_participants=2,
    )  # fmt: skip
    _attend(visit, deputy)
    _attend(visit, DeputyFactory(township=township), "leave")
    ProblemFactory(action=week, status="closed")
    ProblemFactory(action=week)
    page = client.get(response["Location"])
    totals = page.context["totals"]
    assert (totals.actions, totals.person_times, totals.deputies) == (2, 25, 1)
    assert (totals.problems, totals.problems_closed, totals.problems_open) == (2, 1, 1)
    assert [a.pk for a in page.context["actions"]] == [visit.pk, week.pk]  # in date order
    # A deputy reads the campaign and the actions they took part in.
    client.force_login(users[DEP])
    assert client.get(reverse("oversight:campaign_detail", args=[river.pk])).status_code == 200
    assert client.get(reverse("oversight:campaign_edit", args=[river.pk])).status_code == 403


def test_each_create_page_makes_one_record_from_a_double_click(client, staff, township):
    """The same form (the same one-time token) posted twice makes one record."""
    task = GovernmentTaskFactory(township=township, year=2024)
    action = OversightActionFactory(township=township, activity__start_date=D(2024, 7, 10))
    pages = [
        (
            reverse("oversight:task_create"),
            lambda: {"year": 2024, "kind": "practical", "title": "饮水工程"},
            GovernmentTask.objects.count,
        ),
        (
            reverse("oversight:review_add", args=[task.pk]),
            lambda: {"stage": "mid_year", "date": "2024-07-10", "progress": "done"},
            ProgressReview.objects.count,
        ),
        (
            reverse("oversight:campaign_create"),
            lambda: {"title": "关心母亲河溪", "start_date": "2024-07-01"},
            Campaign.objects.count,
        ),
        (
            reverse("oversight:attach", args=[action.pk]),
            lambda: {"file": SimpleUploadedFile("现场.png", png_bytes())},
            action.activity.attachments.count,
        ),
    ]
    client.force_login(staff)
    for url, data, count in pages:
        before, token = count(), str(uuid.uuid4())
        first = client.post(url, {**data(), SUBMISSION_TOKEN: token})
        second = client.post(url, {**data(), SUBMISSION_TOKEN: token})
        assert count() == before + 1, url
        assert second["Location"] == first["Location"], url
