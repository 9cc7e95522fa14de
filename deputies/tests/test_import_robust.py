"""The roster import under bad input and at once: a huge sheet, values out of range, the
file read once, a discarded upload, two imports of the same new people at the same time."""

import io
import tracemalloc
import zipfile
from xml.sax.saxutils import escape

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl.utils import get_column_letter

from conftest import require, run_together
from congress.models import Township
from deputies.excel import COLUMNS, headers
from deputies.models import Constituency, Deputy, Mandate, RosterImport
from deputies.rules import MAX_IMPORT_ROWS
from deputies.services.importing import (
    roster_import_apply,
    roster_import_plan,
    roster_import_upload,
)
from deputies.tests.test_import import row, upload, workbook

HUGE_ROWS = 200_000

_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def _cell(ref: str, value: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'


def huge_roster(rows: int) -> bytes:
    """A roster workbook of `rows` rows, written as many programs write one: inline strings
    and no <dimension> element, so nothing tells a reader its size before the last row. The
    rows name a person and a gender (the first two columns) and leave out the optional
    cell references, which makes 200,000 rows about a megabyte. Written as XML directly:
    openpyxl would take a minute for it."""
    assert [column.key for column in COLUMNS[:2]] == ["name", "gender"]
    header = "".join(
        _cell(f"{get_column_letter(i)}1", title) for i, title in enumerate(headers(), start=1)
    )
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.'
        f'org/spreadsheetml/2006/main"><sheetData><row r="1">{header}</row>'
    ]
    for number in range(2, rows + 2):
        lines.append(
            f'<row><c t="inlineStr"><is><t>代表{number}</t></is></c>'
            '<c t="inlineStr"><is><t>男</t></is></c></row>'
        )
    lines.append("</sheetData></worksheet>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", "".join(lines))
    return buffer.getvalue()


@pytest.fixture(scope="module")
def huge_workbook() -> bytes:
    return huge_roster(HUGE_ROWS)


@pytest.fixture
def seats(township):
    Constituency.objects.create(township=township, name="第一选区")
    from deputies.tests.factories import DeputyGroupFactory

    DeputyGroupFactory(township=township, name="东片小组")


def test_a_sheet_of_200000_rows_is_refused_at_the_row_after_the_limit(client, staff, huge_workbook):
    """The issue's file: about 1 MB, 200,000 rows; it took 42 s and 300 MB. The reading stops
    at the row after the limit: what it holds stays that of the limit's rows, not of the whole
    sheet (its time is `make bench`'s: a wall clock fails on a busy machine)."""
    assert 0.3 * 2**20 < len(huge_workbook) < 3 * 2**20  # about a megabyte, under the cap
    client.force_login(staff)
    tracemalloc.start()
    try:
        response = client.post(
            reverse("deputies:import"), {"file": SimpleUploadedFile("名册.xlsx", huge_workbook)}
        )
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 200
    text = response.content.decode()
    assert f"工作表超过{MAX_IMPORT_ROWS}行" in text, text[:2000]
    assert peak < 64 * 2**20, f"{peak / 2**20:.0f} MiB"
    assert not RosterImport.objects.exists()


def test_exactly_the_row_limit_is_accepted(client, staff, seats):
    """The limit's edge: MAX_IMPORT_ROWS rows are read and checked, one more is refused."""
    content = huge_roster(MAX_IMPORT_ROWS)
    client.force_login(staff)
    response = client.post(
        reverse("deputies:import"), {"file": SimpleUploadedFile("名册.xlsx", content)}
    )
    assert response.status_code == 302
    assert len(RosterImport.objects.get().rows) == MAX_IMPORT_ROWS
    response = client.post(
        reverse("deputies:import"),
        {"file": SimpleUploadedFile("名册.xlsx", huge_roster(MAX_IMPORT_ROWS + 1))},
    )
    assert f"工作表超过{MAX_IMPORT_ROWS}行" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"term": 40000}, "届次“40000”有误：届次应为1到50之间的整数"),
        ({"term": 51}, "届次“51”有误：届次应为1到50之间的整数"),
        ({"term": 0}, "届次“0”有误：届次应为1到50之间的整数"),
        ({"name": "张" * 51}, "姓名“" + "张" * 51 + "”有误："),
        ({"start_date": "1900-01-01"}, "任期开始日期“1900-01-01”有误：请填写1954-01-01到"),
        ({"birth_month": "2090-01"}, "出生年月“2090-01”有误：请填写1900年至今天之间的出生年月"),
    ],
)
def test_every_value_is_checked_against_its_fields_range(client, staff, seats, changes, message):
    """Nothing passes the preview that would fail when written: 40000 as a term passed
    before and broke the import on PostgreSQL."""
    client.force_login(staff)
    preview = client.get(upload(client, [row(1), row(2, **changes)]))
    errors = preview.context["plan"].row_errors
    assert [e.number for e in errors] == [3]
    assert any(message in error for error in errors[0].errors), errors[0].errors


def test_the_term_at_its_edges_is_accepted(client, staff, seats):
    client.force_login(staff)
    preview = client.get(upload(client, [row(1, term=1), row(2, term=50)]))
    assert preview.context["plan"].is_valid


