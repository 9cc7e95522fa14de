"""In Chromium: staff record a special inspection through its page with a past date, mark
the deputies who took part and see the person-times computed, then record three problems it
found, one after another; the unit responsible for one logs in, sees only its own, reports it
fixed with a photo; staff verify it, it shows 已销号 and the other two stay open."""

import datetime
import re

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from congress.roles import Role
from congress.tests.factories import UnitFactory
from congress.tests.test_browser import csp_errors, log_in  # noqa: F401 - fixture
from deputies.tests.factories import DeputyFactory
from oversight.models import OversightAction, Problem
from sessions.tests.factories import CongressSessionFactory
from tests.test_accessibility import AXE_OPTIONS, axe_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROBLEMS = [
    ("路堰自然村养殖场污水直排练溪", "镇生态环境办公室"),
    ("河道内堆积生活垃圾约20处", "镇综合行政执法队"),
    ("姚埠工业园区排污口有废水混排", "镇农业农村办公室"),
]


def test_staff_record_three_problems_the_unit_reports_one_fixed_and_staff_verify_it(
    live_server,
    page,
    make_user,
    township,
    csp_errors,  # noqa: F811 - the fixture imported above
    tmp_path,
):
    units = {name: UnitFactory(township=township, name=name) for _text, name in PROBLEMS}
    make_user(Role.STAFF, township, username="clerk")
    make_user(Role.UNIT, township, unit=units["镇生态环境办公室"], username="shengtai")
    DeputyFactory(township=township, name="李核实")
    DeputyFactory(township=township, name="王出席")
    CongressSessionFactory(township=township)  # in preparation: the agenda page offers it
    deadline = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    page.add_init_script(AXE_SCRIPT)
    violations = []

    def check(where: str):
        """Every page of the journey passes axe-core's WCAG 2.1 A and AA rules."""
        page.wait_for_load_state()
        found = page.evaluate("options => axe.run(options)", AXE_OPTIONS)["violations"]
        if found:
            violations.append(axe_report(where, found))

    # Staff record the inspection from last season's paper record, then who took part.
    log_in(page, live_server, "clerk")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/oversight/")
    page.get_by_role("link", name="登记监督活动").click()
    page.locator("select[name=kind]").select_option(label="视察")
    page.get_by_label("标题").fill("关心母亲河溪活动周")
    page.get_by_label("开始日期").fill("2024-09-02")
    page.get_by_label("结束日期").fill("2024-09-08")
    page.get_by_label("参加的工作人员").fill("陈立新、刘晓燕")
    page.get_by_label("其他参加人次").fill("5")
    page.get_by_role("button", name="保存").click()
    # Saved, the action asks next for the deputies who took part.
    expect(page.get_by_role("heading", level=1)).to_have_text("登记参加情况")
    action = OversightAction.objects.get(activity__title="关心母亲河溪活动周")
    assert action.activity.start_date == datetime.date(2024, 9, 2)
    page.get_by_role("button", name="全部设为出席").click()
    page.get_by_role("button", name="保存参加情况").click()
    # Two deputies present, two staff named, five others: computed, never typed.
    expect(page.get_by_role("heading", level=1)).to_have_text("关心母亲河溪活动周")
    expect(page.get_by_test_id("person-times")).to_have_text("共9人次")
    check("action with its participants")

    # Staff enter the three problems in a row: "save and add another" keeps the page.
    page.get_by_role("link", name="登记问题").click()
    expect(page.get_by_text("关心母亲河溪活动周").first).to_be_visible()
    check("add form")
    for n, (text, unit) in enumerate(PROBLEMS):
        page.get_by_label("问题").fill(text)
        page.get_by_label("责任单位").select_option(label=unit)
        page.get_by_label("整改期限").fill(deadline)
        last = n == len(PROBLEMS) - 1
        page.get_by_role("button", name="保存" if last else "保存并继续登记", exact=True).click()
        expect(page.get_by_role("alert")).to_contain_text("问题已登记")
    expect(page.get_by_role("heading", level=1)).to_contain_text("姚埠工业园区排污口")
    check("staff detail of a pending problem")
    assert Problem.objects.filter(action=action).count() == 3

    # The unit logs in and sees only its own problem.
    page.context.clear_cookies()
    log_in(page, live_server, "shengtai")
    page.wait_for_url(f"{live_server.url}/")
    check("unit home with its problems")
    page.get_by_role("link", name="待开始整改的问题").click()
    table = page.locator("table")
    expect(table.get_by_role("link")).to_have_count(1)
    expect(table).to_contain_text(PROBLEMS[0][0])
    expect(page.get_by_text(PROBLEMS[1][0])).to_have_count(0)
    table.get_by_role("link", name=PROBLEMS[0][0]).click()
    check("unit list")
    page.get_by_role("link", name="报告整改完成").click()
    check("report form")
    page.get_by_label("整改情况").fill("建成三级沉淀池，养殖污水不再直排")
    photo = tmp_path / "整改后.png"
    Image.new("RGB", (40, 30), "green").save(photo, "PNG")
    page.locator("input[type=file]").set_input_files(str(photo))
    page.get_by_role("button", name="报告整改完成").click()
    expect(page.get_by_role("alert")).to_contain_text("整改情况已报告，等待核实。")
    expect(page.get_by_test_id("status")).to_have_text("已整改待核实")
    # (a name already taken in the media folder gets a suffix: ids repeat between tests)
    expect(page.get_by_role("img", name=re.compile(r"^整改后.*\.png$"))).to_be_visible()
    check("unit detail with its report")

    # Staff verify it on the spot with a deputy and close it.
    page.context.clear_cookies()
    log_in(page, live_server, "clerk")
    page.wait_for_url(f"{live_server.url}/")
    check("staff home with a rectification to verify")
    page.get_by_role("link", name="待核实的整改").click()
    page.get_by_role("link", name=PROBLEMS[0][0]).first.click()
    check("staff detail with the verify form")
    page.get_by_label("李核实").check()
    page.get_by_role("button", name="核实销号").click()
    expect(page.get_by_role("alert")).to_contain_text("问题状态已改为“已销号”。")
    expect(page.get_by_test_id("status")).to_have_text("已销号")
    expect(page.get_by_test_id("timeline").get_by_role("listitem")).to_have_count(3)

    # The other two stay open.
    page.goto(f"{live_server.url}/oversight/problems/?status=open")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    for text, _unit in PROBLEMS[1:]:
        expect(rows.filter(has_text=text)).to_contain_text("待整改")
    check("staff list")
    page.goto(f"{live_server.url}/oversight/problems/to-agenda/")
    check("to the agenda")
    assert not violations, "\n".join(violations)
    assert not csp_errors, csp_errors

    # The photo is served behind the login only.
    evidence = Problem.objects.get(description=PROBLEMS[0][0]).reports.get().evidence.get()
    page.context.clear_cookies()
    response = page.request.get(f"{live_server.url}/oversight/problems/evidence/{evidence.pk}/")
    assert "/accounts/login/" in response.url
