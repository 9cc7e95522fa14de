"""In Chromium: staff generate the 2024 work report, edit a paragraph (a number typed by hand is
highlighted), render the PDF and submit it; a presidium member approves it as final and
downloads it; the county viewer downloads the same file. Every page passes axe-core."""

import re

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import expect

from congress.roles import Role
from congress.tests.test_browser import csp_errors, log_in  # noqa: F401 - fixture
from reports.models import ReportVersion
from reports.tests.test_reports import pdf_text, year_of_work  # noqa: F401 - fixture
from tests.test_accessibility import AXE_OPTIONS, axe_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDITED = "代表履职热情高涨，全年走访选民120户。"


def test_staff_draft_edit_submit_member_approves_county_downloads(
    live_server,
    page,
    make_user,
    year_of_work,  # noqa: F811 - the fixture imported above
    tmp_path,
    csp_errors,  # noqa: F811 - the fixture imported above
):
    township = year_of_work
    make_user(Role.STAFF, township, username="clerk")
    make_user(Role.MEMBER, township, username="chair")
    make_user(Role.COUNTY, None, username="countyview")
    page.add_init_script(AXE_SCRIPT)
    problems = []

    def check(where: str):
        page.wait_for_load_state()
        violations = page.evaluate("options => axe.run(options)", AXE_OPTIONS)["violations"]
        if violations:
            problems.append(axe_report(where, violations))

    def switch_to(username: str):
        page.context.clear_cookies()
        log_in(page, live_server, username)
        page.wait_for_url(f"{live_server.url}/")

    # Staff generate the draft of 2024 (a past year) from the list page.
    switch_to("clerk")
    page.goto(f"{live_server.url}/reports/")
    check("staff list, empty")
    page.locator("#id_year").fill("2024")
    page.locator("#id_kind").select_option("annual")
    page.get_by_role("button", name="生成草稿").click()
    expect(page.get_by_role("alert")).to_contain_text("已根据本年度记录生成草稿")
    version = ReportVersion.objects.get(report__township=township, report__year=2024)
    sections = page.get_by_test_id("section")
    expect(sections.nth(1).get_by_role("heading")).to_contain_text("一、")
    expect(page.locator(".figure").first).to_be_visible()  # figures from the records
    check("version page, new draft")

    # Staff edit the opening: a paragraph added, with a number typed by hand.
    sections.first.get_by_role("link", name=re.compile("^编辑")).click()
    check("section form")
    body = page.locator("#id_body")
    body.fill(body.input_value() + "\n" + EDITED)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert")).to_contain_text("已保存该部分")
    expect(sections.first).to_contain_text("代表履职热情高涨")
    expect(sections.first.locator("mark.typed", has_text="120")).to_be_visible()
    check("version page, edited")

    # A PDF of the draft: the progress page offers the download once done.
    page.get_by_role("button", name="生成PDF").click()
    expect(page.get_by_role("link", name="下载PDF")).to_be_visible()
    check("render progress, done")
    page.get_by_role("link", name="返回报告").click()

    page.get_by_role("button", name="提交主席团审议").click()
    expect(page.get_by_role("alert")).to_contain_text("主席团审议中")
    expect(page.get_by_role("link", name=re.compile("^编辑"))).to_have_count(0)  # frozen now

    # A presidium member finds it on the home page and approves it.
    switch_to("chair")
    page.get_by_role("link", name=re.compile("待审议的报告版本")).click()
    check("member list, under review")
    page.get_by_role("link", name="人大主席团工作报告").click()
    check("member version page")
    page.get_by_role("button", name="审议通过，定稿").click()
    expect(page.get_by_role("alert")).to_contain_text("定稿")
    version.refresh_from_db()
    assert version.state == "final" and version.pdf
    with page.expect_download() as download:
        page.get_by_role("link", name="下载定稿PDF").click()
    name = f"{township.name}2024年人大主席团工作报告（第1版）.pdf"
    assert download.value.suggested_filename == name
    approved = tmp_path / "approved.pdf"
    download.value.save_as(approved)
    data = approved.read_bytes()
    assert data.startswith(b"%PDF")
    assert "代表履职热情高涨" in "".join(pdf_text(approved).split())

    # The county viewer: the final report on the home page and in the list, the same file.
    switch_to("countyview")
    expect(page.get_by_test_id("final-reports")).to_contain_text(township.name)
    check("county home")
    page.goto(f"{live_server.url}/reports/")
    check("county list")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("下载PDF")).click()
    county_copy = tmp_path / "county.pdf"
    download.value.save_as(county_copy)
    assert county_copy.read_bytes() == data

    assert not problems, "\n".join(problems)
    assert not csp_errors, csp_errors
