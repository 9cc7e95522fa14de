"""What the workbooks write: text as typed, never a formula, and nothing Excel cannot hold."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from congress.excel import write_table
from deputies.models import Deputy
from deputies.tests.factories import DeputyFactory

HYPERLINK = '=HYPERLINK("http://x","点我")'


def exported_rows(response) -> list[dict]:
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    return [
        {title: cell for title, cell in zip(header, row, strict=True)}
        for row in sheet.iter_rows(min_row=2)
    ]


@pytest.mark.parametrize("text", [HYPERLINK, "+86 138", "-1+1", "@SUM(A1)", "\t=1+1", "#N/A", "=1"])
def test_text_that_excel_would_evaluate_is_written_as_text(text):
    sheet = load_workbook(io.BytesIO(write_table(["地址"], [[text]], title="表"))).active
    cell = sheet["A2"]
    assert cell.value == text
    assert cell.data_type == "s"
    if text[0] in "=+-@\t":
        assert cell.quotePrefix  # Excel keeps it text even when the cell is edited


def test_ordinary_values_keep_their_types():
    sheet = load_workbook(io.BytesIO(write_table(["a", "b", "c"], [[1, 2.5, "甲"]], title="表")))
    assert [c.value for c in sheet.active[2]] == [1, 2.5, "甲"]
    assert not sheet.active["C2"].quotePrefix


def test_a_deputy_cannot_plant_a_formula_in_the_staff_export(client, staff, users):
    deputy = users["deputy"].deputy
    client.force_login(users["deputy"])
    response = client.post(
        reverse("deputies:me_edit"), {"phone": deputy.phone, "address": HYPERLINK}
    )
    assert response.status_code == 302
    client.force_login(staff)
    rows = exported_rows(client.get(reverse("deputies:export")))
    address = next(row["住址"] for row in rows if row["姓名"].value == deputy.name)
    assert address.value == HYPERLINK
    assert address.data_type == "s" and address.quotePrefix


def test_a_formula_in_a_deputys_details_exports_and_imports_back_unchanged(client, staff, township):
    DeputyFactory(township=township, name="甲", work_unit="-村委会-", address=HYPERLINK)
    client.force_login(staff)
    response = client.get(reverse("deputies:export"), {"q": "甲"})
    upload = SimpleUploadedFile("导出.xlsx", response.content)
    preview = client.get(client.post(reverse("deputies:import"), {"file": upload})["Location"])
    plan = preview.context["plan"]
    assert plan.is_valid and plan.unchanged_count == 1, plan.rows[0].errors


def test_a_control_character_in_a_name_does_not_break_either_export(client, staff, township):
    # Written straight to the database, as older data or the admin could have it; forms refuse it.
    deputy = DeputyFactory(township=township, mandate__term=township.current_term)
    Deputy.objects.filter(pk=deputy.pk).update(name="张\x0b三\x1b", work_unit="=1+1")
    client.force_login(staff)
    rows = exported_rows(client.get(reverse("deputies:export")))
    assert "张三" in [row["姓名"].value for row in rows]
    ranking = exported_rows(client.get(reverse("deputies:ranking_export"), {"year": 2024}))
    assert "张三" in [row["姓名"].value for row in ranking]
