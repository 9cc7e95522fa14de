"""The roster workbook: its Chinese columns, reading cells into values, writing rows out.

One row is one mandate of one person; a person with a county and a township seat has two rows
with the same name and birth month. Exported files import back unchanged.
"""

import datetime
import io
import itertools
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from congress.excel import append_row
from congress.wording import XIANG_LANGUAGE

from .excel_reading import (
    MAX_ROW_CELLS,
    MAX_ROW_NODES,
    ROW,
    SHARED_STRING,
    UNREADABLE,
    UNUSUAL,
    FirstSheetReader,
    Reading,
    WorkbookError,
    check_unpacked,
)
from .models import DEPUTY_DETAILS, Constituency, Deputy, DeputyGroup, Mandate
from .rules import MAX_IMPORT_ROWS

WORKBOOK_LANGUAGE = "zh-hans"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    choices: tuple = ()  # (value, label) pairs; the cell holds the Chinese label
    width: int = 12


def _field_column(model, key: str, *, header=None, required=False, width=12) -> Column:
    """A column for a model field, headed by its verbose name unless the file says otherwise."""
    field = model._meta.get_field(key)
    return Column(
        key,
        header or field.verbose_name,
        required=required,
        choices=tuple(field.choices or ()),
        width=width,
    )


DETAIL_WIDTHS = {
    "name": 10,
    "gender": 6,
    "ethnicity": 8,
    "birth_month": 10,
    "affiliation": 14,
    "education": 14,
    "occupation": 16,
    "work_unit": 24,
    "phone": 14,
    "address": 24,
}

# A person's details (the same list as the profile form), then one mandate's columns.
COLUMNS = [
    *(
        _field_column(
            Deputy, key, required=key in {"name", "gender"}, width=DETAIL_WIDTHS.get(key, 12)
        )
        for key in DEPUTY_DETAILS
    ),
    # Files in use head this column 层级; the field's own name is 代表层级.
    _field_column(Mandate, "level", header=_("Level"), required=True),
    _field_column(Mandate, "term", required=True, width=6),
    _field_column(Mandate, "constituency", required=True),
    _field_column(Mandate, "group", width=14),
    _field_column(Mandate, "status", width=10),
    _field_column(Mandate, "start_date"),
    _field_column(Mandate, "end_date"),
    _field_column(Mandate, "status_reason", width=20),
]


def workbook_language() -> str:
    """The Chinese a workbook is written in: the township's own (乡人大代表 for a 乡's staff:
    congress.wording), Chinese whatever the user reads."""
    language = translation.get_language()
    return language if language in {WORKBOOK_LANGUAGE, XIANG_LANGUAGE} else WORKBOOK_LANGUAGE


def headers() -> list[str]:
    with translation.override(workbook_language()):
        return [str(column.header) for column in COLUMNS]


def choice_lookup(column: Column) -> dict[str, str]:
    """Chinese label (a 镇's or a 乡's words alike, and the stored value itself) -> stored
    value."""
    lookup = {}
    for language in (WORKBOOK_LANGUAGE, XIANG_LANGUAGE):
        with translation.override(language):
            lookup.update({str(label): value for value, label in column.choices})
    lookup.update({value: value for value, _label in column.choices})
    return lookup


def choice_labels(column: Column) -> dict[str, str]:
    with translation.override(workbook_language()):
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


# A sheet mostly of blank (formatted) rows is read this far, then refused: reading it to its
# end would take as long as a sheet full of data.
BLANK_ROWS_FACTOR = 5


# openpyxl reads every shared string into a list before the first row: a roster of
# MAX_IMPORT_ROWS rows has at most one a cell, and real ones repeat most (gender, level, group),
# which leaves room for the workbook's other sheets.
MAX_SHARED_STRINGS = MAX_IMPORT_ROWS * len(COLUMNS)


