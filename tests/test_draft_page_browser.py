"""In Chromium at a phone's size (390×844): a deputy drafts a suggestion, asks a co-signer from
the co-signers section under the text, reads above 提交 that the co-signer has not confirmed,
and submits; the co-signer is left out and the page says so."""

import pytest
from playwright.sync_api import expect

from congress.roles import Role
from congress.tests.test_browser import csp_errors, log_in  # noqa: F401 - fixture
from deputies.tests.factories import DeputyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
TITLE = "关于修缮五雷街路灯的建议"


def assert_fits_the_phone(page):
    """Nothing on the page is wider than the screen: no sideways scrolling."""
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{page.url}: {widths[0]} px wide on a {widths[1]} px screen"


def top(locator) -> float:
    return locator.bounding_box()["y"]


def test_a_deputy_on_a_phone_asks_a_co_signer_and_submits_without_them(
    live_server,
    page,
    make_user,
    township,
    csp_errors,  # noqa: F811 - the fixture imported above
):
    DeputyFactory(
        township=township,
        name="李代表",
        user=make_user(Role.DEPUTY, township, username="lidaibiao", full_name="李代表"),
    )
    DeputyFactory(township=township, name="王建国", user=make_user(Role.DEPUTY, township))
    DeputyFactory(township=township, name="陈无号")  # no login: cannot confirm, not offered

    page.set_viewport_size(PHONE)
    log_in(page, live_server, "lidaibiao")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/proposals/mine/")
    with page.expect_navigation():
        page.get_by_role("link", name="提交议案建议").first.click()
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("内容").fill("五雷街路灯损坏已有半年，夜间出行不便。")
    with page.expect_navigation():
        page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_test_id("status")).to_have_text("草稿")

    # Under the text: the co-signers, the invitation folded away (a suggestion needs none).
    cosigners = page.get_by_test_id("cosigners")
    expect(cosigners).to_contain_text("建议可以由您一人提出")
    expect(page.get_by_label("王建国")).to_be_hidden()
    page.locator("summary", has_text="邀请代表联名").click()
    expect(page.get_by_label("王建国")).to_be_visible()
    expect(page.get_by_label("陈无号")).to_have_count(0)
    expect(cosigners).to_contain_text("没有账号的代表请在纸质议案建议上签名，由人大办录入")
    assert_fits_the_phone(page)
    page.get_by_label("王建国").check()
    with page.expect_navigation():
        cosigners.get_by_role("button", name="邀请").click()
    expect(page.get_by_text("已邀请1名代表联名。")).to_be_visible()
    expect(cosigners).to_contain_text("王建国 · 尚未确认")

    # Above 提交, the notice; the text, the co-signers, the notice, then 提交, in that order.
    notice = page.get_by_test_id("submit-notice")
    expect(notice).to_contain_text("王建国尚未确认联名。现在提交的，他们不列为联名代表。")
    submit = page.get_by_role("button", name="提交", exact=True)
    expect(submit).to_be_visible()
    content = page.get_by_text("五雷街路灯损坏已有半年")
    assert top(content) < top(cosigners) < top(notice) < top(submit)
    assert_fits_the_phone(page)

    with page.expect_navigation():
        submit.click()
    expect(page.get_by_test_id("status")).to_have_text("已提交")
    expect(page.get_by_text("王建国未确认联名，不列为联名代表。").first).to_be_visible()
    expect(page.get_by_test_id("cosigners")).to_have_count(0)
    expect(page.locator("dd").first).to_have_text("李代表（领衔）")  # 提出人: the lead alone
    expect(page.get_by_test_id("timeline")).to_contain_text("王建国未确认联名")
    assert_fits_the_phone(page)
    assert csp_errors == []
