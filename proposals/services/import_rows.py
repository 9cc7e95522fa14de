"""The workbook of a term's earlier proposals and answers: its Chinese columns, reading its rows
(through the roster import's zip-bomb-safe reader) and checking each row against the township's
deputies, units, fields, answer categories and numbers. Each row becomes values ready to save
or Chinese messages naming the column. The services that check, import and write the template
are in `importing`.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from congress.models import Township, Unit
from deputies import excel
from deputies.excel import WORKBOOK_LANGUAGE, parse_date
from deputies.models import Deputy, Mandate
from sessions.models import CongressSession

from .. import rules
from ..models import Answer, AnswerCategory, Proposal, ProposalField, Rating
from ..workflow import Status

# A term's proposals: a few hundred; a file larger than this is not one township's term.
MAX_IMPORT_ROWS = 2_000
# Co-signers' names are separated by 、 (commas and semicolons are accepted too).
NAME_SEPARATORS = "、，,；;"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    width: int = 12


COLUMNS = [
    Column("number", pgettext_lazy("import column", "Number"), width=6),  # 编号
    Column("kind", pgettext_lazy("import column", "Kind"), required=True, width=6),  # 类别
    Column("title", pgettext_lazy("import column", "Title"), required=True, width=30),  # 标题
    Column("content", pgettext_lazy("import column", "Content"), required=True, width=40),
    Column("lead", pgettext_lazy("import column", "Lead deputy"), required=True, width=10),
    Column("cosigners", pgettext_lazy("import column", "Co-signers"), width=20),  # 附议代表
    Column("submitted_on", pgettext_lazy("import column", "Submitted on"), required=True),
    Column("registered_on", pgettext_lazy("import column", "Registered on")),  # 登记日期
    Column("field", pgettext_lazy("import column", "Field")),  # 领域
    Column("unit", pgettext_lazy("import column", "Handling unit"), width=20),  # 承办单位
    Column("assigned_on", pgettext_lazy("import column", "Assigned on")),  # 交办日期
    Column("answered_on", pgettext_lazy("import column", "Answered on")),  # 答复日期
    Column("category", pgettext_lazy("import column", "Answer category"), width=8),
    Column("answer", pgettext_lazy("import column", "Answer"), width=40),  # 答复内容
    Column("rating", pgettext_lazy("import column", "Rating"), width=10),  # 测评结果
    Column("rated_on", pgettext_lazy("import column", "Rated on")),  # 测评日期
]
# The dates of a proposal's handling, in the order they must follow each other.
DATE_KEYS = ["submitted_on", "registered_on", "assigned_on", "answered_on", "rated_on"]
# The stages a row may go to, each with the columns it needs; a stage needs the one before.
STAGES = [
    ("registered", ["number", "registered_on"]),
    ("assigned", ["unit", "assigned_on"]),
    ("answered", ["answered_on", "category", "answer"]),
    ("rated", ["rating", "rated_on"]),
]


def headers() -> list[str]:
    with translation.override(WORKBOOK_LANGUAGE):
        return [str(column.header) for column in COLUMNS]


def header_of(key: str) -> str:
    with translation.override(WORKBOOK_LANGUAGE):
        return next(str(column.header) for column in COLUMNS if column.key == key)


def kind_labels() -> dict[str, str]:
    """类别 as the workbook writes it: 议案, 建议."""
    return {
        Proposal.Kind.MOTION: "议案",
        Proposal.Kind.SUGGESTION: "建议",
    }


def rating_labels() -> dict[str, str]:
    """测评结果 as the workbook writes it (the rating's own labels in Chinese)."""
    with translation.override(WORKBOOK_LANGUAGE):
        return {value: str(label) for value, label in Rating.Level.choices}


def read_rows(file) -> list[tuple[int, dict[str, str]]]:
    """(Excel row number, {column key: cell as text}) for every non-empty row below the
    header of the first sheet, read by the roster import's reader with its checks: a zip
    bomb, a cell larger than Excel allows or more than MAX_IMPORT_ROWS rows are refused
    before they are read whole. Raises WorkbookError with a Chinese message."""
    return excel.read_rows(file, limit=MAX_IMPORT_ROWS, columns=COLUMNS, titles=headers())


@dataclass
class ImportRow:
    number: int  # the Excel row
    raw: dict[str, str]  # each column's cell as text
    values: dict = field(default_factory=dict)  # model values, once checked
    errors: list[str] = field(default_factory=list)
    stage: str = "submitted"  # how far the row goes: submitted, registered ... rated

    @property
    def stage_label(self) -> str:
        return Status(self.stage).label

    def as_json(self) -> dict:
        return {"number": self.number, "raw": self.raw}

    @classmethod
    def from_json(cls, data: dict) -> "ImportRow":
        return cls(number=int(data["number"]), raw=dict(data["raw"]))


@dataclass
class ImportPlan:
    rows: list[ImportRow]

    @property
    def row_errors(self) -> list[ImportRow]:
        return [row for row in self.rows if row.errors]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.row_errors

    def count(self, stage: str) -> int:
        return sum(1 for row in self.rows if row.stage == stage)


class _RowReader:
    """Turns one row's cells into model values, collecting Chinese messages; the township's
    deputies of the current term, units, fields, answer categories, sessions and numbers are
    read once for all rows."""

    def __init__(self, township: Township, today: datetime.date):
        self.township, self.today = township, today
        term = township.current_term
        self.deputies: dict[str, list[Deputy]] = {}
        # Township deputies of the current term (a county seat's term is the county's).
        this_term = Deputy.objects.filter(
            township=township, mandates__term=term, mandates__level=Mandate.Level.TOWNSHIP
        )
        for deputy in this_term.distinct():
            self.deputies.setdefault(deputy.name, []).append(deputy)
        self.units = {u.name: u for u in Unit.objects.filter(township=township)}
        self.fields = {f.name: f for f in ProposalField.objects.filter(township=township)}
        self.categories = {
            c.code.upper(): c for c in AnswerCategory.objects.filter(township=township)
        }
        self.sessions = list(CongressSession.objects.filter(township=township, term=term))
        self.numbers = set(
            Proposal.objects.filter(township=township, number__isnull=False).values_list(
                "number_year", "kind", "number"
            )
        )
        self.kinds = {label: value for value, label in kind_labels().items()}
        self.kinds.update({"建议、批评和意见": Proposal.Kind.SUGGESTION})
        self.ratings = {label: value for value, label in rating_labels().items()}

    def error(self, row: ImportRow, key: str, message: str, /, **params) -> None:
        """A message on `row` naming the column `key`; `params` fill the message."""
        row.errors.append(
            _("%(column)s: %(message)s") % {"column": header_of(key), "message": message % params}
        )

    def deputy(self, row: ImportRow, key: str, name: str) -> Deputy | None:
        found = self.deputies.get(name, [])
        if not found:
            self.error(
                row, key, _("“%(name)s” is not a deputy of this term in the system."), name=name
            )
            return None
        if len(found) > 1:
            self.error(
                row,
                key,
                _("several deputies of this term are called “%(name)s”; enter this one by hand."),
                name=name,
            )
            return None
        return found[0]

    def read(self, row: ImportRow) -> None:
        raw, values = row.raw, row.values
        for column in COLUMNS:
            if column.required and not raw[column.key]:
                self.error(row, column.key, _("it is empty."))
        if raw["kind"]:
            values["kind"] = self.kinds.get(raw["kind"])
            if values["kind"] is None:
                self.error(
                    row, "kind", _("“%(value)s” is neither 议案 nor 建议."), value=raw["kind"]
                )
        for key in ("title", "content"):
            if raw[key]:
                values[key] = raw[key]
                self.field_errors(row, Proposal, key, key, raw[key])
        if raw["lead"]:
            values["lead"] = self.deputy(row, "lead", raw["lead"])
        cosigners = []
        for name in _split_names(raw["cosigners"]):
            deputy = self.deputy(row, "cosigners", name)
            if deputy is None:
                continue
            if deputy == values.get("lead"):
                self.error(row, "cosigners", _("“%(name)s” is the lead deputy."), name=name)
            elif deputy not in cosigners:
                cosigners.append(deputy)
        values["cosigners"] = cosigners
        self.read_dates(row)
        self.read_stages(row)
        if raw["field"]:
            values["field"] = self.fields.get(raw["field"])
            if values["field"] is None:
                self.error(
                    row, "field", _("“%(value)s” is not one of the fields."), value=raw["field"]
                )
        if raw["unit"]:
            values["unit"] = self.units.get(raw["unit"])
            if values["unit"] is None:
                self.error(row, "unit", _("“%(value)s” is not a handling unit."), value=raw["unit"])
        if raw["category"]:
            values["category"] = self.categories.get(raw["category"].upper())
            if values["category"] is None:
                self.error(
                    row,
                    "category",
                    _("“%(value)s” is not one of the codes (%(codes)s)."),
                    value=raw["category"],
                    codes="、".join(self.categories),
                )
        if raw["answer"]:
            values["answer"] = raw["answer"]
            self.field_errors(row, Answer, "answer", "text", raw["answer"])
        if raw["rating"]:
            values["rating"] = self.ratings.get(raw["rating"])
            if values["rating"] is None:
                self.error(
                    row,
                    "rating",
                    _("“%(value)s” is not one of %(labels)s."),
                    value=raw["rating"],
                    labels="、".join(self.ratings),
                )
        if (
            values.get("kind") == Proposal.Kind.MOTION
            and values.get("lead")
            and 1 + len(cosigners) < rules.MIN_MOTION_SIGNERS
        ):
            # 地方组织法第二十二条: a motion of deputies needs five of them jointly.
            row.errors.append(
                _(
                    "A motion needs at least %(min)s deputies signing it jointly (Local "
                    "Organic Law Art 22); this row has %(n)s."
                )
                % {"min": rules.MIN_MOTION_SIGNERS, "n": 1 + len(cosigners)}
            )
        if values.get("submitted_on"):
            values["session"] = next(
                (s for s in self.sessions if s.start_date <= values["submitted_on"] <= s.end_date),
                None,
            )

    def read_dates(self, row: ImportRow) -> None:
        previous = None
        for key in DATE_KEYS:
            text = row.raw[key]
            if not text:
                continue
            try:
                day = parse_date(text)
            except ValueError:
                self.error(row, key, _("“%(value)s” is not a date such as 2024-03-15."), value=text)
                continue
            if day > self.today:
                self.error(row, key, _("%(day)s is in the future."), day=day.isoformat())
                continue
            if previous is not None and day < previous[1]:
                self.error(
                    row,
                    key,
                    _("%(day)s is before the %(earlier)s (%(earlier_day)s)."),
                    day=day.isoformat(),
                    earlier=header_of(previous[0]),
                    earlier_day=previous[1].isoformat(),
                )
            row.values[key] = day
            previous = (key, day)

    def read_stages(self, row: ImportRow) -> None:
        """How far the row goes: each stage's columns all filled or all empty, and a stage
        only after the one before it."""
        raw, reached = row.raw, True
        for stage, keys in STAGES:
            filled = [key for key in keys if raw[key]]
            if not filled:
                reached = False
                continue
            if len(filled) < len(keys):
                missing = [header_of(key) for key in keys if not raw[key]]
                row.errors.append(
                    _("%(filled)s is filled in, so %(missing)s must be too.")
                    % {
                        "filled": "、".join(header_of(key) for key in filled),
                        "missing": "、".join(missing),
                    }
                )
            if not reached:
                row.errors.append(
                    _("%(filled)s is filled in, but not the steps before it.")
                    % {"filled": "、".join(header_of(key) for key in filled)}
                )
                return
            row.stage = stage
        if raw["number"]:
            try:
                number = int(raw["number"])
            except ValueError:
                number = 0
            if number < 1:
                self.error(
                    row, "number", _("“%(value)s” is not a whole number."), value=raw["number"]
                )
            else:
                row.values["number"] = number

    def field_errors(self, row: ImportRow, model, key: str, model_key: str, text: str) -> None:
        """The model field's own validators (length, hidden characters), naming the column."""
        model_field = model._meta.get_field(model_key)
        try:
            model_field.clean(text, None)
        except ValidationError as error:
            for message in error.messages:
                self.error(row, key, "%(message)s", message=message)


def _split_names(text: str) -> list[str]:
    for separator in NAME_SEPARATORS[1:]:
        text = text.replace(separator, NAME_SEPARATORS[0])
    return [name.strip() for name in text.split(NAME_SEPARATORS[0]) if name.strip()]


def check_rows(*, township: Township, rows: list[ImportRow]) -> ImportPlan:
    """Check every row on its own, then the numbers against the township's and each other's
    (one number per township, year and kind)."""
    reader = _RowReader(township, timezone.localdate())
    seen: dict[tuple, int] = {}
    for row in rows:
        row.values, row.errors, row.stage = {}, [], "submitted"
        reader.read(row)
        values = row.values
        if not all(values.get(key) for key in ("number", "kind", "submitted_on")):
            continue
        key = (values["submitted_on"].year, values["kind"], values["number"])
        label = {"number": values["number"], "year": key[0], "kind": row.raw["kind"]}
        if key in reader.numbers:
            reader.error(
                row,
                "number",
                _("%(kind)s No. %(number)s of %(year)s is already in the system."),
                **label,
            )
        elif key in seen:
            message = _("%(kind)s No. %(number)s of %(year)s is also on row %(row)s.")
            reader.error(
                row, "number", "%(message)s", message=message % {**label, "row": seen[key]}
            )
        else:
            seen[key] = row.number
    return ImportPlan(rows=rows)
