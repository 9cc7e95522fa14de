"""In Chromium: staff register a session, convene it, take the roll of a sitting, record the
by-election of a town head, see them elected with every vote and print the announcement."""

import pytest
from playwright.sync_api import expect

from congress.roles import Role
from congress.tests.test_browser import csp_errors, log_in  # noqa: F401 - fixture
from deputies.tests.factories import DeputyFactory
from reports.tests.test_reports import pdf_text
from sessions.models import CongressSession

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_hold_a_session_and_print_the_by_election(
    live_server,
    page,
    make_user,
    township,
    csp_errors,  # noqa: F811 - the fixture imported above
    tmp_path,
):
    make_user(Role.STAFF, township, username="clerk")
    DeputyFactory.create_batch(5, township=township)
    log_in(page, live_server, "clerk")
    page.wait_for_url(f"{live_server.url}/")

    # Register the session with real past dates, as staff enter last season's records.
    page.goto(f"{live_server.url}/sessions/")
    page.get_by_role("link", name="登记会议").click()
    expect(page.get_by_label("届次")).to_have_value(str(township.current_term))
    page.get_by_label("会次").fill("2")
    page.get_by_label("开幕日期").fill("2024-01-21")
    page.get_by_label("闭幕日期").fill("2024-01-22")
    page.get_by_label("会议地点").fill("镇政府三楼大会议室")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"{township.name}第十八届人民代表大会第二次会议"
    )
    page.get_by_role("button", name="宣布开幕").click()
    expect(page.get_by_role("alert")).to_contain_text("召开中")

    # The roll of the second sitting, everyone present in one click.
    page.get_by_role("row").filter(has_text="第二次全体会议").get_by_role(
        "link", name="点名"
    ).click()
    page.get_by_role("button", name="全部设为出席").click()
    page.get_by_role("button", name="保存参加情况").click()
    expect(page.get_by_role("alert")).to_contain_text("达到法定人数")

    # The by-election of the town head.
    page.get_by_role("link", name="登记选举").click()
    page.get_by_label("全体会议").select_option(label="第二次全体会议")
    page.locator("select[name=office]").select_option(label="镇长")
    page.get_by_label("类别").select_option(label="补选")
    page.get_by_label("应选名额").fill("1")
    page.get_by_role("button", name="保存").click()
    page.get_by_label("姓名").fill("周志远")
    page.get_by_role("button", name="添加候选人").click()
    expect(page.get_by_role("alert")).to_contain_text("周志远已列入候选人")
    for label in ("发出选票", "收回选票", "有效票"):
        page.get_by_label(label).fill("5")
    page.get_by_label("周志远：赞成").fill("5")
    page.get_by_role("button", name="保存计票结果").click()
    expect(page.get_by_role("alert")).to_contain_text("计票结果已登记")
    expect(page.get_by_text("满票").first).to_be_visible()

    # The announcement, as the browser downloads it.
    session = CongressSession.objects.get()
    response = page.request.get(f"{live_server.url}/sessions/{session.pk}/announcement.pdf")
    assert response.headers["content-type"] == "application/pdf"
    path = tmp_path / "announcement.pdf"
    path.write_bytes(response.body())
    text = "".join(pdf_text(path).split())
    assert "周志远当选为镇长（满票）" in text and "现予公告" in text
    assert not csp_errors, csp_errors
