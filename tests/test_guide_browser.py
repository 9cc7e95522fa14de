"""The user guide (docs/guide) walked in Chromium on the demo year: each role's tasks, step by
step, on the pages the guide describes. Every word the guide marks 「so」 must be on a page
of the section naming it, and every section that marks words must be walked: a page, a button
or a field the guide names that is gone or renamed fails this test.

The walk also takes the guide's screenshots: into a temporary folder, or into docs/guide/img
when GUIDE_SCREENSHOTS=1 (`make guide-screenshots`), so the pictures stay current."""

import io
import os
import re
from collections import defaultdict
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from PIL import Image
from playwright.sync_api import expect

from congress.guide.selectors import (
    IMAGE_DIR,
    guide_contents,
    guide_images,
    guide_part,
    word_pattern,
)
from congress.models import User
from congress.tests.test_browser import answer_challenge, log_in
from deputies.models import Deputy
from oversight.models import OversightAction, Problem
from petitions.models import Petition
from proposals.models import Proposal
from reports.models import ReportVersion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "renda2024"  # the demo accounts' (demo/management/commands/seed_demo.py)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# What a page shows: its text (closed <details> and <option>s too, hence textContent beside
# innerText), the labels of its buttons and inputs, and its tooltips and placeholders.
PAGE_TEXT = """() => {
  const parts = [document.body.innerText, document.body.textContent];
  for (const el of document.querySelectorAll("input[type=submit], input[type=button]")) {
    parts.push(el.value);
  }
  for (const el of document.querySelectorAll("[aria-label], [title], [placeholder]")) {
    parts.push(el.getAttribute("aria-label") || "", el.getAttribute("title") || "",
               el.getAttribute("placeholder") || "");
  }
  return parts.join("\\n");
}"""


def screenshot_dir(tmp_path) -> Path:
    if os.environ.get("GUIDE_SCREENSHOTS") == "1":
        return IMAGE_DIR
    return tmp_path / "img"


class Walk:
    """One browser context per demo account; what each page showed, by guide section."""

    def __init__(self, browser, live_server, shots: Path, downloads: Path):
        self.browser, self.server, self.base = browser, live_server, live_server.url
        self.shots = shots
        self.shots.mkdir(parents=True, exist_ok=True)
        self.downloads = downloads
        self.pages = {}
        self.page = None
        self.sections: tuple[tuple[str, str], ...] = ()
        self.seen: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.taken: list[str] = []

    # -- who and where
    def as_user(self, username: str, *, phone: bool = False, password: str = PASSWORD):
        """Switch to `username`'s browser, logging in on first use."""
        if username not in self.pages:
            context = self.browser.new_context(
                viewport=PHONE if phone else DESKTOP, locale="zh-CN", is_mobile=phone
            )
            page = context.new_page()
            page.set_default_timeout(20_000)
            log_in(page, self.server, username, password)
            self.pages[username] = page
        self.page = self.pages[username]
        return self.page

    def at(self, part: str, *anchors: str):
        """The guide sections the next pages belong to (their headings must exist); an anchor
        written "part#anchor" is one of another part."""
        sections = []
        for anchor in anchors:
            where, _, anchor = anchor.rpartition("#")
            where = where or part
            assert anchor in guide_part(slug=where).anchors, f"{where}.md has no {anchor!r}"
            sections.append((where, anchor))
        self.sections = tuple(sections)
        return self

    # -- reading and moving
    def read(self):
        self.page.wait_for_load_state()
        text = " ".join(self.page.evaluate(PAGE_TEXT).split())
        for section in self.sections:
            self.seen[section].append(text)

    def goto(self, path: str):
        response = self.page.goto(self.base + path)
        assert response.ok, f"{path}: {response.status}"
        self.read()

    def click(self, name: str, *, role="button", navigates=True, within=None, exact=True):
        """Press the button or follow the link named `name` as the guide names it."""
        scope = within if within is not None else self.page
        target = scope.get_by_role(role, name=name, exact=exact).first
        menu = self.page.get_by_role("button", name="菜单")
        if not target.is_visible() and menu.is_visible():  # a phone: the menu is folded
            self.open_menu()
            target.wait_for(state="visible")
        if navigates:
            with self.page.expect_navigation():
                target.click()
        else:
            target.click()
        self.read()

    def open_menu(self):
        """Unfold the phone's menu and wait until it has finished opening: while it slides open
        its links are already "visible" but a click can land beside them."""
        self.page.get_by_role("button", name="菜单").click()
        expect(self.page.locator("#mainnav")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))

    def field(self, label: str, within=None):
        """The field labelled `label` (a required one's label ends in an asterisk)."""
        scope = within if within is not None else self.page
        return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$")).first

    def fill(self, label: str, value: str, within=None):
        self.field(label, within).fill(value)

    def select(self, label: str, option: str, within=None):
        self.field(label, within).select_option(label=option)

    def shot(self, name: str, *, full_page=False, height=None, start=None, end=None):
        """A picture of the page for the guide, in 256 colours to keep it small: the window,
        the whole page (cut at `height`), or the part from `start` to `end` (locators)."""
        if start is not None:
            top = start.evaluate("e => e.getBoundingClientRect().top + window.scrollY")
            bottom = (end or start).evaluate(
                "e => e.getBoundingClientRect().bottom + window.scrollY"
            )
            width = self.page.viewport_size["width"]
            clip = {"x": 0, "y": max(top - 12, 0), "width": width, "height": bottom - top + 24}
            buffer = self.page.screenshot(full_page=True, clip=clip)
        else:
            buffer = self.page.screenshot(full_page=full_page)
        image = Image.open(io.BytesIO(buffer))
        if height and image.height > height:
            image = image.crop((0, 0, image.width, height))
        image = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
        image.save(self.shots / f"{name}.png", optimize=True)
        self.taken.append(name)

    def help(self, part: str, anchor: str):
        """帮助 in the header opens `part` of the guide at `anchor`; then back. (The guide's
        own page is not read: its text would hold every word it names.)"""
        self.read()
        link = self.page.get_by_test_id("help")
        if self.page.viewport_size["width"] < 992:  # below Bootstrap's lg the links fold away
            self.open_menu()
        expect(link).to_be_visible()
        with self.page.expect_navigation():
            link.click()
        assert unquote(self.page.url) == f"{self.base}/guide/{part}/#{anchor}"
        expect(self.page.locator(f'[id="{anchor}"]')).to_be_in_viewport()
        self.page.go_back()

    # -- the check
    def missing(self) -> list[str]:
        """Each section that marks words: what is not on any page walked for it."""
        problems = []
        for part in guide_contents():
            for section in part.sections:
                if not section.words:
                    continue
                pages = self.seen.get((part.slug, section.anchor))
                if not pages:
                    problems.append(f"{part.slug}.md#{section.anchor}: not walked")
                    continue
                text = "\n".join(pages)
                absent = [w for w in section.words if not word_pattern(w).search(text)]
                if absent:
                    problems.append(f"{part.slug}.md#{section.anchor}: {'、'.join(absent)}")
        return problems


