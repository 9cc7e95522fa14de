"""Every main page of each role passes axe-core's WCAG 2.1 A and AA rules in Chromium, and logs
no console error (a missing favicon is one)."""

import io
import re

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse
from playwright.sync_api import expect

from congress.models import User
from demo import year2024 as demo
from deputies.models import Activity, Deputy
from oversight.models import Campaign, GovernmentTask, OversightAction
from proposals.models import Proposal
from reports.models import ReportVersion
from reports.services import work_report_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 720}
# Not a URL of the app: the browser is handed the rendered 500.html when it asks for it.
SERVER_ERROR_PATH = "/server-error-page/"


@pytest.fixture
def demo_year(settings):
    # Seeded once for every role in one test: the live server's transactional tests flush the
    # database after each test, so a module-scoped fixture would not outlive the first one.
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False


def pages_by_role() -> dict[str, list[tuple[str, int]]]:
    """Each demo account's main pages and their status: its home, the lists the role table lets
    it open, a detail and a form page where it has them, and a 403 and a 404 page."""
    deputy = Deputy.objects.get(user__username="deputy")
    own_proposal = Proposal.objects.filter(deputy=deputy).order_by("pk").first()
    unit = User.objects.get(username="unit").unit
    assigned = Proposal.objects.filter(handling_unit=unit).order_by("pk").first()
    activity = Activity.objects.order_by("pk").first()
    without_account = Deputy.objects.filter(user__isnull=True).order_by("pk").first()
    township = deputy.township
    action = OversightAction.objects.filter(activity__attendances__deputy=deputy).first()
    campaign, task = Campaign.objects.first(), GovernmentTask.objects.first()
    report = _work_report_draft(township)
    ok = 200
    return {
        "staff": [
            (reverse("home"), ok),
            (reverse("password_change"), ok),
            (reverse("sessions:list"), ok),
            (reverse("sessions:create"), ok),
            (reverse("deputies:list"), ok),
            (reverse("deputies:create"), ok),
            (reverse("deputies:detail", args=[deputy.pk]), ok),
            (reverse("deputies:activities"), ok),
            (reverse("deputies:activity_detail", args=[activity.pk]), ok),
            (reverse("proposals:list"), ok),
            (reverse("proposals:create"), ok),
            (reverse("proposals:detail", args=[own_proposal.pk]), ok),
            (reverse("oversight:list"), ok),
            (reverse("oversight:create"), ok),
            (reverse("oversight:detail", args=[action.pk]), ok),
            (reverse("oversight:attendance", args=[action.pk]), ok),
            (reverse("oversight:campaign_detail", args=[campaign.pk]), ok),
            (reverse("oversight:tasks"), ok),
            (reverse("oversight:task_detail", args=[task.pk]), ok),
            (reverse("reports:list"), ok),
            (reverse("reports:create"), ok),
            (reverse("reports:version", args=[report.pk]), ok),
            (reverse("reports:section_edit", args=[report.sections.first().pk]), ok),
            (reverse("auth_events"), ok),
            (reverse("locked_logins"), ok),
            (reverse("township:accounts"), ok),
            (reverse("township:account_create"), ok),
            (reverse("township:account_password", args=[deputy.user_id]), ok),
            (reverse("township:units"), ok),
            (reverse("township:unit_edit", args=[unit.pk]), ok),
            (reverse("deputies:account_create", args=[without_account.pk]), ok),
            (reverse("deputies:accounts_create"), ok),
            (reverse("calendar") + "?month=2024-01", ok),
            ("/no-such-page/", 404),
        ],
        "member": [
            (reverse("home"), ok),
            (reverse("sessions:list"), ok),
            (reverse("deputies:list"), ok),
            (reverse("proposals:list"), ok),
            (reverse("oversight:list"), ok),
            (reverse("reports:list"), ok),
            (reverse("reports:version", args=[report.pk]), ok),
        ],
        "deputy": [
            (reverse("home"), ok),
            (reverse("deputies:me"), ok),
            (reverse("deputies:me_edit"), ok),
            (reverse("sessions:list"), ok),
            (reverse("proposals:list"), ok),
            (reverse("proposals:create"), ok),
            (reverse("proposals:detail", args=[own_proposal.pk]), ok),
            (reverse("oversight:detail", args=[action.pk]), ok),
            (reverse("calendar") + "?month=2024-01", ok),
            (reverse("deputies:list"), 403),
        ],
        "unit": [
            (reverse("home"), ok),
            (reverse("proposals:list"), ok),
            (reverse("proposals:detail", args=[assigned.pk]), ok),
            (reverse("oversight:list"), ok),
        ],
        "county": [(reverse("home"), ok), (reverse("reports:list"), ok)],
        "countyadmin": [
            (reverse("home"), ok),
            (reverse("county:townships"), ok),
            (reverse("county:township_create"), ok),
            (reverse("county:township", args=[township.pk]), ok),
            (reverse("county:staff_create", args=[township.pk]), ok),
            (reverse("county:staff_password", args=[township.pk]), ok),
            (reverse("deputies:list"), 403),
        ],
    }


