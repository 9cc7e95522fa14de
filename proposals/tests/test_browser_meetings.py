"""In Chromium: staff hold an assignment meeting and hand out two proposals in one batch,
after a refused one; the staff pages of meetings, merging, splitting and the lists, and the
public page, pass axe-core and log no console error (a refused inline script is one)."""

import datetime

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.urls import reverse
from playwright.sync_api import expect

from congress.roles import Role
from congress.tests.factories import UnitFactory
from congress.tests.test_browser import csp_errors, log_in  # noqa: F401 - fixture
from deputies.tests.factories import DeputyFactory
from proposals import services
from proposals.models import AnswerCategory, ProposalField
from proposals.tests.factories import ProposalFactory
from proposals.workflow import Status
from tests.test_accessibility import AXE_OPTIONS, axe_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_assign_at_a_meeting_and_every_page_passes_axe(
    live_server,
    page,
    make_user,
    township,
    csp_errors,  # noqa: F811 - the fixture imported above
):
    clerk = make_user(Role.STAFF, township, username="clerk")
    build, farm = (UnitFactory(township=township, name=n) for n in ("镇建设办", "镇农业办"))
    entered = datetime.datetime(2024, 3, 11, 10, tzinfo=datetime.UTC)  # before the meeting
    road, lights, school = (
        services.proposal_register(
            proposal=ProposalFactory(
                deputy=DeputyFactory(township=township), title=title, submitted_at=entered
            ),
            by=clerk,
            at=entered,
        )
        for title in ("修缮五雷街", "增设路灯", "扩建小学")
    )
    duplicate = ProposalFactory(deputy=DeputyFactory(township=township), title="修五雷街")
    page.add_init_script(AXE_SCRIPT)
    problems = []

    def check(where):
        page.wait_for_load_state()
        violations = page.evaluate("options => axe.run(options)", AXE_OPTIONS)["violations"]
        if violations:
            problems.append(axe_report(where, violations))

    log_in(page, live_server, "clerk")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}{reverse('proposals:list')}")
    page.get_by_role("link", name="交办会").click()
    check("meetings")
    page.get_by_label("日期").fill("2024-03-25")
    page.get_by_label("地点").fill("镇政府三楼会议室")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2024-03-25交办会")
    check("meeting")

    # A first try gives the road's lead unit as its co-unit too: nothing is assigned.
    table = page.get_by_test_id("to-assign")
    road_row = table.get_by_role("row").filter(has_text="修缮五雷街")
    road_row.get_by_role("checkbox", name="修缮五雷街").check()
    road_row.get_by_label("主办单位").select_option(label="镇建设办")
    road_row.get_by_label("协办单位").select_option(label="镇建设办")
    lights_row = table.get_by_role("row").filter(has_text="增设路灯")
    lights_row.get_by_role("checkbox", name="增设路灯").check()
    lights_row.get_by_label("主办单位").select_option(label="镇农业办")
    lights_row.get_by_label("办理难度大").check()
    page.get_by_role("button", name="交办所选议案建议").click()
    expect(page.get_by_test_id("batch-errors")).to_have_text(
        "“修缮五雷街”：主办单位不能同时是协办单位。"
    )
    check("meeting with a refused batch")
    road_row.get_by_label("协办单位").select_option(label="镇农业办")
    page.get_by_role("button", name="交办所选议案建议").click()
    expect(page.get_by_role("alert")).to_contain_text("已在本次交办会交办2件。")
    assigned = page.get_by_test_id("assigned")
    expect(assigned.get_by_role("row").filter(has_text="修缮五雷街")).to_contain_text("2024-06-25")
    expect(assigned.get_by_role("row").filter(has_text="增设路灯")).to_contain_text("2024-09-25")
    expect(page.get_by_test_id("to-assign")).to_contain_text("扩建小学")
    for proposal in (road, lights, school):
        proposal.refresh_from_db()
    assert (road.status, lights.status, school.status) == (
        Status.ASSIGNED,
        Status.ASSIGNED,
        Status.REGISTERED,
    )
    sheets = page.get_by_role("link", name="打印交办单（PDF）").get_attribute("href")
    response = page.request.get(f"{live_server.url}{sheets}")
    assert response.headers["content-type"] == "application/pdf"

    # The other staff pages.
    for path in (
        reverse("proposals:merge", args=[duplicate.pk]),
        reverse("proposals:split", args=[duplicate.pk]) + "?parts=3",
        reverse("proposals:fields"),
        reverse("proposals:field_edit", args=[ProposalField.objects.first().pk]),
        reverse("proposals:answer_categories"),
        reverse("proposals:answer_category_edit", args=[AnswerCategory.objects.first().pk]),
        reverse("proposals:detail", args=[duplicate.pk]),
    ):
        assert page.goto(f"{live_server.url}{path}").status == 200, path
        check(path)

    # Published, and read without logging in.
    services.proposal_answer(
        proposal=road,
        by=clerk,
        category=AnswerCategory.objects.get(township=township, code="A"),
        text="已列入今年计划。",
    )
    page.goto(f"{live_server.url}{reverse('proposals:detail', args=[road.pk])}")
    page.get_by_role("button", name="连同答复公开").click()
    expect(page.get_by_role("alert")).to_contain_text("已在公开页面展示。")
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{reverse('public:proposals', args=[township.pk])}")
    expect(page.get_by_test_id("public-item")).to_contain_text("已列入今年计划。")
    check("public page")
    assert not problems, "\n".join(problems)
    assert not csp_errors, csp_errors
