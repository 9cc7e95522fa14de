"""In Chromium: a deputy on a phone drafts and submits a suggestion (told, while typing its
title, that another deputy submitted a similar one, without its title); staff register it and
assign it at an assignment meeting; the unit answers (B); the deputy rates 不满意 with reasons
(and is told to give them first); the unit answers again; the deputy rates 满意; the timeline
shows every step. The deputy's pages never scroll sideways at 390 px."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from congress.roles import Role
from congress.tests.test_browser import csp_errors, log_in  # noqa: F401 - fixture
from deputies.tests.factories import DeputyFactory
from proposals.models import AssignmentMeeting, Proposal
from proposals.tests.factories import ProposalFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
TITLE = "关于修缮五雷街道路和排水沟的建议"


def as_user(page, live_server, username, viewport):
    page.context.clear_cookies()
    page.set_viewport_size(viewport)
    log_in(page, live_server, username)
    page.wait_for_url(f"{live_server.url}/")


def assert_fits_the_phone(page):
    """Nothing on the page is wider than the screen: no sideways scrolling."""
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{page.url}: {widths[0]} px wide on a {widths[1]} px screen"


def test_from_a_phone_draft_to_a_satisfied_deputy(
    live_server,
    page,
    make_user,
    township,
    unit,
    csp_errors,  # noqa: F811 - the fixture imported above
):
    make_user(Role.STAFF, township, username="clerk", full_name="王办事")
    make_user(Role.UNIT, township, unit=unit, username="office", full_name="赵主任")
    DeputyFactory(
        township=township,
        name="李代表",
        user=make_user(Role.DEPUTY, township, username="lidaibiao", full_name="李代表"),
    )
    earlier = ProposalFactory(deputy__township=township, title="关于五雷街道路修缮的建议")
    meeting = AssignmentMeeting.objects.create(
        township=township, date=timezone.localdate(), place="镇政府三楼会议室"
    )

    # The deputy drafts on a phone; another deputy's similar proposal is counted under the
    # title, its title not shown.
    as_user(page, live_server, "lidaibiao", PHONE)
    page.goto(f"{live_server.url}/proposals/mine/")
    page.get_by_role("link", name="提交议案建议").first.click()
    page.get_by_label("标题").fill(TITLE)
    hints = page.get_by_test_id("similar")
    expect(hints).to_contain_text("另有1件相近的议案建议已提交")
    expect(hints).not_to_contain_text(earlier.title)
    assert_fits_the_phone(page)
    page.get_by_label("内容").fill("五雷街路面破损，雨天积水严重，影响群众出行。")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_test_id("status")).to_have_text("草稿")
    assert_fits_the_phone(page)
    page.get_by_role("button", name="提交", exact=True).click()
    expect(page.get_by_test_id("status")).to_have_text("已提交")
    proposal = Proposal.objects.get(title=TITLE)

    # Staff register it and assign it at the meeting, from its page.
    as_user(page, live_server, "clerk", DESKTOP)
    page.goto(f"{live_server.url}/proposals/{proposal.pk}/")
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.get_by_test_id("status")).to_have_text("已登记")
    page.get_by_label("主办单位").select_option(str(unit.pk))
    page.get_by_label("交办会").select_option(str(meeting.pk))
    page.get_by_role("button", name="交办承办单位").click()
    expect(page.get_by_test_id("status")).to_have_text("已交办")

    # The unit answers: B, being solved.
    as_user(page, live_server, "office", DESKTOP)
    page.goto(f"{live_server.url}/proposals/{proposal.pk}/")
    page.get_by_label("答复类别").select_option(label="B 正在解决")
    page.locator("textarea[name=text]").fill("已列入今年道路养护计划，雨季前完成排水沟疏通。")
    page.get_by_role("button", name="登记办理答复").click()
    expect(page.get_by_test_id("status")).to_have_text("已答复")

    # The deputy, on the phone, sees the answer waiting for a rating and rates 不满意.
    as_user(page, live_server, "lidaibiao", PHONE)
    page.goto(f"{live_server.url}/proposals/mine/")
    expect(page.get_by_test_id("asks").first).to_contain_text("请评价办理答复")
    assert_fits_the_phone(page)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_test_id("status")).to_have_text("已答复")  # the proposal's page is there
    assert_fits_the_phone(page)
    page.locator("input[name=attitude][value=basic]").check()
    page.locator("input[name=result][value=unsatisfied]").check()
    page.get_by_role("button", name="评价办理情况").click()
    expect(page.get_by_text("请说明不满意的理由。")).to_be_visible()
    expect(page.locator("input[name=result][value=unsatisfied]")).to_be_checked()
    expect(page.locator("input[name=attitude][value=basic]")).to_be_checked()
    assert_fits_the_phone(page)
    page.locator("textarea[name=reasons]").fill("排水沟至今未疏通，雨天仍积水。")
    page.get_by_role("button", name="评价办理情况").click()
    expect(page.get_by_test_id("status")).to_have_text("已交办")

    # The unit answers again: A, solved.
    as_user(page, live_server, "office", DESKTOP)
    page.goto(f"{live_server.url}/proposals/{proposal.pk}/")
    page.get_by_label("答复类别").select_option(label="A 已解决或基本解决")
    page.locator("textarea[name=text]").fill("排水沟已于本月疏通，路面已修补完毕。")
    page.get_by_role("button", name="登记办理答复").click()
    expect(page.get_by_test_id("status")).to_have_text("已答复")

    # The deputy rates 满意; the timeline shows every step.
    as_user(page, live_server, "lidaibiao", PHONE)
    page.goto(f"{live_server.url}/proposals/{proposal.pk}/")
    page.locator("input[name=attitude][value=satisfied]").check()
    page.locator("input[name=result][value=satisfied]").check()
    page.get_by_role("button", name="评价办理情况").click()
    expect(page.get_by_test_id("status")).to_have_text("已评价")
    steps = page.get_by_test_id("timeline").get_by_role("listitem")
    expect(steps).to_have_count(8)
    texts = steps.all_inner_texts()
    assert [text.split(" · ")[2].split(" — ")[0] for text in texts] == [
        "草稿",
        "已提交",
        "已登记",
        "已交办",
        "已答复",
        "已交办",
        "已答复",
        "已评价",
    ]
    assert "李代表" in texts[1] and "王办事" in texts[3] and "赵主任" in texts[4]
    assert "排水沟至今未疏通，雨天仍积水。" in texts[5]
    assert_fits_the_phone(page)
    expect(page.get_by_text("排水沟已于本月疏通，路面已修补完毕。")).to_be_visible()
    assert not csp_errors, csp_errors
