"""Reading a roster workbook's rows and checking them: each row's cells become model values
(or Chinese messages naming the column), then every row is checked against the others and
against the roster as it is now, and says what importing it would do (new, update,
unchanged). The services that upload, preview and import a workbook are in `importing`.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from congress.models import Township

from ..excel import COLUMNS, choice_lookup, parse_date, parse_month
from ..models import DEPUTY_DETAILS, Constituency, Deputy, DeputyGroup, Mandate
from .roster import mandate_status_errors

# A row's person is found by name (and birth month); the other details update them.
PERSON_FIELDS = [key for key in DEPUTY_DETAILS if key != "name"]
MANDATE_FIELDS = ["constituency", "group", "status", "start_date", "end_date", "status_reason"]
COLUMN_HEADERS = {column.key: column.header for column in COLUMNS}
# Details typed as free text, checked by their model fields' validators.
TEXT_DETAILS = [
    key
    for key in DEPUTY_DETAILS
    if key != "birth_month" and not Deputy._meta.get_field(key).choices
]


@dataclass
class ImportRow:
    number: int
    raw: dict[str, str]  # each column's cell as text, as read from the file
    values: dict = field(default_factory=dict)  # model values, once checked
    errors: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # choice values as their labels
    action: str = ""  # NEW, UPDATE or UNCHANGED, known once planned

    NEW, UPDATE, UNCHANGED = "new", "update", "unchanged"

    def as_json(self) -> dict:
        """What RosterImport.rows keeps of a checked row: enough for the preview, and the
        text to check again when importing."""
        return {
            "number": self.number,
            "raw": self.raw,
            "errors": [str(error) for error in self.errors],
            "labels": {key: str(label) for key, label in self.labels.items()},
            "action": self.action,
        }

    @classmethod
    def from_json(cls, data: dict) -> "ImportRow":
        return cls(
            number=data["number"],
            raw=data["raw"],
            errors=data["errors"],
            labels=data["labels"],
            action=data["action"],
        )


@dataclass
class ImportPlan:
    rows: list[ImportRow]
    error: str = ""  # a problem with the whole file
    # The township's deputies the rows were checked against, by (name, birth month).
    people: dict = field(default_factory=dict, repr=False)

    @property
    def row_errors(self) -> list[ImportRow]:
        return [row for row in self.rows if row.errors]

    @property
    def is_valid(self) -> bool:
        return not self.error and not self.row_errors

    @property
    def new_count(self) -> int:
        return sum(1 for row in self.rows if row.action == ImportRow.NEW)

    @property
    def update_count(self) -> int:
        return sum(1 for row in self.rows if row.action == ImportRow.UPDATE)

    @property
    def unchanged_count(self) -> int:
        return sum(1 for row in self.rows if row.action == ImportRow.UNCHANGED)


class _RowReader:
    """Turns one row's raw cells into model values, collecting Chinese messages."""

    def __init__(self, township: Township):
        self.constituencies = {c.name: c for c in Constituency.objects.filter(township=township)}
        self.groups = {g.name: g for g in DeputyGroup.objects.filter(township=township)}
        self.choices = {column.key: choice_lookup(column) for column in COLUMNS if column.choices}
        self.labels = {column.key: dict(column.choices) for column in COLUMNS if column.choices}

    def read(self, row: ImportRow) -> dict:
        raw = row.raw
        values, errors = {}, row.errors

        def need(key):
            if not raw[key]:
                errors.append(_("%(column)s is empty.") % {"column": COLUMN_HEADERS[key]})
            return raw[key]

        values["name"] = need("name")
        if values["name"]:
            errors.extend(_field_errors(Deputy, "name", values["name"]))
        for key in self.choices:
            text = raw[key]
            if not text:
                if key in {"gender", "level"}:
                    need(key)
                continue
            if text not in self.choices[key]:
                errors.append(
                    _("%(column)s “%(value)s” is not one of the allowed values.")
                    % {"column": COLUMN_HEADERS[key], "value": text}
                )
            else:
                values[key] = self.choices[key][text]
        for key, labels in self.labels.items():  # an empty cell shows the value it will get
            value = values.get(key, field_default(key))
            if value in labels:
                row.labels[key] = labels[value]
        for key in TEXT_DETAILS:
            values[key] = raw[key]
            if raw[key]:
                errors.extend(_field_errors(Deputy, key, raw[key]))
        if raw["birth_month"]:
            try:
                values["birth_month"] = parse_month(raw["birth_month"])
            except ValueError:
                errors.append(
                    _("Birth month “%(value)s” is not a date such as 1975-03.")
                    % {"value": raw["birth_month"]}
                )
            else:
                errors.extend(
                    _field_errors(Deputy, "birth_month", raw["birth_month"], values["birth_month"])
                )
        if need("term"):
            try:
                values["term"] = int(raw["term"])
            except ValueError:
                errors.append(_("Term “%(value)s” is not a whole number.") % {"value": raw["term"]})
            else:
                # The range the database and the mandate page accept (1..MAX_TERM): 40000
                # must be refused here, not when the rows are written.
                errors.extend(_field_errors(Mandate, "term", raw["term"], values["term"]))
        if need("constituency"):
            values["constituency"] = self.constituencies.get(raw["constituency"])
            if values["constituency"] is None:
                errors.append(
                    _("Constituency “%(value)s” does not exist; add it first.")
                    % {"value": raw["constituency"]}
                )
        if raw["group"]:
            values["group"] = self.groups.get(raw["group"])
            if values["group"] is None:
                errors.append(
                    _("Deputy group “%(value)s” does not exist; add it first.")
                    % {"value": raw["group"]}
                )
        for key in ("start_date", "end_date"):
            if raw[key]:
                try:
                    values[key] = parse_date(raw[key])
                except ValueError:
                    errors.append(
                        _("%(column)s “%(value)s” is not a date such as 2021-12-30.")
                        % {"column": COLUMN_HEADERS[key], "value": raw[key]}
                    )
                else:
                    errors.extend(_field_errors(Mandate, key, raw[key], values[key]))
        values["status_reason"] = raw["status_reason"]
        if raw["status_reason"]:
            errors.extend(_field_errors(Mandate, "status_reason", raw["status_reason"]))
        if all(key in values for key in ("status", "start_date", "end_date") if raw[key]):
            # The same rule as editing a mandate on its page.
            errors.extend(
                mandate_status_errors(
                    status=values.get("status", Mandate.Status.ACTIVE),
                    start_date=values.get("start_date"),
                    end_date=values.get("end_date"),
                    status_reason=values["status_reason"],
                ).values()
            )
        return values


