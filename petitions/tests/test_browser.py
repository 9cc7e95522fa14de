"""In Chromium: staff allowed to see who wrote register a visit, accept it, record a reply and
conclude it; a colleague not allowed sees the person hidden until given the permission on the
accounts page. Every page passes axe (WCAG 2.1 AA) with no console error."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from congress.roles import Role
from congress.tests.factories import UnitFactory
from congress.tests.test_browser import Checker
from petitions.models import Petition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-for-tests-1"


def log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")


def test_staff_handle_a_visit_and_grant_who_may_see_the_person(
    live_server, page, township, make_user
):
    UnitFactory(township=township, name="镇村镇建设办公室")
    clerk = make_user(Role.STAFF, township, username="clerk")
    clerk.user_permissions.add(Permission.objects.get(codename="view_petitioner"))
    make_user(Role.STAFF, township, username="colleague", full_name="李同事")
    make_user(Role.COUNTY_ADMIN, None, username="countyadmin", full_name="县人大办管理员")
    check = Checker(page)
    today = timezone.localdate()

    log_in(page, live_server, "clerk")
    page.goto(f"{live_server.url}{reverse('petitions:list')}")
    check("petition list, empty")
    page.get_by_role("link", name="登记信访事项").click()
    check("petition form")
    page.get_by_label("来源方式").select_option("visit")
    page.get_by_label("姓名").fill("钱七")
    page.get_by_label("联系方式").fill("13700009999")
    page.get_by_label("人数").fill("2")
    page.get_by_label("问题类别").select_option("infrastructure")
    page.get_by_label("反映事项").fill("桥梁护栏缺失")
    page.get_by_label("内容").fill("溪上小桥护栏缺失，存在安全隐患。")
    page.get_by_label("承办单位").select_option(label="镇村镇建设办公室")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_test_id("person")).to_contain_text("钱七")
    check("petition detail, received")
    petition = Petition.objects.get(subject="桥梁护栏缺失")
    assert petition.accept_by == today + datetime.timedelta(days=15)

    page.locator("#move-accept").locator("..").get_by_role("button", name="受理").click()
    expect(page.get_by_test_id("status")).to_have_text("已受理")
    page.locator("summary", has_text="登记答复").click()
    page.get_by_label("答复类型").select_option("from_unit")
    page.get_by_label("正文").fill("已安排施工队安装护栏。")
    page.get_by_role("button", name="保存答复").click()
    expect(page.get_by_test_id("replies")).to_contain_text("已安排施工队安装护栏。")
    check("petition detail, accepted with a reply")
    conclude = page.locator("#move-conclude").locator("..")
    conclude.get_by_role("button", name="办结").click()
    expect(page.get_by_text("这个字段是必填项")).to_be_visible()
    check("conclude form with its error")
    page.get_by_label("结果").fill("护栏已安装完毕。")
    page.get_by_role("button", name="办结").click()
    expect(page.get_by_test_id("result")).to_have_text("护栏已安装完毕。")
    page.goto(f"{live_server.url}{reverse('petitions:policy')}")
    check("deadlines page")

    log_in(page, live_server, "colleague")
    detail = f"{live_server.url}{reverse('petitions:detail', args=[petition.pk])}"
    page.goto(detail)
    expect(page.get_by_test_id("person")).to_have_text("（身份信息已隐藏）")
    assert "13700009999" not in page.content()
    check("petition detail, identity hidden")
    page.goto(f"{live_server.url}{reverse('petitions:list')}")
    check("petition list, identity hidden")

    # The county administrator grants it, on the township's page, with the reason.
    log_in(page, live_server, "countyadmin")
    page.goto(f"{live_server.url}{reverse('county:township', args=[township.pk])}")
    check("the township's page for the county administrator")
    page.get_by_role("row").filter(has_text="李同事").get_by_role("link", name="权限").click()
    page.get_by_label("查看信访人身份信息").check()
    page.get_by_label("理由").fill("乡镇人大主席团书面申请：负责信访登记")
    check("the grant with its reason")
    page.get_by_role("button", name="保存").click()
    expect(
        page.get_by_test_id("staff").get_by_role("row").filter(has_text="李同事")
    ).to_contain_text("查看信访人身份信息")
    expect(page.get_by_test_id("account-events")).to_contain_text("乡镇人大主席团书面申请")

    log_in(page, live_server, "colleague")
    page.goto(detail)
    expect(page.get_by_test_id("person")).to_contain_text("钱七")
    check.assert_clean()
