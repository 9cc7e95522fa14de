"""The problem pages: the list with its filters and badges (a unit sees its own only; a
fixed number of queries), adding three in a row, the detail page, moves offered as the
workflow allows, the unit's report with a photo, the evidence behind the login, the home
page's queues and the action page's include."""

import datetime
import io

import pytest
from django.contrib.auth.context_processors import PermWrapper
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from freezegun import freeze_time
from PIL import Image

from congress.roles import Role
from congress.tests.factories import UnitFactory
from deputies.models import Attendance
from deputies.tests.factories import DeputyFactory
from oversight.models import Problem, RectificationEvidence, RectificationReport
from oversight.selectors.problems import problem_list_for_user
from oversight.services.problems import problem_add, problem_begin, problem_report
from oversight.tests.factories import CampaignFactory, OversightActionFactory, ProblemFactory
from oversight.workflow import ProblemStatus

PENDING, IN_PROGRESS = ProblemStatus.PENDING, ProblemStatus.IN_PROGRESS
REPORTED, CLOSED = ProblemStatus.REPORTED, ProblemStatus.CLOSED


def png(name="整改后.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def action(township):
    return OversightActionFactory(township=township, activity__title="关心母亲河溪活动周")


@pytest.fixture
def unit_user(users):
    return users[Role.UNIT]


@pytest.fixture
def own_and_others(township, unit, action, staff):
    """A problem of the signed-in unit's and one of another unit's."""
    other_unit = UnitFactory(township=township, name="镇综合行政执法队")
    with freeze_time("2024-09-20 10:00"):
        return _add_two(action, staff, unit, other_unit)


def _add_two(action, staff, unit, other_unit):
    own = problem_add(
        action=action,
        by=staff,
        description="路堰养殖场污水直排",
        unit=unit,
        deadline=datetime.date(2024, 10, 31),
    )
    others = problem_add(
        action=action,
        by=staff,
        description="河道垃圾未清理",
        unit=other_unit,
        deadline=datetime.date(2024, 11, 15),
    )
    return own, others


# ------------------------------------------------------------------------ the list


@freeze_time("2024-11-05 10:00")
def test_the_list_shows_status_and_overdue_badges_and_a_unit_only_its_own(
    client, own_and_others, staff, unit_user
):
    own, others = own_and_others
    client.force_login(staff)
    page = client.get(reverse("oversight:problems")).content.decode()
    assert "路堰养殖场污水直排" in page and "河道垃圾未清理" in page
    assert page.count("待整改") >= 2
    assert "已逾期" in page  # 31 October has passed

    client.force_login(unit_user)
    response = client.get(reverse("oversight:problems"))
    page = response.content.decode()
    assert "路堰养殖场污水直排" in page and "河道垃圾未清理" not in page
    assert list(response.context["problems"]) == [own]
    assert "unit" not in response.context["filter_form"].fields  # one unit: nothing to choose
    for url in (
        reverse("oversight:problem_detail", args=[others.pk]),
        reverse("oversight:problem_report", args=[others.pk]),
        reverse("oversight:problem_move", args=[others.pk, "begin"]),
    ):
        assert client.get(url).status_code == 404, url


@freeze_time("2024-11-05 10:00")
def test_the_list_filters(client, township, unit, own_and_others, staff):
    own, others = own_and_others
    campaign = CampaignFactory(township=township)
    elsewhere = ProblemFactory(
        action=OversightActionFactory(
            township=township, campaign=campaign, activity__start_date=datetime.date(2023, 5, 6)
        ),
        unit=unit,
        deadline=datetime.date(2023, 6, 30),
        status=CLOSED,
    )
    client.force_login(staff)

    def listed(**query):
        response = client.get(reverse("oversight:problems"), query)
        return set(response.context["problems"])

    assert listed() == {own, others, elsewhere}
    assert listed(status="open") == {own, others}
    assert listed(status="closed") == {elsewhere}
    assert listed(overdue="yes") == {own}
    assert listed(overdue="no") == {others, elsewhere}
    assert listed(unit=unit.pk) == {own, elsewhere}
    assert listed(year=2023) == {elsewhere}
    assert listed(campaign=campaign.pk) == {elsewhere}
    assert listed(action=own.action_id) == {own, others}
    assert listed(year="nonsense") == set()  # an invalid filter shows nothing, not everything


def test_the_list_costs_the_same_however_many_problems(
    client, township, staff, django_assert_max_num_queries
):
    campaign = CampaignFactory(township=township)
    for n in range(30):
        ProblemFactory(
            action=OversightActionFactory(township=township, campaign=campaign),
            unit=UnitFactory(township=township),
            status=[PENDING, IN_PROGRESS, REPORTED, CLOSED][n % 4],
        )
    client.force_login(staff)
    # session, user, permissions (2), the header's township and unread notifications, the
    # page's count and rows, the filters' units and campaigns
    with django_assert_max_num_queries(10):
        response = client.get(reverse("oversight:problems"))
    assert len(response.context["problems"]) == 30


# ------------------------------------------------------------------------ adding


def test_staff_add_three_problems_in_a_row(client, township, unit, staff):
    action = OversightActionFactory(
        township=township,
        activity__start_date=datetime.date(2024, 9, 2),
        activity__end_date=datetime.date(2024, 9, 8),
    )
    client.force_login(staff)
    url = reverse("oversight:problem_add", args=[action.pk])
    page = client.get(url)
    # 30 days after the week's last day (8 September): 8 October, the first working day
    # after the National Day holiday.
    assert page.context["form"].initial["deadline"] == datetime.date(2024, 10, 8)
    for n, text in enumerate(["沿河养殖场污水直排", "河道垃圾堆积", "工业园区排污口"]):
        response = client.post(
            url,
            {
                "description": text,
                "unit": unit.pk,
                "deadline": "2024-10-31",
                "another": "1",
            },
        )
        assert response.status_code == 302
        assert response["Location"] == f"{url}?unit={unit.pk}&deadline=2024-10-31"
        kept = client.get(response["Location"])
        assert kept.context["form"].initial["unit"] == str(unit.pk)
        assert len(kept.context["added"]) == n + 1
    assert list(action.problems.values_list("description", flat=True).order_by("pk")) == [
        "沿河养殖场污水直排",
        "河道垃圾堆积",
        "工业园区排污口",
    ]
    last = client.post(
        url, {"description": "第四个", "unit": unit.pk, "deadline": "2024-10-31"}, follow=True
    )
    problem = Problem.objects.get(description="第四个")
    assert last.redirect_chain[-1][0] == reverse("oversight:problem_detail", args=[problem.pk])
    assert "问题已登记" in last.content.decode()


def test_the_default_deadline_lands_on_a_working_day(client, township, unit, staff):
    # 12 September + 30 days = Saturday 12 October 2024, a make-up working day (调休).
    action = OversightActionFactory(township=township)
    client.force_login(staff)
    page = client.get(reverse("oversight:problem_add", args=[action.pk]))
    assert page.context["form"].initial["deadline"] == datetime.date(2024, 10, 12)
    # 3 May + 30 days = Sunday 2 June 2024: Monday 3 June.
    may = OversightActionFactory(township=township, activity__start_date=datetime.date(2024, 5, 3))
    page = client.get(reverse("oversight:problem_add", args=[may.pk]))
    assert page.context["form"].initial["deadline"] == datetime.date(2024, 6, 3)


def test_a_deadline_before_the_action_is_a_form_error_in_chinese(client, action, unit, staff):
    client.force_login(staff)
    response = client.post(
        reverse("oversight:problem_add", args=[action.pk]),
        {"description": "问题", "unit": unit.pk, "deadline": "2024-09-01"},
    )
    assert response.status_code == 200
    assert "整改期限不能早于发现问题的监督活动（2024-09-12）。" in response.content.decode()
    assert not Problem.objects.exists()


@pytest.mark.parametrize("role", [Role.MEMBER, Role.UNIT, Role.DEPUTY, Role.COUNTY])
def test_only_staff_add_and_edit_problems(client, users, action, role, own_and_others):
    own, _others = own_and_others
    client.force_login(users[role])
    assert client.get(reverse("oversight:problem_add", args=[action.pk])).status_code == 403
    assert client.get(reverse("oversight:problem_edit", args=[own.pk])).status_code == 403


def test_staff_edit_a_pending_problem_only(client, staff, own_and_others):
    own, _others = own_and_others
    client.force_login(staff)
    url = reverse("oversight:problem_edit", args=[own.pk])
    data = {"description": "路堰养殖场污水直排练溪", "unit": own.unit_id, "deadline": "2024-11-30"}
    client.post(url, data)
    own.refresh_from_db()
    assert own.deadline == datetime.date(2024, 11, 30)
    problem_begin(problem=own, by=staff)
    response = client.get(url, follow=True)
    assert "只有待整改的问题才能修改" in response.content.decode()


# ------------------------------------------------------------------------ detail and moves


@freeze_time("2024-10-20 10:00")
def test_the_detail_page_offers_only_the_moves_the_workflow_allows(
    client, users, own_and_others, staff, unit_user
):
    own, _others = own_and_others

    def offered(user):
        client.force_login(user)
        response = client.get(reverse("oversight:problem_detail", args=[own.pk]))
        return [item["move"].name for item in response.context["moves"]], response

    moves, response = offered(unit_user)
    assert moves == ["begin", "report"]
    page = response.content.decode()
    assert "还剩11天" in page and "镇综合行政执法队" not in page
    assert offered(users[Role.MEMBER])[0] == []
    problem_report(
        problem=own, by=unit_user, text="建成沉淀池", rectified_on=datetime.date(2024, 10, 18)
    )
    assert offered(unit_user)[0] == []
    assert offered(users[Role.MEMBER])[0] == ["verify", "send_back"]
    assert offered(staff)[0] == ["verify", "send_back"]


def test_the_move_page_answers_403_for_a_move_the_role_may_not_make(client, users, own_and_others):
    own, _others = own_and_others
    cases = [
        (Role.UNIT, "verify", 403),
        (Role.UNIT, "send_back", 403),
        (Role.MEMBER, "begin", 403),
        (Role.DEPUTY, "begin", 403),
        (Role.STAFF, "report", 200),  # its own page, with the files
        (Role.STAFF, "no_such_move", 404),
        (Role.STAFF, "begin", 200),
    ]
    for role, move, status in cases:
        client.force_login(users[role])
        url = reverse("oversight:problem_move", args=[own.pk, move])
        assert client.get(url).status_code == status, (role, move)


@freeze_time("2024-10-25 10:00")
def test_the_unit_reports_with_a_photo_and_staff_verify(
    client, own_and_others, unit_user, staff, township
):
    own, _others = own_and_others
    client.force_login(unit_user)
    client.post(reverse("oversight:problem_move", args=[own.pk, "begin"]), {"note": "已部署"})
    response = client.post(
        reverse("oversight:problem_report", args=[own.pk]),
        {"text": "建成三级沉淀池，污水不再直排", "rectified_on": "2024-10-24", "files": [png()]},
        follow=True,
    )
    assert "整改情况已报告，等待核实。" in response.content.decode()
    evidence = RectificationEvidence.objects.get()
    photo_url = reverse("oversight:evidence", args=[evidence.pk])
    assert photo_url in response.content.decode()  # the thumbnail
    shown = client.get(photo_url)
    assert shown["Content-Type"] == "image/png"
    assert "attachment" not in shown.get("Content-Disposition", "")

    deputy = DeputyFactory(township=township, name="李核实")
    client.force_login(staff)
    url = reverse("oversight:problem_move", args=[own.pk, "send_back"])
    refused = client.post(url, {"note": ""})
    assert "这个字段是必填项。" in refused.content.decode()
    response = client.post(
        reverse("oversight:problem_move", args=[own.pk, "verify"]),
        {"verified_on": "2024-10-25", "verifiers": [deputy.pk], "note": "现场核实"},
        follow=True,
    )
    page = response.content.decode()
    assert "问题状态已改为“已销号”。" in page
    assert "李核实" in page and "2024-10-25" in page
    timeline = response.context["problem"].status_changes.all()
    assert [c.get_to_status_display() for c in timeline] == [
        "待整改",
        "整改中",
        "已整改待核实",
        "已销号",
    ]


@freeze_time("2024-10-25 10:00")
def test_a_bad_file_through_the_page_is_a_chinese_error_and_saves_nothing(
    client, own_and_others, unit_user
):
    own, _others = own_and_others
    client.force_login(unit_user)
    fake = SimpleUploadedFile("照片.jpg", b"<html>not a photo</html>", content_type="image/jpeg")
    response = client.post(
        reverse("oversight:problem_report", args=[own.pk]),
        {"text": "已整改", "rectified_on": "2024-10-24", "files": [png(), fake]},
    )
    assert response.status_code == 200
    assert "照片.jpg: 图片无法识别，请上传JPG或PNG照片。" in response.content.decode()
    own.refresh_from_db()
    assert own.status == PENDING
    assert not RectificationReport.objects.exists()


def test_evidence_is_served_to_who_may_read_the_problem_only(
    client, users, own_and_others, make_user, township, action, unit_user
):
    own, others = own_and_others
    with freeze_time("2024-10-25"):
        report = problem_report(
            problem=others,
            by=users[Role.STAFF],
            text="已清理",
            rectified_on=datetime.date(2024, 10, 24),
            files=[png("清理后.png")],
        )
    url = reverse("oversight:evidence", args=[report.evidence.get().pk])
    deputy = users[Role.DEPUTY]
    for user, status in [
        (users[Role.STAFF], 200),
        (users[Role.MEMBER], 200),
        (unit_user, 404),  # another unit's problem
        (deputy, 404),  # did not take part in the action
        (users[Role.COUNTY], 403),
    ]:
        client.force_login(user)
        assert client.get(url).status_code == status, user.role
    Attendance.objects.create(activity=action.activity, deputy=deputy.deputy, status="present")
    client.force_login(deputy)
    assert client.get(url).status_code == 200  # a deputy reads what their action found


# ------------------------------------------------------------------------ home and action page


@freeze_time("2024-11-05 10:00")
def test_the_home_page_lists_what_waits(client, own_and_others, staff, unit_user, users):
    own, others = own_and_others
    client.force_login(unit_user)
    response = client.get(reverse("home"))
    todo = {item.label: item.count for item in response.context["todo"]}
    assert todo["待开始整改的问题"] == 1 and todo["逾期未整改的问题"] == 1
    assert "路堰养殖场污水直排" in response.content.decode()
    assert "河道垃圾未清理" not in response.content.decode()

    with freeze_time("2024-11-06"):
        problem_report(
            problem=others,
            by=staff,
            text="已清理",
            rectified_on=datetime.date(2024, 11, 5),
        )
    for user in (staff, users[Role.MEMBER]):
        client.force_login(user)
        response = client.get(reverse("home"))
        todo = {item.label: item.count for item in response.context["todo"]}
        assert todo["待核实的整改"] == 1 and todo["逾期未整改的问题"] == 1
        page = response.content.decode()
        assert "河道垃圾未清理" in page and "路堰养殖场污水直排" in page


def test_the_action_pages_include_renders_without_a_query(
    rf, township, unit, staff, django_assert_num_queries
):
    action = OversightActionFactory(township=township)
    for status in (PENDING, CLOSED):
        ProblemFactory(action=action, unit=unit, status=status, description=f"问题{status}")
    problems = list(problem_list_for_user(user=staff, action=action))
    staff.has_perm("oversight.add_problem")  # the permissions, read once per request anyway
    request = rf.get("/")
    request.user = staff
    with django_assert_num_queries(0):
        html = render_to_string(
            "oversight/problems/_for_action.html",
            {"action": action, "problems": problems, "perms": PermWrapper(staff)},
        )
    assert "问题pending" in html and "已销号" in html
    assert reverse("oversight:problem_add", args=[action.pk]) in html


def test_the_detail_page_costs_the_same_however_many_reports_and_photos(
    client, township, unit, staff, django_assert_max_num_queries
):
    action = OversightActionFactory(township=township)
    problem = ProblemFactory(action=action, unit=unit, status=IN_PROGRESS)
    deputies = DeputyFactory.create_batch(3, township=township)
    problem.verifiers.set(deputies)
    for n in range(4):
        report = RectificationReport.objects.create(
            problem=problem,
            text=f"第{n}次整改",
            rectified_on=datetime.date(2024, 10, n + 1),
            submitted_by=staff,
        )
        for m in range(3):
            RectificationEvidence.objects.create(report=report, file=f"oversight/x{n}{m}.png")
    client.force_login(staff)
    # session, user, permissions (2), the problem, its steps, reports, evidence and
    # verifiers, the moves' visibility check, the header's township and unread notifications
    with django_assert_max_num_queries(12):
        response = client.get(reverse("oversight:problem_detail", args=[problem.pk]))
    # each photo links to itself around its thumbnail
    assert response.content.decode().count("/oversight/problems/evidence/") == 2 * 12


@freeze_time("2024-11-05 10:00")
def test_the_queues_of_each_role(own_and_others, users, unit_user):
    from oversight.selectors.problems import problem_queues_for_user

    own, others = own_and_others
    Problem.objects.filter(pk=others.pk).update(status=REPORTED)
    unit_queues = problem_queues_for_user(user=unit_user)
    assert {name: list(rows) for name, rows in unit_queues.items()} == {
        "to_start": [own],
        "to_report": [],
        "overdue": [own],
    }
    for role in (Role.STAFF, Role.MEMBER):
        queues = problem_queues_for_user(user=users[role])
        assert {name: list(rows) for name, rows in queues.items()} == {
            "to_verify": [others],
            "overdue": [own],
        }
    assert problem_queues_for_user(user=users[Role.DEPUTY]) == {}


def test_no_empty_problems_panel_where_none_were_recorded(client, users):
    for role in (Role.STAFF, Role.UNIT):
        client.force_login(users[role])
        response = client.get(reverse("home"))
        assert "问题整改" not in response.content.decode(), role
    figures = {figure.key: figure.value for figure in response.context["figures"]}
    assert "problems_found" not in figures  # a unit has no year's figures
    client.force_login(users[Role.STAFF])
    figures = {f.key: f.value for f in client.get(reverse("home")).context["figures"]}
    assert figures["problems_found"] == 0