@pytest.fixture
def demo_year(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False


def test_the_guide_walk(live_server, browser, demo_year, tmp_path):
    """Each role's tasks as the guide tells them, on the demo year; then every marked word."""
    walk = Walk(browser, live_server, screenshot_dir(tmp_path), downloads=tmp_path)
    try:
        walk_everyone_logging_in(walk)
        walk_deputy_writing(walk)
        walk_staff(walk)
        walk_unit(walk)
        walk_staff_reviewing(walk)
        walk_deputy_rating(walk)
        walk_staff_closing(walk)
        walk_member(walk)
        walk_county(walk)
        walk_county_admin(walk)
    finally:
        for page in walk.pages.values():
            page.context.close()
    problems = walk.missing()
    assert not problems, "Words the guide names that its pages do not show:\n" + "\n".join(problems)
    # Every picture the guide shows is taken here, once, so none of them goes stale.
    assert sorted(walk.taken) == sorted(guide_images())


# --------------------------------------------------------------------------- everyone


def today() -> str:
    return timezone.localdate().isoformat()


def move_section(walk: Walk, heading: str):
    """The card of one step on a proposal's page, by its heading."""
    return walk.page.locator("section.card").filter(
        has=walk.page.get_by_role("heading", name=heading, exact=True)
    )


def walk_everyone_logging_in(walk: Walk):
    # The picture challenge, after three wrong passwords for one user name.
    anonymous = walk.browser.new_context(viewport=DESKTOP, locale="zh-CN")
    walk.pages["anonymous"] = walk.page = anonymous.new_page()
    walk.at("common", "登录", "忘记密码")
    walk.goto("/accounts/login/")
    walk.shot("common-login")
    for _ in range(3):
        walk.page.get_by_label("用户名").fill("member")
        walk.page.get_by_label("密码").fill("wrong password")
        answer_challenge(walk.page)
        walk.click("登录")
    walk.at("common", "遇到图形验证码")
    walk.page.get_by_label("用户名").fill("member")
    walk.page.get_by_label("密码").fill("wrong password")
    walk.click("登录")
    expect(walk.page.get_by_label("图形验证码")).to_be_visible()
    walk.click("换一张", navigates=False)
    walk.read()
    for _ in range(2):  # the fourth and fifth failures lock the account at this address
        log_in(walk.page, walk.server, "member", "wrong password")
    expect(walk.page.get_by_role("alert")).to_contain_text("账号已暂时锁定")

    walk.as_user("staff")
    walk.at("common", "登录", "使用帮助", "首页的待办事项")
    walk.at("index", "谁用什么", "各部分")
    walk.goto("/")
    walk.at("common", "登录", "使用帮助", "首页的待办事项")
    walk.read()
    walk.at("staff", "人大办工作人员", "处理首页的待办事项")
    walk.read()
    walk.shot("staff-home")
    walk.at("common", "查看通知", "设置邮件提醒")
    walk.click("通知", role="link", exact=False)  # with the unread count
    walk.click("邮件提醒设置", role="link")
    walk.at("common", "设置邮件提醒")
    walk.read()
    walk.at("common", "修改密码")
    walk.click("修改密码", role="link")
    walk.at("common", "查看日程")
    walk.click("日程", role="link")
    walk.at("common", "使用帮助")
    walk.help("common", "查看日程")
    walk.at("common", "查看日程")
    walk.page.get_by_role("link", name="›").first.click()
    walk.read()
    walk.at("common", "把日程订阅到手机日历")
    walk.goto("/calendar/")
    walk.click("生成我的日历地址")

    # The staff unlock the account the three failures marked.
    walk.at("staff", "查看登录日志解除锁定")
    walk.click("登录日志", role="link")
    walk.click("已锁定账号", role="link")
    row = walk.page.get_by_role("row").filter(has_text="member")
    walk.click("解锁", within=row, exact=False)  # 解锁 and the user name, for screen readers


# --------------------------------------------------------------------------- deputy


def walk_deputy_writing(walk: Walk):
    walk.as_user("deputy", phone=True)
    walk.at("index", "谁用什么")
    walk.read()
    walk.at("deputy", "代表")
    walk.read()
    walk.open_menu()
    walk.read()
    walk.at("deputy", "查看我的代表页面")
    walk.click("我的代表页面", role="link")
    walk.shot("deputy-me", full_page=True, height=1100)
    walk.at("deputy", "修改我的电话和住址")
    walk.click("修改我的电话和住址", role="link")
    walk.click("保存")
    walk.at("deputy", "登记联系选民")
    walk.click("登记联系选民", role="link")
    walk.fill("日期", today())
    walk.fill("联系对象", "第一选区村民")
    walk.fill("选民人数", "6")
    walk.fill("反映的意见建议", "村口小桥栏杆松动，建议加固。")
    walk.click("保存")
    walk.at("deputy", "把选民意见转为建议")
    walk.read()
    walk.click("转为建议", role="link")
    walk.fill("标题", "关于加固村口小桥栏杆的建议")
    walk.click("提交")

    walk.at("deputy", "写一件议案建议并提交", "输入标题时的相似提示")
    walk.goto("/deputies/me/")
    walk.click("提交议案建议", role="link")
    walk.fill("标题", "关于集镇增设公共停车位")
    walk.page.wait_for_timeout(800)  # the similar-titles hint
    walk.read()
    walk.shot("deputy-proposal", full_page=True, height=1100)
    walk.at("deputy", "查看我的议案建议", "确认或谢绝联名")
    walk.click("我的议案建议", role="link")
    walk.help("deputy", "查看我的议案建议")
    draft = Proposal.objects.get(title="关于在集镇增设公共停车位的建议")
    walk.at("deputy", "写一件议案建议并提交", "邀请代表联名")
    walk.goto(f"/proposals/{draft.pk}/")
    walk.page.get_by_text("邀请代表联名", exact=True).click()
    walk.read()
    walk.at("deputy", "写一件议案建议并提交")
    walk.click("提交")
    expect(walk.page.get_by_test_id("status")).to_have_text("已提交")


def walk_deputy_rating(walk: Walk):
    walk.as_user("deputy", phone=True)
    answered = Proposal.objects.get(title="关于修缮五雷街老桥护栏的建议")
    walk.at("deputy", "查看我的议案建议", "评价办理答复")
    walk.goto("/proposals/mine/")
    walk.at("deputy", "评价办理答复")
    walk.goto(f"/proposals/{answered.pk}/")
    walk.page.get_by_role("group", name="办理态度").get_by_label("满意", exact=True).check()
    walk.page.get_by_role("group", name="办理结果").get_by_label("满意", exact=True).check()
    walk.shot(
        "deputy-rating",
        start=walk.page.locator("section").filter(
            has=walk.page.get_by_role("heading", name=re.compile("^答复"))
        ),
        end=move_section(walk, "评价办理情况"),
    )
    walk.click("评价办理情况")
    walk.at("deputy", "查看人代会和监督活动")
    walk.goto("/sessions/")
    walk.click("练溪镇第十八届人民代表大会第二次会议", role="link")
    walk.goto("/oversight/")
    walk.goto("/calendar/")


# --------------------------------------------------------------------------- staff


def walk_staff(walk: Walk):
    walk.as_user("staff")
    walk_staff_sessions(walk)
    walk_staff_deputies(walk)
    walk_staff_proposals(walk)
    walk_staff_oversight(walk)
    walk_staff_petitions_and_plans(walk)
    walk_staff_reports(walk)
    walk_staff_accounts(walk)


def walk_staff_sessions(walk: Walk):
    walk.at("staff", "人代会", "登记一次人代会会议")
    walk.goto("/")
    walk.click("人代会", role="link")
    walk.click("登记会议", role="link")
    walk.fill("届次", "18")
    walk.fill("会次", "3")
    walk.fill("开幕日期", today())
    walk.fill("闭幕日期", today())
    walk.fill("会议地点", "乡镇政府会议室")
    walk.click("保存")
    session_url = walk.page.url.removeprefix(walk.base)
    walk.shot("staff-session", full_page=True, height=1400)

    # The open problems go on the agenda of the session in preparation.
    walk.at("staff", "把未销号问题提请人代会审议")
    walk.goto("/oversight/problems/")
    walk.click("提请人代会审议整改情况", role="link")
    walk.select("人代会会议", "第十八届人民代表大会第三次会议")
    walk.fill("报告人", "乡镇人大主席")
    walk.page.get_by_role("checkbox").first.check()
    walk.click("列入议程")
    on_agenda = Problem.objects.filter(agenda_item__isnull=False).order_by("pk").first()
    walk.goto(f"/oversight/problems/{on_agenda.pk}/")

    walk.at("staff", "做好会议筹备")
    walk.goto(session_url)
    walk.page.get_by_label("完成日期").first.fill(today())
    walk.click("标为完成")
    walk.page.get_by_placeholder("其他筹备事项").fill("布置会场")
    walk.click("添加")
    walk.page.get_by_role("link", name="选择").first.click()
    walk.read()
    walk.goto(session_url)

    walk.at("staff", "全体会议点名")
    walk.read()
    walk.click("点名", role="link")
    walk.click("全部设为出席", navigates=False)
    walk.shot("staff-roll-call")
    walk.click("保存参加情况")

    walk.at("staff", "添加议程和会议文件")
    walk.page.get_by_text("添加议程", exact=True).click()
    agenda = walk.page.locator("details").filter(has_text="添加议程")
    walk.fill("顺序", "2", within=agenda)
    # Its 标题 shares the id of the sitting form's, so its label names the other field.
    agenda.locator("[name=title]").fill("乡镇人民政府工作报告")
    walk.click("添加", within=agenda)

    walk.at("staff", "宣布开幕闭幕", "登记决议决定的表决结果")
    walk.read()
    walk.click("宣布开幕")
    walk.at("staff", "宣布开幕闭幕", "人代会")
    walk.read()
    walk.at("staff", "登记决议决定的表决结果")
    walk.click("登记决议决定", role="link")
    walk.fill("标题", "关于整改情况报告的决议")
    walk.fill("正文", "批准这个报告。")
    walk.fill("赞成", "30")
    walk.click("保存")

    walk.at("staff", "登记选举和计票结果", "打印会议概况和选举结果公告")
    walk.read()
    walk.click("登记选举", role="link")
    walk.select("职务", "其他职务")
    walk.fill("职务名称", "人大副主席")
    walk.fill("应选名额", "1")
    walk.click("保存")
    walk.at("staff", "登记选举和计票结果")
    walk.select("代表", "刘金龙")
    walk.click("添加候选人")
    walk.at("staff", "打印会议概况和选举结果公告", "宣布开幕闭幕")
    walk.goto(session_url)
    walk.click("宣布闭幕")
    walk.at("staff", "宣布开幕闭幕")
    walk.read()

    walk.at("staff", "换届开始新一届")
    walk.goto("/sessions/")
    walk.click("开始新一届（换届）", role="link")


def walk_staff_deputies(walk: Walk):
    walk.at("staff", "代表", "处理名册提醒", "筛选名册查看代表结构", "导出名册")
    walk.goto("/")
    walk.click("代表", role="link")
    walk.shot("staff-deputies")
    walk.at("staff", "筛选名册查看代表结构")
    walk.click("代表结构", role="link")
    walk.at("staff", "建立选区和代表小组")
    walk.click("选区", role="link")
    walk.click("代表小组", role="link")
    walk.at("staff", "新增一名代表")
    walk.goto("/deputies/")
    walk.click("新增代表", role="link")

    deputy = Deputy.objects.get(user__username="deputy")
    walk.at("staff", "修改代表信息", "查看履职档案和排名")
    walk.goto("/deputies/")
    walk.page.get_by_role("link", name=deputy.name, exact=True).click()
    walk.read()
    walk.at("staff", "修改代表信息")
    walk.click("编辑", role="link")
    walk.goto(f"/deputies/{deputy.pk}/")
    walk.click("新增代表职务", role="link")
    walk.at("staff", "登记代表辞职罢免或终止")
    walk.goto(f"/deputies/{deputy.pk}/")
    walk.click("修改", role="link")

    walk.at("staff", "从excel导入名册")
    walk.goto("/deputies/")
    with walk.page.expect_download() as exported:
        walk.page.get_by_role("link", name="导出Excel").click()
    roster = walk.downloads / "roster.xlsx"
    exported.value.save_as(roster)
    walk.click("从Excel导入", role="link")
    walk.page.get_by_label("代表名册（.xlsx）").set_input_files(str(roster))
    walk.click("上传并检查")
    walk.click("放弃本次上传")
    broken = load_workbook(roster)
    broken.active.cell(row=2, column=1).value = None
    broken_path = roster.with_name("broken.xlsx")
    broken.save(broken_path)
    walk.goto("/deputies/import/")
    walk.page.get_by_label("代表名册（.xlsx）").set_input_files(str(broken_path))
    walk.click("上传并检查")

    walk.at("staff", "从excel导入本届往期议案建议")
    walk.goto("/proposals/")
    walk.click("导入往期议案建议", role="link")
    with walk.page.expect_download() as template:
        walk.page.get_by_role("link", name="下载模板").click()
    earlier = walk.downloads / "earlier.xlsx"
    template.value.save_as(earlier)
    book = load_workbook(earlier)
    names = list(
        Deputy.objects.filter(township__name="练溪镇", mandates__term=18).values_list(
            "name", flat=True
        )
    )
    lead = next(name for name in names if names.count(name) == 1)
    book.worksheets[0].append(["", "建议", "关于修缮村道的建议", "村道破损。", lead, "", today()])
    book.save(earlier)
    walk.page.get_by_label("往期议案建议表（.xlsx）").set_input_files(str(earlier))
    walk.click("上传并检查")  # the preview, with its button; nothing is imported

    walk.at("staff", "登记代表活动")
    walk.goto("/deputies/")
    walk.click("代表活动", role="link")
    walk.click("登记代表活动", role="link")
    walk.select("类别", "学习培训")
    walk.fill("标题", "学习代表法")
    walk.fill("开始日期", today())
    walk.fill("其他参加人次", "0")
    walk.click("保存")  # and on to its attendance
    walk.click("全部设为出席", navigates=False)
    walk.click("保存参加情况")

    walk.at("staff", "查看主席团成员联系代表")
    walk.goto("/deputies/")
    walk.click("联系代表", role="link")
    walk.at("staff", "登记述职评议")
    walk.click("述职评议", role="link")
    walk.at("staff", "查看履职档案和排名", "设置积分规则")
    walk.click("履职档案", role="link")
    walk.at("staff", "设置积分规则")
    walk.click("积分规则", role="link")

    walk.at("staff", "为代表开设账号")
    without = (
        Deputy.objects.filter(township__name="练溪镇", user__isnull=True).order_by("name").first()
    )
    walk.goto(f"/deputies/{without.pk}/")
    walk.click("创建登录账号", role="link")
    walk.goto("/deputies/")
    walk.at("staff", "为代表开设账号", "index#本手册怎么读")
    walk.click("为尚无账号的代表创建账号", role="link")


def walk_staff_proposals(walk: Walk):
    draft = Proposal.objects.get(title="关于在集镇增设公共停车位的建议")
    from_voters = Proposal.objects.get(title="关于加固村口小桥栏杆的建议")
    walk.at("staff", "议案建议", "查看待办和筛选")
    walk.goto("/")
    walk.click("议案建议", role="link")
    walk.click("待办", role="link")
    walk.at("staff", "录入纸质议案建议")
    walk.goto("/proposals/")
    walk.click("提交议案建议", role="link")

    walk.at("staff", "登记一件建议")
    walk.goto("/")
    walk.goto("/proposals/")
    walk.click("待办", role="link")
    walk.at("staff", "议案建议", "登记一件建议", "不予登记", "并案", "拆分")
    walk.goto(f"/proposals/{from_voters.pk}/")
    walk.at("staff", "并案")
    walk.click("并入其他议案建议", role="link")
    walk.at("staff", "拆分")
    walk.goto(f"/proposals/{from_voters.pk}/")
    walk.click("拆分为多件", role="link")
    walk.at("staff", "登记一件建议")
    walk.goto(f"/proposals/{from_voters.pk}/")
    walk.click("登记", role="button")
    walk.at("staff", "交办一件建议")
    walk.read()
    walk.select("主办单位", "镇党政综合办公室")
    walk.page.get_by_role("group", name="协办单位").get_by_label("镇村镇建设办公室").check()
    walk.click("交办承办单位")

    walk.at("staff", "登记一件建议")
    walk.goto(f"/proposals/{draft.pk}/")
    walk.shot(
        "staff-register", start=move_section(walk, "登记"), end=move_section(walk, "不予登记")
    )
    walk.click("登记")

    walk.at("staff", "召开交办会", "index#本手册怎么读")
    walk.goto("/proposals/")
    walk.click("交办会", role="link")
    walk.fill("日期", today())
    walk.fill("地点", "乡镇政府会议室")
    walk.click("保存")
    row = walk.page.get_by_role("row").filter(has_text=draft.title)
    walk.page.get_by_label(draft.title, exact=True).check()  # the 交办 box of its row
    row.get_by_role("combobox").first.select_option(label="镇村镇建设办公室")
    walk.shot("staff-assignment-meeting")
    walk.help("staff", "召开交办会")
    walk.click("交办所选议案建议")

    answered = Proposal.objects.get(title="关于修缮五雷街老桥护栏的建议")
    walk.at("staff", "改交其他承办单位", "补录纸质答复和评价表")
    walk.goto(f"/proposals/{answered.pk}/")
    walk.at("staff", "查看议案建议统计")
    walk.goto("/proposals/")
    walk.click("统计", role="link")
    walk.at("staff", "设置领域和答复分类")
    walk.goto("/proposals/")
    walk.click("领域", role="link")
    walk.click("答复分类", role="link")
    walk.at("staff", "标注工作日")
    walk.click("工作日", role="link")


def walk_staff_oversight(walk: Walk):
    walk.at("staff", "监督工作", "登记一次监督活动")
    walk.goto("/")
    walk.click("监督工作", role="link")
    walk.click("登记监督活动", role="link")
    walk.select("类别", "工作评议")
    walk.fill("标题", "对村镇建设办公室开展工作评议")
    walk.fill("开始日期", today())
    walk.fill("其他参加人次", "0")
    walk.select("监督对象单位", "镇村镇建设办公室")
    walk.click("保存")  # and on to its attendance
    walk.click("全部设为出席", navigates=False)
    walk.click("保存参加情况")
    action_url = walk.page.url.removeprefix(walk.base)
    # The demo year's sixth action (by the order it was entered; not by its id, which a database
    # that ran other tests before gives another number).
    sixth = OversightAction.objects.order_by("pk")[5]
    walk.goto(f"/oversight/{sixth.pk}/")
    walk.shot("staff-oversight-action", full_page=True, height=1400)
    supervision = OversightAction.objects.order_by("pk").first().activity
    walk.goto(f"/deputies/activities/{supervision.pk}/")

    walk.at("staff", "登记发现的问题")
    walk.goto(action_url)
    walk.click("登记问题", role="link")
    walk.fill("问题", "村镇建设办公室档案未及时归档。")
    walk.select("责任单位", "镇村镇建设办公室")
    walk.click("保存并继续登记")
    walk.fill("问题", "村务公开栏内容未及时更新。")
    walk.select("责任单位", "镇村镇建设办公室")
    walk.click("保存")

    walk.at("staff", "开展工作评议")
    walk.goto(action_url)
    walk.click("开展评议", role="link")
    walk.click("保存")
    walk.click("登记代表测评", role="link")
    walk.page.get_by_label("满意", exact=False).first.check()
    walk.click("保存测评")
    walk.click("编辑", role="link")

    walk.at("staff", "登记政府工作任务和督查情况")
    walk.goto(f"/oversight/{OversightAction.objects.order_by('pk')[1].pk}/")  # the demo's second
    walk.click("政府工作任务", role="link")
    walk.click("新增政府任务", role="link")
    walk.goto("/oversight/tasks/")
    walk.page.get_by_role("link", name="1. 省重点工程石坑坪水库建设").click()
    walk.read()
    walk.click("登记督查情况", role="link")

    walk.at("staff", "组织主题活动")
    walk.goto("/oversight/campaigns/")
    walk.click("新建主题活动", role="link")
    walk.goto("/oversight/campaigns/")
    walk.page.get_by_role("link", name="关心母亲河溪，查找水污染源，恪尽代表职责").click()
    walk.read()

    walk.at("staff", "核实整改销号或退回", "查找问题")
    walk.goto("/")
    walk.click("待核实的整改", role="link")
    reported = Problem.objects.filter(status="reported").order_by("pk").first()
    walk.at("staff", "核实整改销号或退回")
    walk.goto(f"/oversight/problems/{reported.pk}/")

    walk.at("staff", "登记换届选举监督")
    walk.goto("/oversight/elections/?year=2024")
    walk.click("登记监督情况", role="link")


def walk_staff_petitions_and_plans(walk: Walk):
    walk.at("staff", "信访", "登记信访事项", "查找和导出信访事项")
    walk.goto("/petitions/")
    walk.at("staff", "登记信访事项")
    walk.click("登记信访事项", role="link")
    walk.select("来源方式", "来电")
    walk.fill("姓名", "李某")
    walk.select("问题类别", "城乡建设")
    walk.fill("反映事项", "村道路灯不亮")
    walk.fill("内容", "村道路灯已坏一个月。")
    walk.click("保存")
    walk.at("staff", "受理答复和办结信访事项")
    walk.read()
    walk.click("受理")
    for status in ("accepted", "concluded"):
        petition = Petition.objects.filter(status=status).order_by("pk").first()
        walk.goto(f"/petitions/{petition.pk}/")
    walk.at("staff", "修改信访办理期限")
    walk.goto("/petitions/")
    walk.click("办理期限", role="link")

    walk.at("staff", "宣传和工作思路", "登记宣传投稿")
    walk.goto("/publicity/?year=2024")
    walk.click("登记投稿", role="link")
    walk.at("staff", "编写工作思路")
    walk.goto("/oversight/plan/?year=2024")
    walk.click("添加条目", role="link")


def walk_staff_reports(walk: Walk):
    walk.at("staff", "年度工作报告", "生成年度工作报告")
    walk.goto("/")
    walk.click("报告", role="link")
    walk.fill("年度", "2025")
    walk.select("类别", "人大主席团工作报告")
    walk.click("生成草稿")
    walk.shot("staff-report")
    walk.at("staff", "编辑报告草稿")
    walk.read()
    walk.page.get_by_role("link", name="编辑").nth(1).click()
    walk.read()
    walk.page.go_back()
    walk.at("staff", "根据记录重新生成")
    walk.click("根据记录重新生成")
    walk.at("staff", "生成和下载pdf", "提交主席团审议")
    walk.read()
    walk.at("staff", "提交主席团审议")
    walk.click("提交主席团审议")
    walk.at("staff", "修改已定稿的报告", "生成和下载pdf")
    final = ReportVersion.objects.filter(state="final").order_by("pk").first()
    walk.goto(f"/reports/versions/{final.pk}/")


def walk_staff_accounts(walk: Walk):
    walk.at("staff", "账号", "为主席团成员或承办单位人员开设账号")
    walk.goto("/")
    walk.click("账号", role="link")
    walk.shot("staff-accounts")
    walk.at("staff", "添加承办单位")
    walk.click("承办单位", role="link")
    walk.at("staff", "为主席团成员或承办单位人员开设账号")
    walk.goto("/township/accounts/")
    walk.click("新建账号", role="link")
    walk.fill("姓名", "周主席团")
    walk.fill("用户名", "zhoumember")
    walk.select("角色", "主席团成员")
    walk.click("创建账号")
    password = walk.page.get_by_test_id("password").first.inner_text()
    walk.click("返回", role="link")
    walk.at("staff", "重发初始密码", "停用和重新启用账号")
    walk.read()
    row = walk.page.get_by_role("row").filter(has_text="zhoumember")
    walk.click("停用", role="link", within=row, exact=False)
    walk.fill("理由", "试用")
    walk.click("停用")
    row = walk.page.get_by_role("row").filter(has_text="zhoumember")
    walk.click("启用", role="link", within=row, exact=False)
    walk.fill("理由", "试用结束")
    walk.click("启用")

    # The new member's first login: the initial password, then their own.
    walk.as_user("zhoumember", password=password)
    walk.at("common", "第一次登录设置自己的密码")
    walk.read()
    walk.fill("旧密码", password)
    walk.fill("新密码", "Lianxi-2025!")
    walk.fill("新密码确认", "Lianxi-2025!")
    walk.click("保存")
    walk.as_user("staff")
    walk.at("staff", "重发初始密码")
    walk.goto("/township/accounts/")
    row = walk.page.get_by_role("row").filter(has_text="zhoumember")
    walk.click("重发初始密码", role="link", within=row, exact=False)
    walk.fill("理由", "本人来电申请")
    walk.click("重发初始密码")


def walk_staff_reviewing(walk: Walk):
    """The unit's answer, before the deputy rates it."""
    walk.as_user("staff")
    answered = Proposal.objects.get(title="关于修缮五雷街老桥护栏的建议")
    walk.at("staff", "退回答复", "补录纸质答复和评价表", "在公开页面公开答复")
    walk.goto(f"/proposals/{answered.pk}/")
    walk.at("staff", "在公开页面公开答复")
    walk.click("连同答复公开")
    walk.at("staff", "更正日期")
    walk.goto(f"/proposals/{answered.pk}/")
    walk.click("更正日期", role="link")


def walk_staff_closing(walk: Walk):
    walk.as_user("staff")
    answered = Proposal.objects.get(title="关于修缮五雷街老桥护栏的建议")
    walk.at("staff", "办结")
    walk.goto(f"/proposals/{answered.pk}/")
    walk.click("办结")
    extended = Proposal.objects.get(title="关于在集镇增设公共停车位的建议")
    walk.at("staff", "审批延期申请")
    walk.goto("/proposals/queues/")
    walk.goto(f"/proposals/{extended.pk}/")
    walk.click("审批", role="link")
    walk.click("保存审批结果")


# --------------------------------------------------------------------------- unit


def walk_unit(walk: Walk):
    walk.as_user("unit")
    walk.at("index", "谁用什么")
    walk.read()
    walk.at("unit", "承办单位", "查看本单位的待办事项")
    walk.read()
    walk.at("unit", "查看本单位承办件")
    walk.click("议案建议", role="link")
    walk.click("本单位承办件", role="link")
    walk.shot("unit-items")
    walk.help("unit", "查看本单位承办件")
    answered = Proposal.objects.get(title="关于修缮五雷街老桥护栏的建议")
    walk.at("unit", "答复一件建议")
    walk.goto(f"/proposals/{answered.pk}/")
    walk.select("答复类别", "A 已解决或基本解决")
    walk.page.get_by_role("textbox", name="答复").fill("护栏已全部更换，并加装反光标识。")
    walk.fill("见面沟通人", "赵志强")
    walk.shot(
        "unit-answer",
        start=walk.page.get_by_role("heading", name="承办单位"),
        end=move_section(walk, "登记办理答复"),
    )
    walk.click("登记办理答复")

    walk.at("unit", "协办单位提出协办意见")
    cosigned = Proposal.objects.get(title="关于加固村口小桥栏杆的建议")
    walk.goto(f"/proposals/{cosigned.pk}/")
    walk.at("unit", "申请延期", "代表不满意或答复被退回时")
    assigned = Proposal.objects.get(title="关于在集镇增设公共停车位的建议")
    walk.goto(f"/proposals/{assigned.pk}/")
    walk.page.get_by_text("申请延期", exact=True).click()
    walk.fill("新的答复期限", (timezone.localdate() + timedelta(days=120)).isoformat())
    walk.fill("理由", "需协调用地。")
    walk.click("提交申请")

    walk.at("unit", "整改监督中发现的问题")
    walk.goto("/")
    walk.click("监督工作", role="link")
    walk.click("问题整改", role="link")
    problem = Problem.objects.get(description="村镇建设办公室档案未及时归档。")
    walk.goto(f"/oversight/problems/{problem.pk}/")
    walk.click("开始整改")
    walk.click("报告整改完成", role="link")
    walk.fill("整改情况", "档案已全部归档。")
    walk.fill("整改完成日期", today())
    walk.shot("unit-problem")
    walk.click("报告整改完成")

    walk.at("unit", "答复工作评议")
    walk.goto("/oversight/")
    walk.click("工作评议", role="link")
    walk.page.get_by_role("link", name="镇村镇建设办公室").first.click()
    walk.read()
    walk.page.get_by_role("textbox", name="被评议单位的答复").fill("感谢代表的意见，已逐条整改。")
    walk.click("保存答复")


# --------------------------------------------------------------------------- member


def walk_member(walk: Walk):
    walk.as_user("member")
    walk.at("index", "谁用什么")
    walk.read()
    walk.at("member", "主席团成员", "查看首页的待办事项")
    walk.read()
    walk.help("member", "查看首页的待办事项")
    walk.at("member", "查阅人代会会议")
    walk.click("人代会", role="link")
    walk.click("练溪镇第十八届人民代表大会第二次会议", role="link")
    walk.at("member", "查阅代表名册")
    walk.click("代表", role="link")
    deputy = Deputy.objects.get(user__username="deputy")
    walk.goto(f"/deputies/{deputy.pk}/")
    walk.at("member", "登记联系代表情况")
    walk.goto("/deputies/")
    walk.click("联系代表", role="link")
    walk.select("代表", "张卫国")
    walk.fill("日期", today())
    walk.fill("联系内容", "了解老桥护栏修缮后的群众反映。")
    walk.shot("member-liaison")
    walk.click("保存")
    walk.at("member", "查阅议案建议和统计", "领办重点议案建议")
    walk.goto("/proposals/")
    key = Proposal.objects.filter(township__name="练溪镇", is_key=True).order_by("pk").first()
    walk.goto(f"/proposals/{key.pk}/")
    walk.at("member", "查阅议案建议和统计")
    walk.goto("/proposals/")
    walk.click("统计", role="link")
    walk.at("member", "查阅监督活动")
    walk.click("监督工作", role="link")
    walk.at("member", "核实整改并销号")
    walk.goto("/")
    walk.click("待核实的整改", role="link")
    problem = Problem.objects.get(description="村镇建设办公室档案未及时归档。")
    walk.goto(f"/oversight/problems/{problem.pk}/")
    walk.fill("核实日期", today())
    walk.page.get_by_role("button", name="核实销号").scroll_into_view_if_needed()
    walk.shot("member-verify")
    walk.click("核实销号")
    walk.at("member", "审议年度工作报告")
    walk.goto("/reports/")
    draft = ReportVersion.objects.filter(state="review").order_by("pk").first()
    walk.goto(f"/reports/versions/{draft.pk}/")
    walk.page.get_by_role("button", name="审议通过，定稿").scroll_into_view_if_needed()
    walk.shot("member-review")
    walk.click("审议通过，定稿")


# --------------------------------------------------------------------------- county


def walk_county(walk: Walk):
    walk.as_user("county")
    walk.at("index", "谁用什么")
    walk.read()
    walk.at("county", "县人大常委会查阅", "阅读各乡镇的定稿报告")
    walk.read()
    walk.help("county", "阅读各乡镇的定稿报告")
    walk.click("全部定稿报告", role="link")
    walk.shot("county-reports")
    walk.at("county", "阅读各乡镇的定稿报告", "下载定稿报告")
    walk.page.get_by_role("link", name="人大主席团工作报告").first.click()
    walk.read()
    walk.at("county", "下载定稿报告")
    walk.goto("/reports/")


def walk_county_admin(walk: Walk):
    walk.as_user("countyadmin")
    walk.at("index", "谁用什么")
    walk.read()
    walk.at("county_admin", "县人大常委会管理员", "查看乡镇和人大办账号")
    walk.read()
    walk.help("county_admin", "查看乡镇和人大办账号")
    walk.click("乡镇", role="link")
    walk.click("练溪镇", role="link")
    walk.shot("county-admin-township")
    walk.at("county_admin", "修改乡镇信息")
    walk.goto("/county/")
    walk.click("练溪镇", role="link")
    walk.click("修改乡镇信息", role="link")
    walk.at("county_admin", "新建一个乡镇")
    walk.goto("/county/")
    walk.click("新建乡镇", role="link")
    walk.fill("乡镇名称", "石门乡")
    walk.click("乡", role="radio", navigates=False)
    walk.fill("所属县", "遂昌县")
    walk.fill("本届届次", "18")
    walk.fill("人大办工作人员姓名", "钱办事")
    walk.fill("人大办工作人员用户名", "shimen")
    walk.click("创建乡镇")
    walk.at("county_admin", "为乡镇增加一个人大办账号")
    walk.goto("/county/")
    walk.click("石门乡", role="link")
    walk.click("新建人大办账号", role="link")
    walk.fill("姓名", "孙办事")
    walk.fill("用户名", "shimen2")
    walk.click("创建账号")
    walk.goto("/county/")
    walk.click("石门乡", role="link")

    def staff_row():
        return walk.page.get_by_test_id("staff").get_by_role("row").filter(has_text="shimen2")

    walk.at("county_admin", "为人大办工作人员重发初始密码")
    walk.click("重发初始密码", role="link", within=staff_row(), exact=False)
    walk.select("人大办账号", "孙办事（shimen2）")
    walk.fill("理由", "本人来电申请")
    walk.click("重发初始密码")
    walk.goto("/county/")
    walk.click("石门乡", role="link")
    walk.at("county_admin", "停用或重新启用人大办账号")
    walk.click("停用", role="link", within=staff_row(), exact=False)
    walk.fill("理由", "已调离")
    walk.click("停用")
    walk.click("启用", role="link", within=staff_row(), exact=False)
    walk.fill("理由", "调回")
    walk.click("启用")
    walk.at("county_admin", "授予或收回查看信访人身份信息")
    walk.click("权限", role="link", within=staff_row(), exact=False)
    walk.page.get_by_label("查看信访人身份信息").check()
    walk.fill("理由", "依乡镇书面申请")
    walk.click("保存")
    assert User.objects.get(username="shimen2").has_perm("petitions.view_petitioner")