def _work_report_draft(township) -> ReportVersion:
    """The demo year's work report: the demo's own if it seeds one, else drafted now."""
    version = ReportVersion.objects.filter(report__township=township, report__year=2024).first()
    if version is None:
        staff = User.objects.get(username="staff")
        report = work_report_create(township=township, year=2024, kind="annual", by=staff)
        version = report.versions.get()
    return version


def axe_report(where: str, violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{where}: {violation['id']} ({violation['impact']}) {violation['help']}")
        for node in violation["nodes"]:
            summary = " ".join(node["failureSummary"].split())
            lines.append(f"    {' '.join(node['target'])}: {summary}")
    return "\n".join(lines)


def test_main_pages_of_every_role_pass_axe_and_log_no_console_error(live_server, page, demo_year):
    page.add_init_script(AXE_SCRIPT)  # parsed with each page rather than sent over each time
    problems, console_errors = [], []
    expected_status = {}  # url -> status: Chromium logs a 403/404/500 page as a failed load

    def on_console(message):
        url = message.location.get("url", "")
        if message.type != "error" or f"status of {expected_status.get(url)} " in message.text:
            return
        console_errors.append(f"{page.url}: {message.text} ({url})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: console_errors.append(f"{page.url}: {error}"))
    icons = set()

    def check(where: str):
        page.wait_for_load_state()  # after a form's submit, until its stylesheets apply
        violations = page.evaluate("options => axe.run(options)", AXE_OPTIONS)["violations"]
        if violations:
            problems.append(axe_report(where, violations))
        icon = page.evaluate("document.querySelector('link[rel~=icon]')?.href")
        if icon:
            icons.add(icon)
        else:
            problems.append(f"{where}: no favicon link, so Chromium asks for /favicon.ico")

    login = f"{live_server.url}{reverse('login')}"
    for username, pages in pages_by_role().items():
        # Deputies mostly use a phone: their pages are checked with the menu collapsed.
        page.set_viewport_size(PHONE if username == "deputy" else DESKTOP)
        page.goto(login)
        if username == "staff":  # the login page, blank and with its error
            check("login")
            page.get_by_label("用户名").fill("staff")
            page.get_by_label("密码").fill("wrong password")
            page.get_by_role("button", name="登录").click()
            expect(page.get_by_role("alert")).to_contain_text("请输入一个正确的")
            check("login, wrong password")
            page.get_by_role("link", name="忘记密码？").click()
            check("forgot password")
            page.goto(login)
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(demo.DEMO_PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(f"{live_server.url}/")
        for path, status in pages:
            url = f"{live_server.url}{path}"
            expected_status[url] = status
            response = page.goto(url)
            assert response.status == status, f"{username} {path}"
            check(f"{username} {path}")
        if username == "staff":  # a form showing its errors
            page.goto(f"{live_server.url}{reverse('deputies:create')}")
            page.get_by_role("button", name="保存").click()
            expect(page.get_by_role("alert").first).to_contain_text("这个字段是必填项")
            check("staff deputy form with errors")
            # The page that shows initial passwords once (the demo's deputies without one).
            page.goto(f"{live_server.url}{reverse('deputies:accounts_create')}")
            page.get_by_role("button", name=re.compile("创建全部")).click()
            expect(page.get_by_test_id("issued")).to_be_visible()
            check("staff initial passwords shown once")
            # The calendar once its phone address is made: the address box and its buttons.
            page.goto(f"{live_server.url}{reverse('calendar')}?month=2024-01")
            page.get_by_role("button", name="生成我的日历地址").click()
            expect(page.get_by_label("您的日历地址")).to_be_visible()
            check("staff calendar with its phone address")
        page.context.clear_cookies()

    # While a route is set Chromium asks for no favicon, hence the link check above.
    server_error_url = f"{live_server.url}{SERVER_ERROR_PATH}"
    server_error_page = render_to_string("500.html")
    page.route(
        server_error_url,
        lambda route: route.fulfill(status=500, content_type="text/html", body=server_error_page),
    )
    expected_status[server_error_url] = 500
    page.goto(server_error_url)
    check("500 page")
    page.unroute(server_error_url)
    for icon in icons:
        response = page.request.get(icon)
        if not response.ok or response.headers["content-type"] != "image/svg+xml":
            problems.append(f"favicon {icon}: {response.status} {response.headers}")

    report = ["WCAG 2.1 AA violations, favicon problems:", *problems, "Console errors:"]
    assert not (problems or console_errors), "\n".join([*report, *console_errors])


def test_skip_link_is_the_first_stop_and_leads_to_main(live_server, page, staff):
    page.goto(f"{live_server.url}{reverse('login')}")
    page.get_by_label("用户名").fill(staff.username)
    page.get_by_label("密码").fill("pw-for-tests-1")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到正文")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    page.keyboard.press("Tab")  # the next stop is inside main, past the menu
    assert page.evaluate("document.activeElement.closest('main') !== null")