def test_the_preview_does_not_read_the_file_again(
    client, staff, seats, django_assert_max_num_queries
):
    """Parsed once, on upload: the preview shows what was stored, even with the file gone."""
    client.force_login(staff)
    location = upload(client, [row(i) for i in range(300)])
    batch = RosterImport.objects.get()
    default_storage.delete(batch.file.name)
    with django_assert_max_num_queries(12):
        preview = client.get(location)
    assert "300行数据无误：新增300条" in preview.content.decode()


def test_importing_checks_again_against_the_roster_as_it_is_now(client, staff, seats, township):
    """A constituency renamed between the preview and the import: nothing is imported and
    the preview now shows why."""
    client.force_login(staff)
    location = upload(client, [row(1), row(2)])
    Constituency.objects.filter(township=township, name="第一选区").update(name="第一片区")
    response = client.post(location, follow=True)
    text = response.content.decode()
    assert "部分行有错误，未导入任何数据" in text
    assert "选区“第一选区”不存在" in text
    assert not Deputy.objects.filter(name__in=["代表001", "代表002"]).exists()
    assert RosterImport.objects.get().state == RosterImport.State.PENDING


def test_staff_discard_a_pending_upload_and_its_file_is_deleted(
    client, staff, seats, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    location = upload(client, [row(1)])
    batch = RosterImport.objects.get()
    name = batch.file.name
    assert default_storage.exists(name)
    preview = client.get(location).content.decode()
    assert "放弃本次上传" in preview
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("deputies:import_discard", args=[batch.pk]), follow=True)
    assert "已放弃上传的文件“名册.xlsx”" in response.content.decode()
    batch.refresh_from_db()
    assert batch.state == RosterImport.State.DISCARDED
    assert not batch.file and batch.rows == []
    assert not default_storage.exists(name)
    assert batch.history.first().history_user == staff
    # A discarded upload can no longer be imported, nor discarded twice.
    response = client.post(location, follow=True)
    assert "该文件已放弃" in response.content.decode()
    assert not Deputy.objects.filter(name="代表001").exists()
    assert "已放弃本次上传" in client.get(location).content.decode()


def test_an_imported_file_cannot_be_discarded(client, staff, seats):
    client.force_login(staff)
    location = upload(client, [row(1)])
    client.post(location)
    batch = RosterImport.objects.get()
    response = client.post(reverse("deputies:import_discard", args=[batch.pk]), follow=True)
    assert "该文件已经导入" in response.content.decode()
    assert RosterImport.objects.get().state == RosterImport.State.IMPORTED


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_imports_of_the_same_new_people_at_once_create_them_once_on_postgresql(
    make_user,
):
    """Two staff upload the same 30 new deputies and confirm at the same moment: the second
    import waits for the first (a lock on the township), then finds them and adds no one."""
    require(connection.vendor == "postgresql", "DATABASE_URL does not point at PostgreSQL")
    from congress.roles import Role
    from congress.tests.factories import TownshipFactory
    from deputies.tests.factories import DeputyGroupFactory

    township = TownshipFactory()
    Constituency.objects.create(township=township, name="第一选区")
    DeputyGroupFactory(township=township, name="东片小组")
    staff = [make_user(Role.STAFF, township) for _ in range(2)]
    rows = [row(i) for i in range(30)]
    batches = [
        roster_import_upload(township=township, upload=workbook(rows), user=user) for user in staff
    ]

    def apply(batch, user):
        def run(barrier):
            barrier.wait(timeout=10)
            return roster_import_apply(batch=batch, user=user)

        return run

    results = run_together(*[apply(b, u) for b, u in zip(batches, staff, strict=True)])
    assert sorted((plan.new_count, plan.unchanged_count) for plan in results) == [(0, 30), (30, 0)]
    assert Deputy.objects.filter(township=township).count() == 30
    assert Mandate.objects.filter(deputy__township=township).count() == 30
    assert set(RosterImport.objects.values_list("state", flat=True)) == {"imported"}
    assert Township.objects.filter(pk=township.pk).exists()


def _import(township, user, rows) -> RosterImport:
    batch = roster_import_upload(township=township, upload=workbook(rows), user=user)
    assert roster_import_plan(batch=batch).is_valid
    roster_import_apply(batch=batch, user=user)
    return batch


def test_an_import_takes_as_many_queries_for_40_rows_as_for_10(staff, seats, township):
    """Half the rows update deputies already on the roster (a new phone), half add new ones;
    the whole roster is not read, only the deputies the file names."""
    queries = {}
    for first, n in ((0, 10), (100, 40)):
        updated, added = range(first, first + n // 2), range(first + n // 2, first + n)
        _import(township, staff, [row(i) for i in updated])
        rows = [row(i, phone=f"137{i:08d}") for i in updated] + [row(i) for i in added]
        with CaptureQueriesContext(connection) as context:
            _import(township, staff, rows)
        queries[n] = len(context.captured_queries)
    assert queries[40] == queries[10]
    names = [f"代表{i:03d}" for i in (*range(10), *range(100, 140))]
    deputies = Deputy.objects.filter(township=township, name__in=names)
    assert deputies.count() == 50
    assert deputies.filter(phone__startswith="137").count() == 25
    # Every deputy and mandate added or changed has its history row, by the importing staff.
    history = Deputy.history.filter(name__in=names)
    assert history.filter(history_type="+").count() == 50
    assert history.filter(history_type="~", phone__startswith="137").count() == 25
    assert set(history.values_list("history_user", flat=True)) == {staff.pk}
    mandates = Mandate.history.filter(deputy__name__in=names)
    assert mandates.filter(history_type="+", history_user=staff).count() == 50
