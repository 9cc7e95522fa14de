"""A new township from nothing to its deputies logged in: the county administrator creates the
township and its staff account; the staff member sets a password, imports the roster, creates
the deputies' accounts in one step and prints the slips; a deputy logs in with the slip's
password and must set their own."""

import re

import pytest
from playwright.sync_api import expect

from congress.models import Township, User
from congress.roles import Role
from deputies.tests.test_browser_roster import NAMES, roster_file, upload
from reports.tests.test_reports import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-for-tests-1"


def log_in(page, live_server, username, password, *, lands_on="/"):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}{lands_on}")


def set_own_password(page, live_server, initial, own):
    """On the page every page sends them to: the notice, then the initial and a new password."""
    expect(page.get_by_test_id("must-change-password")).to_contain_text("请先设置您自己的密码")
    page.locator("input[name=old_password]").fill(initial)
    page.locator("input[name=new_password1]").fill(own)
    page.locator("input[name=new_password2]").fill(own)
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"{live_server.url}/accounts/password/done/")
    page.goto(f"{live_server.url}/")
    page.wait_for_url(f"{live_server.url}/")  # no longer sent back to the password page


def test_a_new_township_gets_its_staff_and_its_deputies_accounts(
    live_server, page, make_user, tmp_path
):
    make_user(Role.COUNTY_ADMIN, None, username="xianrenda")

    # a) the county administrator creates the township and its first staff account
    log_in(page, live_server, "xianrenda", PASSWORD)
    page.get_by_role("navigation").get_by_role("link", name="乡镇").click()
    page.get_by_role("link", name="新建乡镇").click()
    page.get_by_label("乡镇名称").fill("新城镇")
    page.get_by_label("镇", exact=True).check()
    page.get_by_label("所属县").fill("遂昌县")
    page.get_by_label("本届届次").fill("18")
    page.get_by_label("人大办工作人员姓名").fill("陈丽萍")
    page.get_by_label("人大办工作人员用户名").fill("xc-renda")
    page.get_by_role("button", name="创建乡镇").click()
    expect(page.get_by_role("heading", name="乡镇已创建")).to_be_visible()
    staff_password = page.get_by_test_id("password").inner_text()
    township = Township.objects.get(name="新城镇")

    # b) the staff member logs in with it and is made to set their own first
    log_in(page, live_server, "xc-renda", staff_password, lands_on="/accounts/password/")
    page.goto(f"{live_server.url}/deputies/")
    page.wait_for_url(f"{live_server.url}/accounts/password/")
    set_own_password(page, live_server, staff_password, "Xincheng-renda-2025")

    # c) a constituency, then the roster imported from Excel
    page.goto(f"{live_server.url}/deputies/constituencies/")
    page.locator("main input[name=name]").fill("第一选区")
    page.get_by_role("button", name="保存").click()
    constituency = township.constituencies.get()
    page.goto(f"{live_server.url}/deputies/import/")
    upload(page, live_server, roster_file(township, constituency, ["", "", ""]))
    page.get_by_role("button", name="导入全部数据").click()
    page.wait_for_url(f"{live_server.url}/deputies/")

    # d) the accounts of all three deputies in one step, and their slips
    page.get_by_role("link", name="为尚无账号的代表创建账号").click()
    for name in NAMES:
        expect(page.get_by_test_id("without-account")).to_contain_text(name)
    page.get_by_role("button", name="创建全部3个账号").click()
    expect(page.get_by_role("heading", name="已为3位代表创建登录账号")).to_be_visible()
    shown = page.get_by_test_id("password").all_inner_texts()
    assert len(shown) == 3
    with page.expect_download() as download:
        page.get_by_role("button", name="下载登录通知单（PDF，每人一页）").click()
    slips = tmp_path / "slips.pdf"
    download.value.save_as(slips)
    assert download.value.suggested_filename.endswith(".pdf")
    text = pdf_text(slips)
    assert text.count("登录账号通知单") == 3 and text.count("\f") == 3  # one page each
    for name, password in zip(NAMES, shown, strict=True):
        assert name in text and password in text

    # e) a deputy logs in with the slip's username and password and sets their own
    first = text.split("\f")[0]
    username = re.search(r"用户名\s+(\S+)", first).group(1)
    password = re.search(r"初始密码\s+(\S+)", first).group(1)
    deputy = User.objects.get(username=username)
    assert deputy.deputy.name in first and deputy.deputy.township == township
    log_in(page, live_server, username, password, lands_on="/accounts/password/")
    set_own_password(page, live_server, password, "Daibiao-wode-2025")
    expect(page.get_by_role("heading", name=f"您好，{deputy.deputy.name}")).to_be_visible()
    expect(page.get_by_role("link", name="我的代表页面").first).to_be_visible()
    deputy.refresh_from_db()
    assert not deputy.must_change_password
