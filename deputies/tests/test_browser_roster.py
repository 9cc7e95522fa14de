"""The roster's life in one journey: Excel import, a training, attendance, the deputy's own page."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from congress.excel import XLSX_CONTENT_TYPE
from congress.roles import Role
from deputies.excel import COLUMNS, choice_labels, write_workbook
from deputies.models import Deputy
from deputies.services import deputy_link_account
from deputies.tests.factories import ConstituencyFactory, DeputyGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-for-tests-1"
NAMES = ["李春华", "王建国", "赵丽娟"]


def roster_file(township, constituency, groups: list[str]) -> dict:
    """Three township mandates, one per name, each in the group given for it."""
    labels = {column.key: choice_labels(column) for column in COLUMNS if column.choices}
    rows = []
    for number, (name, group) in enumerate(zip(NAMES, groups, strict=True)):
        values = {
            "name": name,
            "gender": labels["gender"]["female" if number % 2 else "male"],
            "ethnicity": "汉族",
            "birth_month": f"197{number}-0{number + 1}",
            "affiliation": labels["affiliation"]["cpc"],
            "phone": f"1390000000{number}",
            "level": labels["level"]["township"],
            "term": township.current_term,
            "constituency": constituency.name,
            "group": group,
            "status": labels["status"]["active"],
            "start_date": "2021-12-30",
        }
        rows.append([values.get(column.key) for column in COLUMNS])
    content = write_workbook(rows, title="名册")
    return {"name": "名册.xlsx", "mimeType": XLSX_CONTENT_TYPE, "buffer": content}


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")


def upload(page, live_server, file) -> None:
    page.locator("main input[type=file]").set_input_files(file)
    page.get_by_role("button", name="上传并检查").click()
    page.wait_for_url(f"{live_server.url}/deputies/import/*/")


def test_import_roster_record_training_and_deputy_sees_it(live_server, page, make_user, township):
    constituency = ConstituencyFactory(township=township)
    group = DeputyGroupFactory(township=township)
    make_user(Role.STAFF, township, username="clerk")

    # a) staff log in; b) import the roster, first with a mistake, then corrected
    log_in(page, live_server, "clerk")
    page.get_by_role("link", name="代表", exact=True).first.click()
    page.get_by_role("link", name="从Excel导入").click()
    bad_file = roster_file(township, constituency, [group.name, "不存在的小组", group.name])
    upload(page, live_server, bad_file)
    errors = page.get_by_test_id("row-errors")
    expect(errors.get_by_role("row", name=NAMES[1])).to_contain_text("不存在的小组")
    expect(errors.get_by_role("row")).to_have_count(2)  # the header and the one bad row
    expect(page.get_by_role("button", name="导入全部数据")).to_have_count(0)
    assert Deputy.objects.count() == 0

    page.get_by_role("link", name="上传修正后的文件").click()
    upload(page, live_server, roster_file(township, constituency, [group.name] * 3))
    expect(page.get_by_test_id("import-ready")).to_be_visible()
    page.get_by_role("button", name="导入全部数据").click()
    page.wait_for_url(f"{live_server.url}/deputies/")
    for name in NAMES:
        expect(page.get_by_role("row", name=name)).to_contain_text(constituency.name)

    # c) a training, two of the imported deputies present
    page.goto(f"{live_server.url}/deputies/activities/")
    page.get_by_role("link", name="登记代表活动").click()
    title = "新任代表履职培训"
    page.locator("select[name=kind]").select_option("training")
    page.locator("input[name=title]").fill(title)
    page.locator("input[name=start_date]").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"{live_server.url}/deputies/activities/*/attendance/")
    page.get_by_label(NAMES[0]).select_option("present")
    page.get_by_label(NAMES[2]).select_option("present")
    page.get_by_role("button", name="保存参加情况").click()
    page.wait_for_url(f"{live_server.url}/deputies/activities/*/")
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    person_times = "共2人次"
    expect(page.get_by_test_id("person-times")).to_have_text(person_times)

    # d) the deputy logs in and finds the training on their own page
    deputy = Deputy.objects.get(name=NAMES[0])
    deputy_link_account(deputy=deputy, user=make_user(Role.DEPUTY, township, username="daibiao"))
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/")
    log_in(page, live_server, "daibiao")
    page.locator("nav a[href='/deputies/me/']").click()
    page.wait_for_url(f"{live_server.url}/deputies/me/")
    expect(page.get_by_test_id("my-activities")).to_contain_text(title)
    trainings = page.get_by_test_id("record").get_by_role("row", name="学习培训")
    expect(trainings.get_by_role("cell")).to_have_text("1")
