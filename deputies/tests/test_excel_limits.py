"""The roster workbook at its limits: a zip bomb is refused before it is unpacked, a cell longer
than Excel allows before openpyxl holds it, and a part of more elements than openpyxl may hold
at once (in one row, among the shared strings, in a part it reads whole) before openpyxl parses
it, all in flat memory; and no export writes a character that would leave the file unreadable."""

import io
import tracemalloc
import zipfile
from xml.etree.ElementTree import fromstring
from xml.sax.saxutils import escape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from congress.excel import write_table
from deputies.excel import (
    BLANK_ROWS_FACTOR,
    COLUMNS,
    MAX_SHARED_STRINGS,
    headers,
    read_rows,
    write_workbook,
)
from deputies.excel_reading import (
    MAX_CELL_CHARACTERS,
    MAX_PART_BYTES,
    MAX_PARTS,
    MAX_ROW_CELLS,
    MAX_ROW_NODES,
    MAX_UNPACKED_BYTES,
    MAX_WHOLE_PART_BYTES,
    MAX_XML_ATTRIBUTES,
    MAX_XML_ELEMENTS,
    MAX_XML_NAMES,
    MAX_XML_RUN_BYTES,
    UNPACK_CHUNK_BYTES,
    WorkbookError,
)
from deputies.models import Deputy, RosterImport
from deputies.rules import MAX_IMPORT_ROWS
from deputies.services.importing import MAX_IMPORT_BYTES
from deputies.tests.factories import ConstituencyFactory, DeputyFactory, DeputyGroupFactory
from deputies.tests.test_import import row

SHEET = "xl/worksheets/sheet1.xml"
STYLES = "xl/styles.xml"
STRINGS = "xl/sharedStrings.xml"
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WORKSHEET = b'<worksheet xmlns="' + MAIN + b'">'
SHEET_START = DECLARATION + WORKSHEET + b"<sheetData>"
SHEET_END = b"</sheetData></worksheet>"
INLINE = b'<c t="inlineStr"><is><t>'
BOMB_BYTES = 400 * 2**20  # the penetration test's cell
PEAK_BYTES = 16 * 2**20  # what refusing any of these files may take, at most

TOO_LARGE = "文件解压后过大"
TOO_MANY_PARTS = "文件内部的组成部分过多"
CELL_TOO_LONG = f"某个单元格的内容过长（超过Excel允许的{MAX_CELL_CHARACTERS}个字符）"
UNREADABLE = "无法读取该文件"
UNUSUAL = "文件内部结构异常"
NO_HEADER = "表头缺少以下列"
TOO_MANY_ROWS = f"工作表超过{MAX_IMPORT_ROWS}行"


def cell(text: str) -> bytes:
    return INLINE + escape(text).encode() + b"</t></is></c>"


def header_row(titles=None) -> bytes:
    return b'<row r="1">' + b"".join(cell(title) for title in titles or headers()) + b"</row>"