def _field_errors(model, key: str, text: str, value=None) -> list[str]:
    """The model field's own validators (length, range, phone format) on the value read from
    `text` (the text itself by default), naming the column and the text."""
    try:
        model._meta.get_field(key).run_validators(text if value is None else value)
    except ValidationError as error:
        return [
            _("%(column)s “%(value)s”: %(message)s")
            % {"column": COLUMN_HEADERS[key], "value": text, "message": message}
            for message in error.messages
        ]
    return []


def check_rows(*, township: Township, rows: list[ImportRow]) -> ImportPlan:
    """Check every row against the roster as it is now and say what importing it would do."""
    reader = _RowReader(township)
    for row in rows:
        row.values = reader.read(row)
    seen, people = {}, {}
    existing = _existing_people(township, names={row.values["name"] for row in rows})
    mandates = existing_mandates({d.pk for found in existing.values() for d in found})
    for row in rows:
        number = row.number
        person = (row.values.get("name"), row.values.get("birth_month"))
        seat = (*person, row.values.get("level"), row.values.get("term"))
        if not row.errors:
            if seat in seen:
                row.errors.append(
                    _("Duplicates row %(row)s (same person, level and term).") % {"row": seen[seat]}
                )
            else:
                seen[seat] = number
            profile = {f: row.values.get(f) for f in PERSON_FIELDS}
            first_number, first_profile = people.setdefault(person, (number, profile))
            differing = [f for f in PERSON_FIELDS if profile[f] != first_profile[f]]
            if differing:
                row.errors.append(
                    _("%(columns)s differ from row %(row)s of the same deputy.")
                    % {
                        "columns": "、".join(str(COLUMN_HEADERS[f]) for f in differing),
                        "row": first_number,
                    }
                )
            matches = existing.get(person, [])
            if len(matches) > 1:
                row.errors.append(
                    _("Several deputies are called %(name)s; give the birth month.")
                    % {"name": person[0]}
                )
            deputy = matches[0] if len(matches) == 1 else None
            mandate = deputy and mandates.get((deputy.pk, seat[2], seat[3]))
            if mandate is None:
                row.action = ImportRow.NEW
            elif changed_fields(deputy, PERSON_FIELDS, row.values) or changed_fields(
                mandate, MANDATE_FIELDS, row.values
            ):
                row.action = ImportRow.UPDATE
            else:
                row.action = ImportRow.UNCHANGED
    return ImportPlan(rows=rows, people=existing)


def _existing_people(township: Township, *, names: set[str]) -> dict[tuple, list[Deputy]]:
    """The township's deputies the rows may name, by (name, birth month) and by name alone:
    only those whose name is in the file, not the whole roster."""
    people: dict[tuple, list[Deputy]] = {}
    for deputy in Deputy.objects.filter(township=township, name__in=names - {""}):
        people.setdefault((deputy.name, deputy.birth_month), []).append(deputy)
        if deputy.birth_month is not None:
            # A row without a birth month matches a deputy of that name if only one exists.
            people.setdefault((deputy.name, None), []).append(deputy)
    return people


def existing_mandates(deputy_ids) -> dict[tuple, Mandate]:
    """These deputies' mandates by (deputy, level, term)."""
    return {
        (m.deputy_id, m.level, m.term): m for m in Mandate.objects.filter(deputy_id__in=deputy_ids)
    }


def changed_fields(record, fields: list[str], values: dict) -> list[str]:
    """The fields whose value in the row differs from the record's (related records by id)."""
    changed = []
    for name in fields:
        model_field = record._meta.get_field(name)
        value = values.get(name, field_default(name))
        if model_field.is_relation:
            current, value = getattr(record, model_field.attname), value and value.pk
        else:
            current = getattr(record, name)
        if current != value:
            changed.append(name)
    return changed


def field_default(name: str):
    model_field = (Deputy if name in PERSON_FIELDS else Mandate)._meta.get_field(name)
    if model_field.null:
        return None
    return model_field.get_default()
