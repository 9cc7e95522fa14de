import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from deputies.excel import COLUMNS, choice_labels, headers, write_workbook
from deputies.models import Deputy, Mandate, RosterImport
from deputies.tests.factories import ConstituencyFactory, DeputyGroupFactory

LABELS = {column.key: choice_labels(column) for column in COLUMNS if column.choices}


def row(i: int, **changes) -> list:
    values = {
        "name": f"代表{i:03d}",
        "gender": LABELS["gender"]["female" if i % 2 else "male"],
        "ethnicity": "汉族",
        "birth_month": f"19{60 + i % 35}-{1 + i % 12:02d}",
        "affiliation": LABELS["affiliation"]["cpc"],
        "education": LABELS["education"]["college"],
        "occupation": LABELS["occupation"]["farmer"],
        "work_unit": "某村",
        "phone": f"139{i:08d}",
        "address": "",
        "level": LABELS["level"]["township"],
        "term": 18,
        "constituency": "第一选区",
        "group": "东片小组",
        "status": LABELS["status"]["active"],
        "start_date": "2021-12-30",
        "end_date": "",
        "status_reason": "",
    }
    values.update(changes)
    return [values[column.key] for column in COLUMNS]


def workbook(rows) -> SimpleUploadedFile:
    return SimpleUploadedFile("名册.xlsx", write_workbook(rows, title="名册"))


@pytest.fixture
def seats(township):
    ConstituencyFactory(township=township, name="第一选区")
    DeputyGroupFactory(township=township, name="东片小组")


def upload(client, rows):
    response = client.post(reverse("deputies:import"), {"file": workbook(rows)})
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def test_template_has_chinese_headers_and_drop_downs(client, staff):
    client.force_login(staff)
    response = client.get(reverse("deputies:import_template"))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [c.value for c in sheet[1]] == headers()
    assert headers()[:4] == ["姓名", "性别", "民族", "出生年月"]
    assert any("男,女" in v.formula1 for v in sheet.data_validations.dataValidation)


def test_a_bad_file_is_refused_whole_then_imported_once_fixed_then_not_duplicated(
    client, staff, seats
):
    """100 rows with 3 bad ones: 3 Chinese row errors and nothing saved; fixed, all imported;
    the same file again changes nothing."""
    client.force_login(staff)
    before = Deputy.objects.count()
    rows = [row(i) for i in range(100)]
    bad = list(rows)
    bad[10] = row(10, name="")
    bad[40] = row(40, group="不存在的小组")
    bad[70] = row(70, birth_month="1975年13月")
    preview = client.get(upload(client, bad))
    text = preview.content.decode()
    errors = preview.context["plan"].row_errors
    assert [e.number for e in errors] == [12, 42, 72]  # Excel row numbers (header is row 1)
    assert "“姓名”不能为空" in text
    assert "代表小组“不存在的小组”不存在" in text
    assert "出生年月“1975年13月”格式不正确" in text
    assert "导入全部数据" not in text
    # A forged confirm is refused too, and nothing is half-saved.
    batch = RosterImport.objects.latest("pk")
    client.post(reverse("deputies:import_preview", args=[batch.pk]))
    assert Deputy.objects.count() == before

    preview = client.get(upload(client, rows))
    assert "100行数据无误" in preview.content.decode()
    response = client.post(preview.wsgi_request.path, follow=True)
    assert "名册已导入" in response.content.decode()
    assert Deputy.objects.count() == before + 100
    assert Mandate.objects.filter(deputy__name__startswith="代表0").count() == 100

    again = client.get(upload(client, rows))
    assert "新增0条，更新0条，无变化100条" in again.content.decode()
    response = client.post(again.wsgi_request.path, follow=True)
    assert "更新0条，无变化100条" in response.content.decode()
    assert Deputy.objects.count() == before + 100
    assert Mandate.objects.count() == before + 100


def test_reimport_updates_changed_values_and_adds_a_second_mandate(client, staff, seats):
    client.force_login(staff)
    client.post(upload(client, [row(1)]))
    changed = [
        row(1, phone="13800000000"),
        row(1, phone="13800000000", level=LABELS["level"]["county"], term=17),
    ]
    client.post(upload(client, changed))
    deputy = Deputy.objects.get(name="代表001")
    assert deputy.phone == "13800000000"
    assert sorted(deputy.mandates.values_list("level", flat=True)) == ["county", "township"]
    assert deputy.history.count() == 2  # created, then the phone changed


def test_duplicate_rows_in_one_file_are_reported(client, staff, seats):
    client.force_login(staff)
    preview = client.get(upload(client, [row(1), row(2), row(1)]))
    assert "与第2行重复" in preview.content.decode()


def test_two_rows_of_one_deputy_must_agree_on_personal_details(client, staff, seats):
    client.force_login(staff)
    rows = [row(1), row(1, phone="13800000000", level=LABELS["level"]["county"], term=17)]
    preview = client.get(upload(client, rows))
    assert [r.number for r in preview.context["plan"].row_errors] == [3]
    assert "联系电话与第2行不一致" in preview.content.decode()


def test_a_bad_phone_is_blamed_on_its_own_row(client, staff, seats):
    client.force_login(staff)
    rows = [row(i) for i in range(10)]
    rows[6] = row(6, phone="1395781")
    preview = client.get(upload(client, rows))
    errors = preview.context["plan"].row_errors
    assert [(e.number, e.raw["name"]) for e in errors] == [(8, "代表006")]
    assert "联系电话“1395781”有误：请填写以1开头的11位手机号码" in preview.content.decode()


