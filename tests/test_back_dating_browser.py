"""In Chromium: a deputy's phone submission of last December was dated today; staff correct
its date on the proposal's "更正日期" page, giving the reason, then register it with the day it
was really registered. It is numbered in last year, and its page shows the real dates and the
correction."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from congress.roles import Role
from congress.tests.test_browser import log_in
from deputies.tests.factories import DeputyFactory
from proposals.services import proposal_draft_save, proposal_draft_submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_correct_a_submission_date_and_register_with_a_past_date(
    live_server, page, make_user, township
):
    make_user(Role.STAFF, township, username="clerk", full_name="王办事")
    deputy_user = make_user(Role.DEPUTY, township, username="lidaibiao", full_name="李代表")
    deputy = DeputyFactory(township=township, name="李代表", user=deputy_user)
    draft = proposal_draft_save(
        deputy=deputy,
        by=deputy_user,
        kind="suggestion",
        title="关于修缮村道的建议",
        content="路面破损",
    )
    proposal_draft_submit(proposal=draft, by=deputy_user)  # dated now, by the phone
    last_year = timezone.localdate().year - 1
    submitted, registered = datetime.date(last_year, 12, 20), datetime.date(last_year, 12, 22)

    log_in(page, live_server, "clerk")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/proposals/{draft.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="更正日期").click()
    expect(page.get_by_test_id("dated-events")).to_contain_text(timezone.localdate().isoformat())
    page.get_by_label("更正环节").select_option("submitted")
    page.get_by_label("正确日期").fill(submitted.isoformat())
    page.get_by_label("更正理由").fill("代表纸质件落款为去年12月20日")
    with page.expect_navigation():
        page.get_by_role("button", name="更正日期").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        f"提出日期已更正：{timezone.localdate().isoformat()} → {submitted.isoformat()}"
    )
    expect(page.get_by_test_id("dated-events")).to_contain_text(submitted.isoformat())
    expect(page.get_by_test_id("date-corrections")).to_contain_text("代表纸质件落款为去年12月20日")

    # Registered with the day it really was, from the proposal's page.
    page.goto(f"{live_server.url}/proposals/{draft.pk}/")
    card = page.locator("section[aria-labelledby=move-register]")
    expect(card.get_by_label("日期")).to_have_value(timezone.localdate().isoformat())
    card.get_by_label("日期").fill(registered.isoformat())
    with page.expect_navigation():
        card.get_by_role("button", name="登记", exact=True).click()
    expect(page.get_by_test_id("status")).to_have_text("已登记")
    expect(page.get_by_test_id("number")).to_contain_text(str(last_year))
    timeline = page.get_by_test_id("timeline")
    expect(timeline).to_contain_text(f"{submitted.isoformat()} ")
    expect(timeline).to_contain_text(f"{registered.isoformat()} ")
    expect(timeline.locator("li").last).to_contain_text("已登记")
    expect(page.get_by_test_id("date-corrections")).to_contain_text(
        f"提出日期由{timezone.localdate().isoformat()}更正为{submitted.isoformat()}"
    )
