import re

import pytest
from playwright.sync_api import expect

from congress.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_log_in_add_a_deputy_and_find_them_listed(
    live_server, page, make_user, township, constituency, deputy_group
):
    make_user(Role.STAFF, township, username="clerk")
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile("/accounts/login/"))
    page.get_by_label("用户名").fill("clerk")
    page.get_by_label("密码").fill("pw-for-tests-1")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")

    page.get_by_role("link", name="代表", exact=True).first.click()
    page.get_by_role("link", name="新增代表").click()
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("这个字段是必填项").first).to_be_visible()  # nothing half-saved

    page.get_by_label("姓名").fill("陈晓东")
    page.get_by_label("性别").select_option("male")
    page.get_by_label("代表层级").select_option("county")
    page.get_by_label("选区").select_option(str(constituency.pk))
    page.get_by_label("代表小组").select_option(str(deputy_group.pk))
    page.get_by_role("button", name="保存").click()

    # On the new deputy's page (the next step there is their account), then in the roster.
    page.wait_for_url(re.compile(rf"{live_server.url}/deputies/\d+/$"))
    expect(page.get_by_text("已添加代表陈晓东")).to_be_visible()
    page.goto(f"{live_server.url}/deputies/")
    row = page.get_by_role("row", name="陈晓东")
    expect(row).to_contain_text("县人大代表")
    expect(row).to_contain_text(constituency.name)
