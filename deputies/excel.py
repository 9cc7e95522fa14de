"""The roster workbook: its Chinese columns, reading cells into values, writing rows out.

One row is one mandate of one person; a person with a county and a township seat has two rows
with the same name and birth month. Exported files import back unchanged.
"""

import datetime
import io
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from .models import Deputy, Mandate

WORKBOOK_LANGUAGE = "zh-hans"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    choices: tuple = ()  # (value, label) pairs; the cell holds the Chinese label
    width: int = 12


COLUMNS = [
    Column("name", _("Name"), required=True, width=10),
    Column("gender", _("Gender"), required=True, choices=tuple(Deputy.Gender.choices), width=6),
    Column("ethnicity", _("Ethnicity"), width=8),
    Column("birth_month", _("Birth month"), width=10),
    Column(
        "affiliation",
        _("Political affiliation"),
        choices=tuple(Deputy.Affiliation.choices),
        width=14,
    ),
    Column("education", _("Education"), choices=tuple(Deputy.Education.choices), width=14),
    Column("occupation", _("Occupation"), choices=tuple(Deputy.Occupation.choices), width=16),
    Column("work_unit", _("Work unit and post"), width=24),
    Column("phone", _("Phone"), width=14),
    Column("address", _("Address"), width=24),
    Column("level", _("Level"), required=True, choices=tuple(Mandate.Level.choices), width=12),
    Column("term", _("Term"), required=True, width=6),
    Column("constituency", _("Constituency"), required=True, width=12),
    Column("group", _("Deputy group"), width=14),
    Column("status", _("Mandate status"), choices=tuple(Mandate.Status.choices), width=10),
    Column("start_date", _("Mandate start date"), width=12),
]


def headers() -> list[str]:
    with translation.override(WORKBOOK_LANGUAGE):
        return [str(column.header) for column in COLUMNS]


def choice_lookup(column: Column) -> dict[str, str]:
    """Chinese label (and the stored value itself) -> stored value."""
    with translation.override(WORKBOOK_LANGUAGE):
        lookup = {str(label): value for value, label in column.choices}
    lookup.update({value: value for value, _label in column.choices})
    return lookup


def choice_labels(column: Column) -> dict[str, str]:
    with translation.override(WORKBOOK_LANGUAGE):
        return {value: str(label) for value, label in column.choices}


def cell_text(value) -> str:
    """A cell as text: numbers typed into Excel (phones, terms) lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return str(value).strip()


def parse_month(text: str) -> datetime.date:
    """1975-03, 1975.3, 1975/03 or 1975年3月 as the first day of that month; ValueError if not."""
    cleaned = text.strip().replace(".", "-").replace("/", "-").replace("年", "-").rstrip("月")
    parts = [p for p in cleaned.split("-") if p]
    if len(parts) < 2:
        raise ValueError(text)
    year, month = int(parts[0]), int(parts[1])
    if not 1900 <= year <= 2100:
        raise ValueError(text)
    return datetime.date(year, month, 1)


def parse_date(text: str) -> datetime.date:
    """2021-12-30, 2021/12/30 or 2021.12.30; ValueError if not."""
    text = text.strip().replace("/", "-").replace(".", "-")
    return datetime.date.fromisoformat("-".join(p.zfill(2) for p in text.split("-")))


class WorkbookError(Exception):
    """The file is not a roster workbook (unreadable, or its header row is wrong)."""


def read_rows(file) -> list[tuple[int, dict]]:
    """(Excel row number, {column key: raw cell value}) for every non-empty row."""
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not xlsx
        raise WorkbookError(_("The file cannot be read as an Excel workbook (.xlsx).")) from error
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header_row = next(rows, None) or ()
    positions = {cell_text(title): i for i, title in enumerate(header_row) if title is not None}
    expected = headers()
    missing = [
        title
        for title, column in zip(expected, COLUMNS, strict=True)
        if column.required and title not in positions
    ]
    if missing:
        raise WorkbookError(
            _("The header row lacks these columns: %(columns)s. Start from the template.")
            % {"columns": "、".join(missing)}
        )
    keyed = [
        (column.key, positions.get(title)) for title, column in zip(expected, COLUMNS, strict=True)
    ]
    result = []
    for number, values in enumerate(rows, start=2):
        if not any(v not in (None, "") for v in values):
            continue
        result.append(
            (
                number,
                {
                    key: (values[index] if index is not None and index < len(values) else None)
                    for key, index in keyed
                },
            )
        )
    workbook.close()
    return result


def write_workbook(rows: list[list], *, title: str, notes: list[str] = ()) -> bytes:
    """A workbook with the roster header, the given rows, drop-down lists for choice columns."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(headers())
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FCE4D6")
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = bold
        if column.required:
            cell.fill = fill
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = column.width
        if column.choices:
            labels = ",".join(choice_labels(column).values())
            validation = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True)
            validation.add(f"{letter}2:{letter}10000")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append(row)
    if notes:
        help_sheet = workbook.create_sheet(str(_("Notes")))
        for line in notes:
            help_sheet.append([line])
        help_sheet.column_dimensions["A"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def roster_rows(deputies) -> list[list]:
    """One row per mandate of each deputy (mandates prefetched), in the template's columns."""
    labels = {column.key: choice_labels(column) for column in COLUMNS if column.choices}
    rows = []
    for deputy in deputies:
        person = [
            deputy.name,
            labels["gender"].get(deputy.gender, ""),
            deputy.ethnicity,
            deputy.birth_month.strftime("%Y-%m") if deputy.birth_month else "",
            labels["affiliation"].get(deputy.affiliation, ""),
            labels["education"].get(deputy.education, ""),
            labels["occupation"].get(deputy.occupation, ""),
            deputy.work_unit,
            deputy.phone,
            deputy.address,
        ]
        for mandate in deputy.mandates.all():
            rows.append(
                [
                    *person,
                    labels["level"].get(mandate.level, ""),
                    mandate.term,
                    mandate.constituency.name,
                    mandate.group.name if mandate.group else "",
                    labels["status"].get(mandate.status, ""),
                    mandate.start_date.isoformat() if mandate.start_date else "",
                ]
            )
    return rows


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def write_table(header: list, rows: list[list], *, title: str) -> bytes:
    """A plain one-sheet workbook: a bold header and the rows."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([str(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
