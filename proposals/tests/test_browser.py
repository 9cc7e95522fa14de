import pytest
from playwright.sync_api import expect

from congress.roles import Role
from proposals.tests.factories import ProposalFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pw-for-tests-1")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")


def test_a_proposal_goes_from_staff_to_the_unit_and_back_to_closed(
    live_server, page, make_user, township, unit
):
    """Staff register and assign from the to-do list, the unit answers from its own, staff
    close it; each page offers only the steps its user may take."""
    make_user(Role.STAFF, township, username="clerk")
    make_user(Role.UNIT, township, unit=unit, username="office")
    proposal = ProposalFactory(deputy__township=township, title="关于增设路灯的建议")

    log_in(page, live_server, "clerk")
    page.get_by_role("link", name="待登记的议案建议").click()
    page.get_by_role("link", name="关于增设路灯的建议").first.click()
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.get_by_test_id("number")).to_have_text(f"建议第1号（{proposal.submitted_at.year}）")
    expect(page.get_by_role("heading", name="登记办理答复")).to_have_count(0)  # the unit's step
    page.get_by_role("combobox", name="主办单位").select_option(str(unit.pk))
    page.get_by_role("button", name="交办").click()
    expect(page.get_by_text(f"已交{unit.name}办理")).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text("已交办")

    log_in(page, live_server, "office")
    page.get_by_role("link", name="待本单位答复的议案建议").click()
    page.get_by_role("link", name="关于增设路灯的建议").first.click()
    page.get_by_role("button", name="登记办理答复").click()
    expect(page.get_by_text("这个字段是必填项").first).to_be_visible()  # an answer needs its text
    page.get_by_role("combobox", name="答复类别").select_option(label="A 已解决或基本解决")
    page.get_by_role("textbox", name="答复").fill("已纳入年度计划，年内安装路灯12盏。")
    page.get_by_role("button", name="登记办理答复").click()
    expect(page.get_by_test_id("status")).to_have_text("已答复")
    expect(page.get_by_role("button", name="办结")).to_have_count(0)  # closing is staff's

    log_in(page, live_server, "clerk")
    page.goto(f"{live_server.url}/proposals/{proposal.pk}/")
    page.get_by_role("button", name="办结").click()
    expect(page.get_by_test_id("status")).to_have_text("已办结")
    # The answer, and the preview of what the public page would show of it.
    expect(page.get_by_text("已纳入年度计划，年内安装路灯12盏。").first).to_be_visible()
    expect(page.get_by_role("button", name="办结")).to_have_count(0)  # closed is final
