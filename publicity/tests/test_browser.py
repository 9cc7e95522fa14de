"""In Chromium: staff record an article published on the county and the city sites in one
form, see it counted per outlet; the plan, election and publicity pages pass axe-core."""

import datetime

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import expect

from congress.roles import Role
from congress.tests.factories import UnitFactory
from congress.tests.test_browser import csp_errors, log_in  # noqa: F401 - fixture
from deputies.tests.factories import DeputyFactory
from oversight.tests.factories import (
    ElectionObservationFactory,
    OversightActionFactory,
    PlanItemFactory,
)
from publicity.models import Article
from tests.test_accessibility import AXE_OPTIONS, axe_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_record_an_article_and_the_pages_pass_axe(
    live_server,
    page,
    make_user,
    township,
    csp_errors,  # noqa: F811 - the fixture imported above
):
    make_user(Role.STAFF, township, username="clerk")
    village = UnitFactory(township=township, name="路堰村村民委员会", kind="village")
    observation = ElectionObservationFactory(
        township=township, village=village, issues="外出人员登记告知不到位"
    )
    observation.observers.set([DeputyFactory(township=township, name="李建华")])
    item = PlanItemFactory(township=township, year=2024, order=1, title="加大监督力度")
    PlanItemFactory(township=township, year=2024, order=2, title="加强代表工作")
    OversightActionFactory(township=township, plan_item=item, activity__title="洁净乡村专项督查")
    page.add_init_script(AXE_SCRIPT)
    problems = []

    def check(where: str):
        page.wait_for_load_state()
        violations = page.evaluate("options => axe.run(options)", AXE_OPTIONS)["violations"]
        if violations:
            problems.append(axe_report(where, violations))

    log_in(page, live_server, "clerk")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/publicity/?year=2024")
    check("articles")
    page.get_by_role("link", name="登记投稿").click()
    page.get_by_role("button", name="保存").click()  # empty: the form's errors
    expect(page.get_by_text("这个字段是必填项").first).to_be_visible()
    check("article form with errors")
    page.get_by_label("标题").fill("“关心母亲河溪”活动周：代表干部86人次查找污染源")
    page.get_by_label("投稿日期").fill("2024-09-09")
    page.get_by_label("投稿平台").fill("县人大信息网")
    page.locator("#id_publications-0-outlet").select_option(label="县人大网")
    page.locator("#id_publications-0-published_on").fill("2024-09-11")
    page.locator("#id_publications-1-outlet").select_option(label="市人大网")
    page.locator("#id_publications-1-published_on").fill("2024-09-20")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert")).to_contain_text("已登记稿件")
    expect(page.get_by_role("link", name="县人大网 1")).to_be_visible()
    expect(page.get_by_role("link", name="市人大网 1")).to_be_visible()
    article = Article.objects.get()
    assert article.submitted_on == datetime.date(2024, 9, 9)
    assert article.publications.count() == 2

    page.get_by_role("link", name="编辑").click()
    check("article edit form")

    page.goto(f"{live_server.url}/oversight/elections/?year=2024")
    expect(page.get_by_text("外出人员登记告知不到位")).to_be_visible()
    check("elections")
    page.get_by_role("link", name="登记监督情况").click()
    check("election form")

    page.goto(f"{live_server.url}/oversight/plan/?year=2024")
    expect(page.get_by_text("洁净乡村专项督查")).to_be_visible()
    check("plan")
    page.get_by_role("button", name="将“加强代表工作”上移").click()
    expect(page.get_by_role("heading", level=2).first).to_have_text("一、加强代表工作")
    page.get_by_role("link", name="添加条目").click()
    check("plan item form")

    assert not problems, "\n".join(problems)
    assert not csp_errors, csp_errors