def repeated(piece: bytes, size: int):
    """`size` bytes of `piece` over and over, a mebibyte at a time."""
    block = piece * (2**20 // len(piece))
    while size > 0:
        yield block[:size]
        size -= len(block)


def workbook(*sheet, parts: dict | None = None) -> bytes:
    """The template's workbook with its first sheet written from `sheet` (bytes, or iterables
    of them), and more `parts` by name (in place of the template's of that name), each streamed
    into the zip so that a part of hundreds of mebibytes packs into a small file without being
    held whole."""
    buffer = io.BytesIO()
    template = zipfile.ZipFile(io.BytesIO(write_workbook([], title="名册")))
    with template, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for info in template.infolist():
            if info.filename != SHEET and info.filename not in (parts or {}):
                archive.writestr(info.filename, template.read(info))
        for name, pieces in {SHEET: sheet, **(parts or {})}.items():
            with archive.open(name, "w", force_zip64=True) as part:
                for piece in pieces:
                    for block in [piece] if isinstance(piece, bytes) else piece:
                        part.write(block)
    return buffer.getvalue()


def refusal(content: bytes) -> tuple[str, int]:
    """read_rows' message for the file, and the peak of Python memory while it refused it."""
    file = io.BytesIO(content)
    tracemalloc.start()
    try:
        with pytest.raises(WorkbookError) as refused:
            read_rows(file, limit=MAX_IMPORT_ROWS)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    with translation.override("zh-hans"):
        return str(refused.value), peak


def rows_of(content: bytes) -> list[tuple[int, dict[str, str]]]:
    return read_rows(io.BytesIO(content), limit=MAX_IMPORT_ROWS)


@pytest.fixture(scope="module")
def pentest_bomb() -> bytes:
    """The finding's file: the first row one inline string of 400 MiB."""
    return workbook(
        SHEET_START,
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>',
        repeated(b"A", BOMB_BYTES),
        b"</t></is></c></row>",
        SHEET_END,
    )


@pytest.fixture(scope="module")
def long_cell() -> bytes:
    """One cell of 24 MiB below a proper header: inside the part limit, and a sheet that would
    pass the header check."""
    return workbook(
        SHEET_START,
        header_row(),
        b"<row>" + INLINE,
        repeated("张".encode(), 24 * 2**20),
        b"</t></is></c></row>",
        SHEET_END,
    )


def test_the_penetration_tests_bomb_is_refused_before_it_is_unpacked(pentest_bomb):
    """413 KB kept a worker busy for 30 s and took it to 930 MB: its sheet declares 400 MiB."""
    assert len(pentest_bomb) < MAX_IMPORT_BYTES  # it passes the upload's own size limit
    with zipfile.ZipFile(io.BytesIO(pentest_bomb)) as archive:
        assert archive.getinfo(SHEET).file_size > BOMB_BYTES
    message, peak = refusal(pentest_bomb)
    assert TOO_LARGE in message
    assert peak < PEAK_BYTES


def test_a_part_over_the_part_limit_is_refused_and_one_at_the_limit_is_read():
    """Blank rows, no long cell: only the declared size refuses the part. At exactly the limit
    the file is read, and refused for what it holds (more rows than a roster)."""
    start = SHEET_START + header_row()

    def sheet(size: int) -> bytes:
        rows = size - len(start) - len(SHEET_END)
        blank = rows - rows % len(b"<row/>")
        return workbook(start, repeated(b"<row/>", blank), b" " * (rows - blank), SHEET_END)

    at_limit = sheet(MAX_PART_BYTES)
    with zipfile.ZipFile(io.BytesIO(at_limit)) as archive:
        assert archive.getinfo(SHEET).file_size == MAX_PART_BYTES
    assert TOO_MANY_ROWS in refusal(at_limit)[0]
    message, peak = refusal(sheet(MAX_PART_BYTES + 1))
    assert TOO_LARGE in message
    assert peak < PEAK_BYTES


def test_parts_each_under_the_limit_are_refused_when_together_over_it():
    blank = (MAX_UNPACKED_BYTES // 3) // 6 * 6
    parts = {
        f"xl/worksheets/sheet{n}.xml": [SHEET_START, repeated(b"<row/>", blank), SHEET_END]
        for n in (2, 3, 4)
    }
    content = workbook(SHEET_START, header_row(), SHEET_END, parts=parts)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sizes = [info.file_size for info in archive.infolist()]
    assert max(sizes) < MAX_PART_BYTES < MAX_UNPACKED_BYTES < sum(sizes)
    message, peak = refusal(content)
    assert TOO_LARGE in message
    assert peak < PEAK_BYTES


def test_a_file_of_more_parts_than_the_limit_is_refused():
    with zipfile.ZipFile(io.BytesIO(workbook(SHEET_START, header_row(), SHEET_END))) as archive:
        own = len(archive.infolist())

    def with_parts(count: int) -> bytes:
        extra = {f"customXml/item{n}.xml": [b"<a/>"] for n in range(count - own)}
        return workbook(SHEET_START, header_row(), SHEET_END, parts=extra)

    assert rows_of(with_parts(MAX_PARTS)) == []  # read: a header and no rows
    message, peak = refusal(with_parts(MAX_PARTS + 1))
    assert TOO_MANY_PARTS in message
    assert peak < PEAK_BYTES


def test_a_cell_longer_than_excel_allows_is_refused_while_streaming(long_cell):
    """24 MiB in one cell, inside the part limit: refused in far less memory than the cell."""
    message, peak = refusal(long_cell)
    assert CELL_TOO_LONG in message
    assert peak < PEAK_BYTES


def test_a_cell_at_excels_limit_written_the_longest_way_is_read():
    """32,767 characters, each as a numeric character reference (8 bytes): the most a real
    cell takes, and it is read."""
    text = b"&#20195;" * MAX_CELL_CHARACTERS  # 代
    row_2 = b"<row>" + INLINE + text + b"</t></is></c></row>"
    [(number, values)] = rows_of(workbook(SHEET_START, header_row(), row_2, SHEET_END))
    assert number == 2
    assert values["name"] == "代" * MAX_CELL_CHARACTERS


def run_at(offset: int, length: int) -> bytes:
    """A sheet whose second row's name cell makes a run of `length` bytes without a '<' ("t>"
    and the text) beginning `offset` bytes into the part; cells added to the header row, each
    shorter than a run may be, put it there."""
    opening = b"<row>" + INLINE[:-2]  # up to the "<" of "<t>": the run begins with "t>"
    titles = headers()
    short = len(SHEET_START + header_row(titles) + opening)
    fill = offset - short
    assert fill >= 0
    parts = -(-fill // (MAX_XML_RUN_BYTES // 2))  # cells of at most half a run
    for n in range(parts):
        titles = [*titles, "x" * (fill // parts + (n < fill % parts) - len(cell("")))]
    start = SHEET_START + header_row(titles) + opening
    assert len(start) == offset
    text = b"t>" + b"x" * (length - 2)
    return workbook(start, text, b"</t></is></c></row>", SHEET_END)


@pytest.mark.parametrize(
    "offset",
    [4096, UNPACK_CHUNK_BYTES - MAX_XML_RUN_BYTES // 2],
    ids=["inside a chunk", "across two chunks"],
)
def test_the_longest_run_a_part_may_hold_is_read_and_one_byte_more_is_refused(offset):
    [(_number, values)] = rows_of(run_at(offset, MAX_XML_RUN_BYTES))
    assert values["name"] == "x" * (MAX_XML_RUN_BYTES - 2)
    message, peak = refusal(run_at(offset, MAX_XML_RUN_BYTES + 1))
    assert CELL_TOO_LONG in message
    assert peak < PEAK_BYTES


def long_text_hidden_in(kind: str) -> bytes:
    """A sheet whose long cell is written so that its runs between two '<' stay short."""
    text = ("张" * 100 + "<").encode() * 10_000  # 3 MB, a '<' every 301 bytes
    if kind == "CDATA":
        row_2 = [b"<row>" + INLINE + b"<![CDATA[", text, b"]]></t></is></c></row>"]
        return workbook(SHEET_START, header_row(), *row_2, SHEET_END)
    if kind == "comment":
        return workbook(SHEET_START, header_row(), b"<!--", text, b"-->", SHEET_END)
    if kind == "UTF-16":
        xml = SHEET_START.replace(b"UTF-8", b"UTF-16") + header_row() + SHEET_END
        return workbook(xml.decode().encode("utf-16"))
    if kind == "DTD":
        dtd = b"<!DOCTYPE worksheet [<!ENTITY a 'aaaaaaaaaa'>]>"
        return workbook(DECLARATION, dtd, WORKSHEET, b"<sheetData>", header_row(), SHEET_END)
    raise AssertionError(kind)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("CDATA", CELL_TOO_LONG),
        ("comment", CELL_TOO_LONG),
        ("UTF-16", UNREADABLE),  # its '<' is two bytes; no spreadsheet program writes it
        ("DTD", UNREADABLE),  # the package format forbids them
    ],
)
def test_markup_that_could_hide_a_long_cell_from_the_check_is_refused(kind, expected):
    message, peak = refusal(long_text_hidden_in(kind))
    assert expected in message
    assert peak < PEAK_BYTES


def renamed_sheet(content: bytes) -> bytes:
    """The workbook with its sheet stored as sheet1.dat, which openpyxl reads all the same: it
    follows the workbook's relationships, whatever a part's name."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as original,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for info in original.infolist():
            data = original.read(info).replace(b"sheet1.xml", b"sheet1.dat")
            archive.writestr(info.filename.replace("sheet1.xml", "sheet1.dat"), data)
    return buffer.getvalue()


def test_a_long_cell_in_a_part_not_named_xml_is_refused_too():
    named = renamed_sheet(
        workbook(SHEET_START, header_row(), b"<row>", cell("甲"), b"</row>", SHEET_END)
    )
    assert rows_of(named)[0][1]["name"] == "甲"
    long_name = cell("张" * MAX_XML_RUN_BYTES)
    message, peak = refusal(
        renamed_sheet(
            workbook(SHEET_START, header_row(), b"<row>", long_name, b"</row>", SHEET_END)
        )
    )
    assert CELL_TOO_LONG in message
    assert peak < PEAK_BYTES


def test_the_header_is_checked_before_any_other_row_is_read():
    """Below the header, more rows than read_rows takes, then XML so broken that reading it
    fails. With the right header the row limit refuses the file (the rows were read up to
    there); with a wrong one the header is refused: it could not be if rows came first."""
    a_row = b"<row>" + cell("代表") + b"</row>"
    body = [repeated(a_row, len(a_row) * (MAX_IMPORT_ROWS + 1)), b"<row><c><<<"]
    message, _peak = refusal(workbook(SHEET_START, header_row(), *body))
    assert TOO_MANY_ROWS in message
    message, peak = refusal(workbook(SHEET_START, header_row(["名字", "性别"]), *body))
    assert NO_HEADER in message
    assert peak < PEAK_BYTES


def template_part(name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(write_workbook([], title="名册"))) as template:
        return template.read(name)


def shared_strings(*pieces, part: str = STRINGS) -> dict:
    """Parts for workbook(): the content types naming `part` the shared strings (openpyxl
    finds them there, whatever their name), and that part written from `pieces` if any."""
    override = (
        f'<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    parts = {
        "[Content_Types].xml": [
            template_part("[Content_Types].xml").replace(b"</Types>", override.encode())
        ]
    }
    if pieces:
        parts[part] = [DECLARATION + b'<sst xmlns="' + MAIN + b'">', *pieces, b"</sst>"]
    return parts


def styles(*pieces) -> dict:
    """Parts for workbook(): the template's styles with `pieces` added at their end."""
    own = template_part(STYLES).removesuffix(b"</styleSheet>")
    return {STYLES: [own, *pieces, b"</styleSheet>"]}


def element_bomb(kind: str) -> bytes:
    """A part of millions of empty elements, which openpyxl would hold at once (about 300
    bytes each), inside the part limit and packed into a few dozen kilobytes."""
    if kind == "row":  # two million cells in one row
        return workbook(
            SHEET_START, header_row(), b"<row>", repeated(b"<c/>", 8_000_000), b"</row>", SHEET_END
        )
    if kind == "shared strings":  # three million, all read before the first row
        strings = shared_strings(repeated(b"<si/>", 15_000_000))
        return workbook(SHEET_START, header_row(), SHEET_END, parts=strings)
    if kind == "styles":  # a million, read whole
        return workbook(
            SHEET_START, header_row(), SHEET_END, parts=styles(repeated(b"<a/>", 4_000_000))
        )
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["row", "shared strings", "styles"])
def test_a_part_of_millions_of_elements_is_refused_before_openpyxl_parses_it(kind):
    content = element_bomb(kind)
    assert len(content) < 100 * 2**10
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert max(info.file_size for info in archive.infolist()) < MAX_PART_BYTES
    message, peak = refusal(content)
    assert UNUSUAL in message
    assert peak < PEAK_BYTES


def excel_row(cells: int, *, extra: bytes = b"") -> bytes:
    """A second row of `cells` numbers as Excel writes them, five nodes a cell (the element,
    its reference, style and type, and its value); `extra` goes into the last cell's tag."""
    return (
        b'<row r="2">'
        + b"".join(
            b'<c r="%s2" s="0" t="n"%s><v>%d</v></c>'
            % (get_column_letter(n).encode(), extra if n == cells else b"", n)
            for n in range(1, cells + 1)
        )
        + b"</row>"
    )


def test_a_row_of_excels_most_cells_is_read_and_a_cell_or_attribute_more_is_refused():
    """16,384 cells (A to XFD), five nodes each: both the cells and the nodes at their limit."""
    assert 5 * MAX_ROW_CELLS == MAX_ROW_NODES
    widest = workbook(SHEET_START, header_row(), excel_row(MAX_ROW_CELLS), SHEET_END)
    [(number, values)] = rows_of(widest)
    assert (number, values["name"], values["status_reason"]) == (2, "1", str(len(COLUMNS)))
    for row_2 in [excel_row(MAX_ROW_CELLS + 1), excel_row(MAX_ROW_CELLS, extra=b' cm="1"')]:
        message, peak = refusal(workbook(SHEET_START, header_row(), row_2, SHEET_END))
        assert UNUSUAL in message
        assert peak < PEAK_BYTES


def excel_roster(strings: int) -> bytes:
    """The largest roster as Excel writes it: MAX_IMPORT_ROWS rows below the header, every
    column filled, each cell a styled reference to one of `strings` shared strings, the
    header's first and then one for each cell while they last."""
    titles = headers()
    values = strings - len(titles)

    def line(number: int, indexes) -> bytes:
        cells = b"".join(
            b'<c r="%s%d" s="1" t="s"><v>%d</v></c>' % (get_column_letter(n).encode(), number, i)
            for n, i in enumerate(indexes, start=1)
        )
        return b'<row r="%d" spans="1:%d">%s</row>' % (number, len(titles), cells)

    rows = [line(1, range(len(titles)))]
    for number in range(2, MAX_IMPORT_ROWS + 2):
        first = (number - 2) * len(titles)
        rows.append(line(number, (len(titles) + (first + n) % values for n in range(len(titles)))))
    table = [*titles, *(f"值{n}" for n in range(values))]
    strings_xml = shared_strings(*(f"<si><t>{escape(text)}</t></si>".encode() for text in table))
    return workbook(SHEET_START, *rows, SHEET_END, parts=strings_xml)


def test_the_largest_roster_as_excel_writes_it_is_read_and_a_shared_string_more_is_refused():
    rows = rows_of(excel_roster(MAX_SHARED_STRINGS))
    assert len(rows) == MAX_IMPORT_ROWS
    assert rows[0] == (2, {column.key: f"值{n}" for n, column in enumerate(COLUMNS)})
    message, peak = refusal(excel_roster(MAX_SHARED_STRINGS + 1))
    assert UNUSUAL in message
    assert peak < PEAK_BYTES


def test_a_part_read_whole_at_the_element_limit_is_read_and_one_element_more_is_refused():
    """The template's styles padded with elements openpyxl passes over."""
    own = len(list(fromstring(template_part(STYLES)).iter()))

    def padded(elements: int) -> bytes:
        padding = styles(b"<a/>" * (elements - own))
        return workbook(SHEET_START, header_row(), SHEET_END, parts=padding)

    assert rows_of(padded(MAX_XML_ELEMENTS)) == []  # read: a header and no rows
    message, peak = refusal(padded(MAX_XML_ELEMENTS + 1))
    assert UNUSUAL in message
    assert peak < PEAK_BYTES


def test_a_part_read_whole_of_too_many_attributes_or_bytes_is_refused():
    """Few elements: 41 of the same 9,900 attributes, or 8 MiB mostly of spaces."""
    assert MAX_XML_ATTRIBUTES < 41 * 9_900
    attributes = styles((b"<a " + b" ".join(b'a%d="1"' % n for n in range(9_900)) + b"/>") * 41)
    message, peak = refusal(workbook(SHEET_START, header_row(), SHEET_END, parts=attributes))
    assert UNUSUAL in message
    assert peak < PEAK_BYTES
    spaces = b"<a/>" + b" " * 2**16
    spaced = styles(repeated(spaces, (MAX_WHOLE_PART_BYTES // len(spaces) + 1) * len(spaces)))
    message, peak = refusal(workbook(SHEET_START, header_row(), SHEET_END, parts=spaced))
    assert TOO_LARGE in message
    assert peak < PEAK_BYTES


def hidden_elements(kind: str) -> bytes:
    """A sheet, or shared strings, that would have openpyxl hold more elements at once than the
    limits allow, written so that counting the tags between two <row, or tags by their name,
    would miss them."""
    cells = b"<c/>" * 16_000
    if kind == "rows within a row":
        row = b"<row>" + (b"<row/>" + cells) * 10 + b"</row>"
        return workbook(SHEET_START, header_row(), row, SHEET_END)
    if kind == "a namespace prefix":
        start = DECLARATION + b'<x:worksheet xmlns:x="' + MAIN + b'"><x:sheetData>'
        row = b"<x:row>" + cells.replace(b"<c", b"<x:c") * 10 + b"</x:row>"
        return workbook(start, row, b"</x:sheetData></x:worksheet>")
    if kind == "elements between rows":
        rows = (b"<row/>" + b"<x/>" * 10) * (MAX_XML_ELEMENTS // 10 + 1)
        return workbook(SHEET_START, header_row(), rows, SHEET_END)
    if kind == "a row of another namespace":  # openpyxl frees only its own
        row = b'<row xmlns="urn:example">' + cells * 10 + b"</row>"
        return workbook(SHEET_START, header_row(), row, SHEET_END)
    if kind == "the sheet named the shared strings":  # read as strings, it frees no row
        rows = (b"<row>" + cells + b"</row>") * 10
        return workbook(
            SHEET_START, header_row(), rows, SHEET_END, parts=shared_strings(part=SHEET)
        )
    if kind == "attributes of rows":  # openpyxl keeps them, as the rows' dimensions
        attributes = b" ".join(b'a%d="1"' % n for n in range(9_900))
        return workbook(SHEET_START, header_row(), (b"<row " + attributes + b"/>") * 41, SHEET_END)
    if kind == "shared strings within shared strings":  # each is one more in openpyxl's list
        within = b"<si>" + b"<si/>" * 60_000 + b"</si>"
        assert MAX_SHARED_STRINGS < 4 * 60_000 < 4 * MAX_ROW_NODES
        return workbook(SHEET_START, header_row(), SHEET_END, parts=shared_strings(within * 4))
    if kind == "a new name in every row":  # its parser keeps every name it meets
        rows = b"".join(b'<row><c a%d="1"/></row>' % n for n in range(MAX_XML_NAMES))
        return workbook(SHEET_START, header_row(), rows, SHEET_END)
    raise AssertionError(kind)


@pytest.mark.parametrize(
    "kind",
    [
        "rows within a row",
        "a namespace prefix",
        "elements between rows",
        "a row of another namespace",
        "the sheet named the shared strings",
        "attributes of rows",
        "shared strings within shared strings",
        "a new name in every row",
    ],
)
def test_elements_hidden_from_a_count_of_tags_are_refused(kind):
    message, peak = refusal(hidden_elements(kind))
    assert UNUSUAL in message
    assert peak < PEAK_BYTES


def test_rows_openpyxl_skips_count_towards_the_row_limit():
    """openpyxl skips a row numbered as one before it, yet keeps an empty element of each: a
    sheet of such rows is refused at the row limit, not read to its end."""
    alike = b'<row r="1"/>' * (MAX_IMPORT_ROWS * BLANK_ROWS_FACTOR - 1)
    assert rows_of(workbook(SHEET_START, header_row(), alike, SHEET_END)) == []
    message, peak = refusal(workbook(SHEET_START, header_row(), alike, b'<row r="1"/>', SHEET_END))
    assert TOO_MANY_ROWS in message
    assert peak < PEAK_BYTES


@pytest.fixture
def seats(township):
    ConstituencyFactory(township=township, name="第一选区")
    DeputyGroupFactory(township=township, name="东片小组")


@pytest.mark.parametrize("bomb", ["pentest_bomb", "long_cell"])
def test_staff_uploading_a_bomb_see_why_and_nothing_is_saved(client, staff, request, bomb):
    content = request.getfixturevalue(bomb)
    deputies = Deputy.objects.count()
    client.force_login(staff)
    response = client.post(
        reverse("deputies:import"), {"file": SimpleUploadedFile("名册.xlsx", content)}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert (TOO_LARGE if bomb == "pentest_bomb" else CELL_TOO_LONG) in text
    assert not RosterImport.objects.exists()
    assert Deputy.objects.count() == deputies


def test_a_roster_from_the_template_still_imports(client, staff, seats, township):
    """With what real files carry besides the sheet: a picture (no '<' for longer than a cell)
    and a SharePoint part with a processing instruction and a comment."""
    content = write_workbook([row(i) for i in range(20)], title="名册")
    buffer = io.BytesIO(content)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/media/image1.png", b"\x89PNG\r\n" + b"\x00\xff" * MAX_XML_RUN_BYTES)
        archive.writestr(
            "customXml/item1.xml",
            '<?xml version="1.0" encoding="utf-8"?><?mso-contentType?><!-- 元数据 -->'
            '<FormTemplates xmlns="http://schemas.microsoft.com/sharepoint/v3/contenttype/forms">'
            "<Display>DocumentLibraryForm</Display></FormTemplates>",
        )
    client.force_login(staff)
    response = client.post(
        reverse("deputies:import"),
        {"file": SimpleUploadedFile("名册.xlsx", buffer.getvalue())},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    preview = client.get(response["Location"])
    assert preview.context["plan"].is_valid
    client.post(response["Location"])
    names = [f"代表{i:03d}" for i in range(20)]  # as row() names them; a factory's may be 代表0
    assert Deputy.objects.filter(township=township, name__in=names).count() == 20


# Every character XML 1.0 does not allow, and the noncharacters it asks files to avoid.
FORBIDDEN = [
    *(chr(code) for code in range(0x20) if chr(code) not in "\t\n\r"),
    "\ufffe",
    "\uffff",
    *(chr(plane + end) for plane in range(0x10000, 0x110000, 0x10000) for end in (0xFFFE, 0xFFFF)),
    *(chr(code) for code in range(0xFDD0, 0xFDF0)),
    "\ud800",  # lone surrogates
    "\udfff",
]


def test_no_export_writes_a_character_xml_cannot_hold():
    """A value holding any forbidden character is written without it, and the file reads back:
    Chinese text, tabs and line breaks, and a leading '=' (as text) unchanged."""
    assert len(FORBIDDEN) == 29 + 2 + 32 + 32 + 2
    table = write_table(
        ["地址", "公式"], [[f"人民{ch}路\t1号\n", f"={ch}1+1"] for ch in FORBIDDEN], title="表"
    )
    sheet = load_workbook(io.BytesIO(table)).active
    values = [[cell.value for cell in line] for line in sheet.iter_rows(min_row=2)]
    assert values == [["人民路\t1号\n", "=1+1"]] * len(FORBIDDEN)
    assert all(line[1].data_type == "s" for line in sheet.iter_rows(min_row=2))

    rows = [
        row(i, name=f"代{ch}表{i}", address=f"={ch}幸福村", work_unit=f"某{ch}单位")
        for i, ch in enumerate(FORBIDDEN)
    ]
    roster = write_workbook(rows, title="名册")
    keys = [column.key for column in COLUMNS]
    sheet = load_workbook(io.BytesIO(roster)).active
    written = [
        dict(zip(keys, line, strict=True)) for line in sheet.iter_rows(min_row=2, values_only=True)
    ]
    expected = [(f"代表{i}", "=幸福村", "某单位") for i in range(len(FORBIDDEN))]
    assert [(r["name"], r["address"], r["work_unit"]) for r in written] == expected
    imported = rows_of(roster)
    assert [number for number, _values in imported] == list(range(2, len(FORBIDDEN) + 2))
    assert [(r["name"], r["address"], r["work_unit"]) for _n, r in imported] == expected


def test_an_address_holding_u_ffff_exports_and_imports_back(client, staff, township):
    """The finding: such an address made the roster export a file nothing could read."""
    deputy = DeputyFactory(township=township, name="甲", mandate__term=township.current_term)
    Deputy.objects.filter(pk=deputy.pk).update(address="幸福村\uffff1号")  # as old data has it
    client.force_login(staff)
    export = client.get(reverse("deputies:export"), {"q": "甲"})
    upload = SimpleUploadedFile("导出.xlsx", export.content)
    location = client.post(reverse("deputies:import"), {"file": upload})["Location"]
    plan = client.get(location).context["plan"]
    assert plan.is_valid, plan.rows[0].errors
    assert [row.raw["address"] for row in plan.rows] == ["幸福村1号"]
