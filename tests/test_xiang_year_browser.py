"""In Chromium, the year of a 乡 from nothing to its printed reports: the county administrator
creates 青溪乡 and its staff account; a deputy drafts and submits a suggestion on a phone;
staff back-date it from paper (submitted, registered, assigned in the past year), the unit
answers and staff correct the answer's date; the lead deputy rates it on the phone; staff read
the year's statistics and start the presidium's work report and the proposal-handling report.
The figures agree, and no page the journey reached nor either PDF says 镇."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from congress.models import Township, User
from congress.roles import Role
from congress.services import unit_save
from congress.tests.test_browser import log_in as log_in_answering_the_challenge
from deputies.models import Deputy, Mandate
from deputies.services import (
    constituency_save,
    deputy_create,
    deputy_group_save,
    deputy_link_account,
)
from proposals.models import Proposal
from reports.models import ReportVersion, WorkReport
from reports.services import version_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-for-tests-1"  # conftest.make_user's
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
TOWNSHIP = "青溪乡"
UNIT = "乡农业综合服务中心"
TITLE = "关于整修青溪村灌溉水渠的建议"
# 镇 not inside the generic 乡镇: the township's own kind (as in tests/test_township_wording).
TOWN_WORD = re.compile("(?<!乡)镇")


def log_in(page, live_server, username, password=PASSWORD, *, lands_on="/"):
    page.context.clear_cookies()
    log_in_answering_the_challenge(page, live_server, username, password)
    page.wait_for_url(f"{live_server.url}{lands_on}")


def pdf_text(pdf: bytes) -> str:
    return "\n".join(each.extract_text() for each in PdfReader(io.BytesIO(pdf)).pages)


def town_words(text: str) -> list[str]:
    """Each 镇 in the text with what surrounds it, the township's own name left out."""
    text = text.replace(TOWNSHIP, "")
    return [text[max(0, m.start() - 20) : m.end() + 20] for m in TOWN_WORD.finditer(text)]


