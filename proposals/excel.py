"""The statistics workbook: one sheet per table of the statistics page, the same rows."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from congress.excel import text_cell

from .selectors.tables import Rate, Table

# Sheet names may hold at most 31 characters and none of these.
SHEET_NAME_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def _cell(sheet, value):
    """Numbers stay numbers and shares become percentages Excel can compute with; text goes
    through text_cell, so that a unit's name can never become a formula."""
    if isinstance(value, Rate):
        cell = text_cell(sheet, value.fraction)
        cell.number_format = "0.0%"
        return cell
    if value is None or isinstance(value, int):
        return text_cell(sheet, value)
    return text_cell(sheet, str(value))


def statistics_workbook(tables: list[Table], *, heading: str) -> bytes:
    """The tables as a workbook, `heading` (township, year, session) above each."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(str(table.title).translate(SHEET_NAME_FORBIDDEN)[:31])
        sheet.append([_cell(sheet, heading)])
        sheet.append([_cell(sheet, str(h)) for h in table.header])
        for cell in (*sheet[1], *sheet[2]):
            cell.font = bold
        for row in table.rows:
            sheet.append([_cell(sheet, value) for value in row])
        if table.total is not None:
            sheet.append([_cell(sheet, value) for value in table.total])
            for cell in sheet[sheet.max_row]:
                cell.font = bold
        if table.note:
            sheet.append([_cell(sheet, str(table.note))])
        sheet.column_dimensions["A"].width = 30
        for letter in "BCDEFG":
            sheet.column_dimensions[letter].width = 12
        sheet.freeze_panes = "B3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