def test_a_bad_phone_in_a_deputys_first_row_is_not_blamed_on_their_second(client, staff, seats):
    """The issue's "wrong row": a deputy's county row (row 2) had the phone cut short and their
    township row (row 3) had it right. Nothing checked the phone, so the only error was the
    comparison of the two rows, reported on row 3 against row 2."""
    client.force_login(staff)
    county = {"level": LABELS["level"]["county"], "term": 17}
    rows = [row(1, phone="1395781", **county), row(1), row(2)]
    errors = client.get(upload(client, rows)).context["plan"].row_errors
    assert [(e.number, len(e.errors)) for e in errors] == [(2, 1)]
    assert "联系电话“1395781”有误" in errors[0].errors[0]


def test_a_name_with_an_invisible_character_is_blamed_on_its_row(client, staff, seats):
    client.force_login(staff)
    rows = [row(1), row(2, name="代表\u200b002")]
    errors = client.get(upload(client, rows)).context["plan"].row_errors
    assert [e.number for e in errors] == [3]
    assert "请删除第3个字符（紧接在“代表”之后）" in errors[0].errors[0]


def test_a_workbook_without_the_template_header_is_refused(client, staff):
    client.force_login(staff)
    content = write_workbook([], title="x")
    book = load_workbook(io.BytesIO(content))
    book.worksheets[0].delete_cols(1)  # drop the 姓名 column
    buffer = io.BytesIO()
    book.save(buffer)
    response = client.post(
        reverse("deputies:import"),
        {"file": SimpleUploadedFile("x.xlsx", buffer.getvalue())},
        follow=True,
    )
    assert "表头缺少以下列：姓名" in response.content.decode()


def test_a_file_that_is_not_xlsx_is_refused(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("deputies:import"), {"file": SimpleUploadedFile("名册.csv", b"a,b")}
    )
    assert "请上传Excel .xlsx文件" in response.content.decode()
    assert not RosterImport.objects.exists()


def test_another_townships_staff_cannot_open_the_preview(client, make_user, staff, seats):
    from congress.roles import Role
    from congress.tests.factories import TownshipFactory

    client.force_login(staff)
    location = upload(client, [row(1)])
    client.force_login(make_user(Role.STAFF, TownshipFactory()))
    assert client.get(location).status_code == 404
    assert client.post(location).status_code == 404


RESIGNED = LABELS["status"]["resigned"]


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        ({"status": RESIGNED}, ["请填写代表职务终止的日期", "请填写代表职务终止的原因"]),
        ({"status": RESIGNED, "end_date": "2024-06-01"}, ["请填写代表职务终止的原因"]),
        ({"status": RESIGNED, "status_reason": "工作调动"}, ["请填写代表职务终止的日期"]),
        ({"end_date": "2024-06-01"}, ["在任的代表职务不应有任期终止日期"]),
        (
            {"status": RESIGNED, "end_date": "2021-01-01", "status_reason": "工作调动"},
            ["任期终止日期不能早于任期开始日期"],
        ),
        ({"end_date": "2024-13-01"}, ["任期终止日期“2024-13-01”格式不正确"]),
    ],
)
def test_the_import_applies_the_mandate_status_rule_of_the_mandate_page(
    client, staff, seats, changes, messages
):
    client.force_login(staff)
    preview = client.get(upload(client, [row(1), row(2, **changes)]))
    errors = preview.context["plan"].row_errors
    assert [e.number for e in errors] == [3]
    assert len(errors[0].errors) == len(messages)
    for message, error in zip(messages, errors[0].errors, strict=True):
        assert message in error


def test_an_ended_mandate_imports_with_its_end_date_and_reason(client, staff, seats):
    client.force_login(staff)
    transferred = LABELS["status"]["transferred"]
    rows = [row(1, status=transferred, end_date="2024-06-01", status_reason="调往县城工作")]
    client.post(upload(client, rows))
    mandate = Mandate.objects.get(deputy__name="代表001")
    assert (mandate.status, mandate.end_date.isoformat(), mandate.status_reason) == (
        "transferred",
        "2024-06-01",
        "调往县城工作",
    )


def test_the_preview_counts_what_each_row_would_do_and_shows_labels(client, staff, seats):
    client.force_login(staff)
    client.post(upload(client, [row(1), row(2), row(3)]))
    county = {"level": LABELS["level"]["county"], "term": 17}
    rows = [
        row(1),  # unchanged
        row(2, phone="13800000000"),  # the person's phone changes
        row(3, status=LABELS["status"]["resigned"], end_date="2024-06-01", status_reason="辞职"),
        row(3, **county, status=""),  # a new mandate of a known person; empty status: in office
        row(4),  # a new person
    ]
    preview = client.get(upload(client, rows))
    plan = preview.context["plan"]
    assert [r.action for r in plan.rows] == ["unchanged", "update", "update", "new", "new"]
    assert (plan.new_count, plan.update_count, plan.unchanged_count) == (2, 2, 1)
    text = preview.content.decode()
    assert "5行数据无误：新增2条，更新2条，无变化1条" in text
    assert "镇人大代表" in text and "县人大代表" in text and ">辞职<" in text
    assert ">在任<" in text
    for code in (">township<", ">county<", ">resigned<", ">active<"):
        assert code not in text
