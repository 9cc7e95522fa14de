"""In Chromium, under the Content-Security-Policy: a locked-out deputy, staff unlocking them,
and the roll's script (moved out of the page) still marking everyone present."""

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import expect

from congress.roles import Role
from deputies.tests.factories import DeputyFactory
from sessions.tests.factories import CongressSessionFactory, first_sitting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


class Checker:
    """Runs axe on the page shown and gathers its violations and the console's errors."""

    def __init__(self, page):
        self.page, self.problems = page, []
        page.add_init_script(AXE_SCRIPT)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: {error}"))

    def _console(self, message):
        if message.type == "error":
            self.problems.append(f"{self.page.url}: {message.text}")

    def __call__(self, where: str):
        self.page.wait_for_load_state()
        result = self.page.evaluate("options => axe.run(options)", AXE_OPTIONS)
        for violation in result["violations"]:
            targets = [" ".join(node["target"]) for node in violation["nodes"]]
            self.problems.append(f"{where}: {violation['id']} {violation['help']} {targets}")

    def assert_clean(self):
        assert not self.problems, "\n".join(self.problems)


@pytest.fixture
def csp_errors(page):
    """Console errors (a refused inline script or style is one) collected while the test runs."""
    errors = []

    def on_console(message):
        # The lockout page answers 429, which Chromium reports as a failed load.
        if message.type == "error" and "status of 429" not in message.text:
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def answer_challenge(page) -> bool:
    """Type the digits of the picture challenge if the page shows one (read from the store by
    the key the page carries, as a person reads the picture)."""
    from captcha.models import CaptchaStore

    key = page.locator("input[name=challenge_0]")
    if not key.count():
        return False
    page.get_by_label("图形验证码").fill(
        CaptchaStore.objects.get(hashkey=key.input_value()).response
    )
    return True


def submit_login(page):
    """Press 登录 and wait for the page that answers it: success and failure both load a new
    document, and the next step must read that one, not the form it left."""
    with page.expect_navigation():
        page.get_by_role("button", name="登录").click()


def log_in(page, live_server, username, password="pw-for-tests-1"):
    """Log in as a person would: answering the picture challenge when the page asks for it."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    answer_challenge(page)
    submit_login(page)
    if page.get_by_text("请输入图中的数字。").count():
        page.get_by_label("密码").fill(password)
        answer_challenge(page)
        submit_login(page)


def test_a_locked_out_deputy_is_unlocked_by_staff(
    live_server, page, make_user, township, csp_errors
):
    make_user(Role.STAFF, township, username="clerk", full_name="王办事")
    make_user(Role.DEPUTY, township, username="lidaibiao", full_name="李代表")

    for _ in range(3):
        log_in(page, live_server, "lidaibiao", "wrong password")
    # The fourth try asks for the digits in the picture first; another picture can be had.
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("lidaibiao")
    page.get_by_label("密码").fill("wrong password")
    submit_login(page)
    expect(page.get_by_text("请输入图中的数字。")).to_be_visible()
    key = page.locator("input[name=challenge_0]").input_value()
    picture = page.get_by_role("img", name="要输入的数字")
    expect(picture).to_be_visible()
    page.get_by_role("button", name="换一张").click()
    expect(page.locator("input[name=challenge_0]")).not_to_have_value(key)
    page.get_by_label("密码").fill("wrong password")
    answer_challenge(page)
    submit_login(page)  # the fourth failure
    log_in(page, live_server, "lidaibiao", "wrong password")  # the fifth, from here: locked
    expect(page.get_by_role("alert")).to_contain_text(
        "登录失败次数过多，账号已暂时锁定。请15分钟后再试，或联系人大办解锁。"
    )
    log_in(page, live_server, "lidaibiao")  # the right password, still locked
    expect(page.get_by_role("alert")).to_contain_text("账号已暂时锁定")

    page.context.clear_cookies()
    log_in(page, live_server, "clerk")
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="登录日志").click()
    expect(page.get_by_role("cell", name="登录失败次数过多被锁定").first).to_be_visible()
    page.get_by_role("link", name="已锁定账号").click()
    row = page.get_by_role("row").filter(has_text="李代表")
    expect(row).to_contain_text("已锁定")
    row.get_by_role("button", name="解锁").click()
    expect(page.get_by_role("alert")).to_contain_text("李代表的账号已解锁，可以重新登录。")

    page.context.clear_cookies()
    log_in(page, live_server, "lidaibiao")
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("link", name="我的代表页面")).to_be_attached()
    assert not csp_errors, csp_errors


def test_the_roll_marks_everyone_present_from_its_static_script(
    live_server, page, make_user, township, csp_errors
):
    make_user(Role.STAFF, township, username="clerk")
    session = CongressSessionFactory(township=township, term=township.current_term)
    sitting = first_sitting(session)
    DeputyFactory.create_batch(3, township=township)

    log_in(page, live_server, "clerk")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/sessions/sittings/{sitting.pk}/roll/")
    selects = page.get_by_role("combobox")
    expect(selects).to_have_count(3)
    page.get_by_role("button", name="全部设为出席").click()
    for index in range(3):
        expect(selects.nth(index)).to_have_value("present")
    page.get_by_role("button", name="全部清除").click()
    for index in range(3):
        expect(selects.nth(index)).to_have_value("")
    assert not csp_errors, csp_errors
