"""In Chromium: staff start the evaluation of the police station on its action, record the
deputies' ratings in the grid, and the station's user records its response, seeing the counts
and never who rated what. Every page passes axe (WCAG 2.1 AA) with no console error."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from congress.attendance import AttendanceStatus
from congress.roles import Role
from congress.tests.factories import UnitFactory
from congress.tests.test_browser import Checker
from deputies.models import Attendance
from deputies.tests.factories import DeputyFactory
from oversight.models import OversightAction, WorkEvaluation
from oversight.tests.factories import OversightActionFactory
from petitions.tests.test_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_rate_the_station_and_the_station_responds(live_server, page, township, make_user):
    station = UnitFactory(township=township, name="镇公安派出所", kind="station")
    make_user(Role.STAFF, township, username="clerk")
    make_user(Role.UNIT, township, unit=station, username="police")
    action = OversightActionFactory(
        township=township,
        kind=OversightAction.Kind.EVALUATION,
        activity__title="公安派出所工作评议",
        activity__start_date=datetime.date(2024, 8, 20),
    )
    for name in ("甲代表", "乙代表", "丙代表"):
        Attendance.objects.create(
            activity=action.activity,
            deputy=DeputyFactory(township=township, name=name),
            status=AttendanceStatus.PRESENT,
        )
    check = Checker(page)

    log_in(page, live_server, "clerk")
    page.goto(f"{live_server.url}{reverse('oversight:evaluation_start', args=[action.pk])}")
    check("start form")
    page.get_by_label("被评议单位").select_option(label="镇公安派出所")
    page.get_by_label("评议结论").fill("总体满意，夜间巡逻需加强。")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("工作评议: 镇公安派出所")
    check("evaluation detail, not rated")
    page.get_by_role("link", name="登记代表测评").click()
    check("ratings grid")
    page.get_by_label("甲代表 满意").check()
    page.get_by_label("乙代表 基本满意").check()
    page.get_by_label("乙代表的意见").fill("夜间巡逻少")
    page.get_by_label("丙代表 不满意").check()
    page.get_by_role("button", name="保存测评").click()
    expect(page.get_by_test_id("satisfaction")).to_have_text("66.7%")
    expect(page.get_by_test_id("ratings")).to_contain_text("夜间巡逻少")
    check("evaluation detail, rated")
    page.goto(f"{live_server.url}{reverse('oversight:evaluations')}?year=2024")
    check("evaluation list")

    log_in(page, live_server, "police")
    evaluation = WorkEvaluation.objects.get(action=action)
    page.goto(f"{live_server.url}{reverse('oversight:evaluation_detail', args=[evaluation.pk])}")
    expect(page.get_by_test_id("satisfaction")).to_have_text("66.7%")
    assert "甲代表" not in page.content() and "夜间巡逻少" not in page.content()
    check("evaluation detail, the unit's view")
    page.get_by_role("textbox", name="被评议单位的答复").fill("已增加夜间巡逻。")
    page.get_by_label("整改落实情况").fill("巡逻由每周3次增至5次。")
    page.get_by_role("button", name="保存答复").click()
    expect(page.get_by_test_id("response")).to_have_text("已增加夜间巡逻。")
    check.assert_clean()
