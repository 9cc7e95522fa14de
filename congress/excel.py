"""Workbooks the app writes: every cell as text Excel never evaluates and can always open, and a
plain table for the lists' Excel exports. The roster's own workbook is deputies.excel."""

import io
import re

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font

# Text that Excel reads as a formula when it begins a cell: the formula signs, and a tab or
# carriage return before one (OWASP, CSV and formula injection).
FORMULA_SIGNS = ("=", "+", "-", "@", "\t", "\r")

# Characters no workbook may hold: those XML 1.0 does not allow (C0 controls but tab, newline
# and carriage return; lone surrogates; U+FFFE and U+FFFF), which make the file ill-formed, so
# that neither Excel nor openpyxl opens it, and the noncharacters XML 1.0 asks files to avoid
# (U+FDD0 to U+FDEF, the last two code points of every plane).
_PLANE_ENDS = [plane + end for plane in range(2**16, 0x110000, 2**16) for end in (0xFFFE, 0xFFFF)]
XML_UNSAFE_CHARACTERS_RE = re.compile(
    r"[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF"
    + "".join(rf"\U{code:08X}" for code in _PLANE_ENDS)
    + "]"
)


def text_cell(sheet, value) -> Cell:
    """A cell holding `value` as typed, which Excel can hold and never evaluates. Every cell this
    module writes is made here.

    Characters a workbook cannot hold (XML_UNSAFE_CHARACTERS_RE) are dropped, so that no export
    is ill-formed. Text is stored as text, never as a formula (openpyxl would store "=..." as
    one); text that begins with a formula sign also gets Excel's quote prefix (the hidden
    apostrophe of '=1+1), so that editing the cell in Excel keeps it text. The value is otherwise
    unchanged: the file imports back as it was.
    """
    cell = Cell(sheet)
    if isinstance(value, str):
        value = XML_UNSAFE_CHARACTERS_RE.sub("", value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # not "f" (formula) nor "e" (an error code such as #N/A)
        if value.startswith(FORMULA_SIGNS):
            cell.quotePrefix = True
    return cell


def append_row(sheet, values) -> None:
    sheet.append([text_cell(sheet, value) for value in values])


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def write_table(header: list, rows: list[list], *, title: str) -> bytes:
    """A plain one-sheet workbook: a bold header and the rows."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    append_row(sheet, [str(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(sheet, row)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