def read_rows(
    file, *, limit: int, columns=None, titles: list[str] | None = None
) -> list[tuple[int, dict[str, str]]]:
    """(Excel row number, {column key: cell as text}) for every non-empty row below the
    header, read as a stream: a workbook that unpacks to more than a roster can need, or that
    openpyxl would need too much memory to read, is refused before openpyxl reads it, and a
    sheet with more than `limit` rows as soon as the row after the limit is read, without
    reading the rest; the header row is checked before any other. The roster's columns by
    default; another import passes its own `columns` and their header `titles`."""
    if columns is None:
        columns, titles = COLUMNS, headers()
    rows_message = _("The sheet has more than %(n)s rows; import at most %(n)s rows at once.")
    too_many_rows = rows_message % {"n": limit}
    check_unpacked(file)
    # openpyxl parses every row element, keeping an empty one of each, even those it skips (a
    # row numbered as one before it): the check counts elements, not the rows openpyxl yields.
    sheet = Reading(ROW, limit * BLANK_ROWS_FACTOR, too_many_rows, MAX_ROW_CELLS)
    try:
        reader = FirstSheetReader(
            file,
            sheet=sheet,
            # Every shared string is read before the first row: at most one a cell.
            shared_strings=Reading(SHARED_STRING, limit * len(columns), UNUSUAL, MAX_ROW_NODES),
            read_only=True,
            data_only=True,
            keep_links=False,
        )
    except Exception as error:  # openpyxl raises many kinds for a file that is not xlsx
        raise WorkbookError(UNREADABLE) from error
    too_many = WorkbookError(too_many_rows)
    try:
        reader.read()
        rows = reader.wb.worksheets[0].iter_rows(values_only=True)
        header_row = next(rows, None) or ()
        positions = {cell_text(title): i for i, title in enumerate(header_row) if title is not None}
        missing = [
            title
            for title, column in zip(titles, columns, strict=True)
            if column.required and title not in positions
        ]
        if missing:
            raise WorkbookError(
                _("The header row lacks these columns: %(columns)s. Start from the template.")
                % {"columns": "、".join(missing)}
            )
        keyed = [
            (column.key, positions.get(title))
            for title, column in zip(titles, columns, strict=True)
        ]
        result = []
        for number, values in enumerate(rows, start=2):
            if number > limit * BLANK_ROWS_FACTOR:
                raise too_many
            if not any(v not in (None, "") for v in values):
                continue
            if len(result) == limit:
                raise too_many
            result.append(
                (
                    number,
                    {
                        key: cell_text(values[index])
                        if index is not None and index < len(values)
                        else ""
                        for key, index in keyed
                    },
                )
            )
    except WorkbookError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a file that is not xlsx
        raise WorkbookError(UNREADABLE) from error
    finally:
        reader.archive.close()
    return result


def write_header(sheet, columns, titles: list[str]) -> dict[str, str]:
    """An import template's header row: bold, the required columns coloured, each column its
    width; returns each column's letter by key."""
    append_row(sheet, titles)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="FCE4D6")
    letters = {}
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = bold
        if column.required:
            cell.fill = fill
        letters[column.key] = cell.column_letter
        sheet.column_dimensions[cell.column_letter].width = column.width
    return letters


def write_workbook(
    rows: list[list], *, title: str, notes: list[str] = (), options: dict | None = None
) -> bytes:
    """A workbook with the roster header, the given rows, drop-down lists for choice columns
    and for the columns named in `options` ({column key: the names to choose from})."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    letters = write_header(sheet, COLUMNS, headers())
    for column in COLUMNS:
        if column.choices:
            labels = ",".join(choice_labels(column).values())
            _add_list(sheet, f'"{labels}"', letters[column.key])
    sheet.freeze_panes = "A2"
    for row in rows:
        append_row(sheet, row)
    if notes:
        help_sheet = workbook.create_sheet(str(_("Notes")))
        for line in notes:
            append_row(help_sheet, [str(line)])
        help_sheet.column_dimensions["A"].width = 100
    if options := {key: names for key, names in (options or {}).items() if names}:
        # A list of names can be longer than a drop-down's own text allows: keep it on a sheet.
        lists = workbook.create_sheet(str(_("Lists")))
        lists.sheet_state = "hidden"
        for row in itertools.zip_longest(*options.values()):  # one column per list
            append_row(lists, row)
        for index, (key, names) in enumerate(options.items(), start=1):
            source = get_column_letter(index)
            _add_list(sheet, f"'{lists.title}'!${source}$1:${source}${len(names)}", letters[key])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _add_list(sheet, formula: str, letter: str) -> None:
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    validation.add(f"{letter}2:{letter}10000")
    sheet.add_data_validation(validation)


def cell_value(record, column: Column, labels: dict[str, dict[str, str]]):
    """A field of a deputy or mandate as the workbook writes it: labels, names and ISO dates."""
    value = getattr(record, column.key)
    if column.choices:
        return labels[column.key].get(value, "")
    if value is None:
        return ""
    if column.key == "birth_month":
        return value.strftime("%Y-%m")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Constituency | DeputyGroup):
        return value.name
    return value


def roster_rows(deputies) -> list[list]:
    """One row per mandate of each deputy (mandates prefetched), in the template's columns."""
    labels = {column.key: choice_labels(column) for column in COLUMNS if column.choices}
    person_columns = [column for column in COLUMNS if column.key in DEPUTY_DETAILS]
    mandate_columns = [column for column in COLUMNS if column.key not in DEPUTY_DETAILS]
    rows = []
    for deputy in deputies:
        person = [cell_value(deputy, column, labels) for column in person_columns]
        for mandate in deputy.mandates.all():
            rows.append(
                [*person, *(cell_value(mandate, column, labels) for column in mandate_columns)]
            )
    return rows