def test_a_xiang_year_entered_by_hand_back_dated_and_printed_without_zhen(
    live_server, page, make_user
):
    year = timezone.localdate().year - 1
    today = timezone.localdate().isoformat()
    submitted, registered, assigned = (
        datetime.date(year, 3, 1),
        datetime.date(year, 3, 5),
        datetime.date(year, 3, 12),
    )
    answered = datetime.date(year, 5, 20)
    visited = []  # every page the journey reached: its address and its HTML

    def seen():
        page.wait_for_load_state()
        visited.append((page.url, page.content()))

    def page_says(text):
        expect(page.get_by_role("alert").first).to_contain_text(text)

    # 1) The county administrator creates the 乡 and its first staff account.
    make_user(Role.COUNTY_ADMIN, None, username="xianrenda")
    log_in(page, live_server, "xianrenda")
    seen()
    with page.expect_navigation():
        page.get_by_role("navigation").get_by_role("link", name="乡镇").click()
    seen()
    with page.expect_navigation():
        page.get_by_role("link", name="新建乡镇").click()
    # Not collected: the county's creation form offers 镇, 乡 and 民族乡 and explains both
    # wordings (镇长或乡长…).
    page.get_by_label("乡镇名称").fill(TOWNSHIP)
    page.get_by_label("乡", exact=True).check()
    page.get_by_label("所属县").fill("遂昌县")
    page.get_by_label("本届届次").fill("18")
    page.get_by_label("人大办工作人员姓名").fill("周晓梅")
    page.get_by_label("人大办工作人员用户名").fill("qx-renda")
    with page.expect_navigation():
        page.get_by_role("button", name="创建乡镇").click()
    expect(page.get_by_role("heading", name="乡镇已创建")).to_be_visible()
    seen()
    initial = page.get_by_test_id("password").inner_text()
    township = Township.objects.get(name=TOWNSHIP)
    assert township.kind == Township.Kind.XIANG and township.short_kind == "乡"

    # The staff member logs in with it and must set their own password first.
    staff_password = "Qingxi-renda-2025"
    log_in(page, live_server, "qx-renda", initial, lands_on="/accounts/password/")
    expect(page.get_by_test_id("must-change-password")).to_contain_text("请先设置您自己的密码")
    seen()
    page.locator("input[name=old_password]").fill(initial)
    page.locator("input[name=new_password1]").fill(staff_password)
    page.locator("input[name=new_password2]").fill(staff_password)
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"{live_server.url}/accounts/password/done/")
    seen()
    assert not User.objects.get(username="qx-renda").must_change_password

    # 2) Scaffolding through the services: the roster and unit pages have browser tests of
    # their own (tests/test_browser_accounts.py, deputies' and congress' browser tests).
    constituency = constituency_save(township=township, name="第一选区")
    group = deputy_group_save(township=township, name="第一代表小组")
    deputies = []
    for name, gender, username in (
        ("柳青山", Deputy.Gender.MALE, "liuqs"),
        ("何秀兰", Deputy.Gender.FEMALE, "hexl"),
        ("吴国栋", Deputy.Gender.MALE, "wugd"),
    ):
        deputy = deputy_create(
            township=township,
            name=name,
            gender=gender,
            level=Mandate.Level.TOWNSHIP,
            term=township.current_term,
            constituency=constituency,
            group=group,
        )
        deputy_link_account(deputy=deputy, user=make_user(Role.DEPUTY, township, username=username))
        deputies.append(deputy)
    lead = deputies[0]
    unit = unit_save(township=township, name=UNIT, kind="station")
    make_user(Role.UNIT, township, unit=unit, username="nongfu")

    # 3) The deputy, on a phone, drafts a suggestion and submits it: dated today.
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "liuqs")
    seen()
    page.goto(f"{live_server.url}/proposals/mine/")
    seen()
    with page.expect_navigation():
        page.get_by_role("link", name="提交议案建议").first.click()
    seen()
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("内容").fill("青溪村东片灌溉水渠多处渗漏，春灌用水不足。")
    with page.expect_navigation():
        page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_test_id("status")).to_have_text("草稿")
    seen()
    detail = page.url
    pk = int(re.search(r"/proposals/(\d+)/$", detail).group(1))
    with page.expect_navigation():
        page.get_by_role("button", name="提交", exact=True).click()
    expect(page.get_by_test_id("status")).to_have_text("已提交")
    seen()
    proposal = Proposal.objects.get(pk=pk)
    assert (
        proposal.deputy == lead and timezone.localdate(proposal.submitted_at).isoformat() == today
    )

    # 4) Staff, at a desk, correct the submission date from the paper, then register and
    # assign it with the days they were really done.
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server, "qx-renda", staff_password)
    seen()
    page.goto(detail)
    seen()
    with page.expect_navigation():
        page.get_by_role("link", name="更正日期").click()
    expect(page.get_by_test_id("dated-events")).to_contain_text(today)
    seen()
    page.get_by_label("更正环节").select_option("submitted")
    page.get_by_label("正确日期").fill(submitted.isoformat())
    page.get_by_label("更正理由").fill("代表纸质建议落款为3月1日")
    with page.expect_navigation():
        page.get_by_role("button", name="更正日期").click()
    page_says(f"提出日期已更正：{today} → {submitted.isoformat()}")
    expect(page.get_by_test_id("dated-events")).to_contain_text(submitted.isoformat())
    seen()

    page.goto(detail)
    card = page.locator("section[aria-labelledby=move-register]")
    card.get_by_label("日期").fill(registered.isoformat())
    with page.expect_navigation():
        card.get_by_role("button", name="登记", exact=True).click()
    expect(page.get_by_test_id("status")).to_have_text("已登记")
    expect(page.get_by_test_id("number")).to_contain_text(str(year))
    seen()

    card = page.locator("section[aria-labelledby=move-assign]")
    card.get_by_label("主办单位").select_option(label=UNIT)
    card.get_by_label("交办日期").fill(assigned.isoformat())
    with page.expect_navigation():
        card.get_by_role("button", name="交办承办单位").click()
    expect(page.get_by_test_id("status")).to_have_text("已交办")
    expect(page.locator("main")).to_contain_text(f"{UNIT} · ")
    expect(page.locator("main")).to_contain_text(assigned.isoformat())
    seen()

    # 5) The unit answers (dated today); staff correct the answer's date from its paper copy.
    log_in(page, live_server, "nongfu")
    seen()
    page.goto(f"{live_server.url}/proposals/unit/")
    seen()
    with page.expect_navigation():
        page.get_by_role("link", name=TITLE).first.click()
    page.wait_for_url(detail)
    seen()
    card = page.locator("section[aria-labelledby=move-answer]")
    card.get_by_role("combobox").first.select_option(label="A 已解决或基本解决")
    card.get_by_role("textbox").first.fill("已安排资金对东片水渠进行防渗整修，4月底前完工。")
    with page.expect_navigation():
        card.get_by_role("button", name="登记办理答复").click()
    expect(page.get_by_test_id("status")).to_have_text("已答复")
    seen()

    log_in(page, live_server, "qx-renda", staff_password)
    page.goto(f"{detail}dates/")
    expect(page.get_by_test_id("dated-events")).to_contain_text(today)
    page.get_by_label("更正环节").select_option("answered")
    page.get_by_label("正确日期").fill(answered.isoformat())
    page.get_by_label("更正理由").fill("答复函落款日期为5月20日")
    with page.expect_navigation():
        page.get_by_role("button", name="更正日期").click()
    page_says(f"日期已更正：{today} → {answered.isoformat()}")
    expect(page.get_by_test_id("dated-events")).to_contain_text(answered.isoformat())
    seen()

    proposal.refresh_from_db()
    assert timezone.localdate(proposal.submitted_at) == submitted
    assert proposal.number_year == year
    assert proposal.assignments.get().assigned_on == assigned
    assert timezone.localdate(proposal.answers.get().answered_at) == answered

    # 6) The lead deputy, on the phone, rates the answer 满意 / 满意.
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "liuqs")
    page.goto(detail)
    seen()
    card = page.locator("section[aria-labelledby=move-rate]")
    card.get_by_role("group", name="办理态度").get_by_label("满意", exact=True).check()
    card.get_by_role("group", name="办理结果").get_by_label("满意", exact=True).check()
    with page.expect_navigation():
        card.get_by_role("button", name="评价办理情况").click()
    expect(page.get_by_test_id("status")).to_have_text("已评价")
    expect(page.get_by_test_id("rating")).to_contain_text("办理态度 满意，结果 满意")
    seen()

    # 7) Staff read the year's statistics, then start both reports.
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server, "qx-renda", staff_password)
    page.goto(f"{live_server.url}/proposals/stats/?year={year}")
    expect(page.get_by_test_id("heading")).to_contain_text(str(year))
    headline = page.locator(".card-body")
    received = headline.filter(has_text="收到议案、建议和意见").locator(".fs-4")
    expect(received).to_have_text("1")
    expect(headline.filter(has_text="按期答复率").locator(".fs-4")).to_have_text("100.0%")
    satisfaction = headline.filter(has_text="办理结果满意率").locator(".fs-4")
    expect(satisfaction).to_have_text("100.0%")
    expect(page.get_by_test_id("headline-note")).to_have_text(
        "满意率＝（满意件数＋基本满意件数）÷已测评件数；每件以领衔代表的测评为准。"
    )
    # By kind: received 1, of them key 0, assigned 1, answered 1, on time 1, 100.0%.
    expect(page.get_by_test_id("table-kind").locator("tfoot tr")).to_have_text(
        re.compile(r"合计\s*1\s*0\s*1\s*1\s*1\s*100\.0%")
    )
    expect(page.get_by_test_id("note-satisfaction")).to_contain_text("已测评1件。")
    seen()
    rate = satisfaction.inner_text()  # read after the expectation above settled it

    pdfs = {}
    for kind, label in (
        (WorkReport.Kind.ANNUAL, "人大主席团工作报告"),
        (WorkReport.Kind.PROPOSALS, "代表建议办理情况报告"),
    ):
        with page.expect_navigation():
            page.get_by_role("navigation").get_by_role("link", name="报告").click()
        seen()
        form = page.locator("section[aria-labelledby=new-report]")
        form.get_by_label("年度").fill(str(year))
        form.get_by_label("类别").select_option(label=label)
        with page.expect_navigation():
            form.get_by_role("button", name="生成草稿").click()
        page_says("草稿")
        page.wait_for_url(re.compile(r"/reports/versions/\d+/$"))
        seen()
        version = ReportVersion.objects.select_related("report__township").get(
            pk=int(re.search(r"/versions/(\d+)/$", page.url).group(1))
        )
        assert version.report.kind == kind and version.report.year == year
        assert version.report.township == township
        pdfs[kind] = pdf_text(version_pdf(version))

    # The PDFs' lines break anywhere: read them without their whitespace.
    annual = re.sub(r"\s", "", pdfs[WorkReport.Kind.ANNUAL])
    handling = re.sub(r"\s", "", pdfs[WorkReport.Kind.PROPOSALS])
    assert annual.startswith(f"{TOWNSHIP}人大主席团{year}年工作报告"), annual[:200]
    assert "乡人大主席团" in annual and "全乡" in annual
    assert "代表提出的1件议案、建议和意见" in annual and "已答复1件" in annual, annual
    assert f"{year}年，我乡共收到代表提出的议案、建议和意见1件" in handling, handling
    assert "已答复1件" in handling and "交办建议1件" in handling, handling
    assert "下一步，乡人大主席团将" in handling and f"{TOWNSHIP}人大主席团" in handling
    # The proposal report's 满意率 is the statistics page's.
    assert f"对办理结果满意1件、基本满意0件、不满意0件，满意率{rate}" in handling, handling
    assert f"对办理结果满意1件、基本满意0件、不满意0件，满意率{rate}" in annual, annual

    # No 镇 on any page the journey reached, nor in either report.
    assert len(visited) >= 25, [address for address, html in visited]
    for address, html in visited:
        assert not town_words(html), (address, town_words(html))
    for kind, text in pdfs.items():
        assert not town_words(text), (kind, town_words(text))
