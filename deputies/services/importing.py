"""Roster import from the Excel template: every row checked, then all rows saved or none.

The workbook is read once, as a stream, when it is uploaded: its rows (as text), their errors
and what importing each would do are stored on the RosterImport, and the preview shows what
was stored. Importing checks the stored rows again against the roster as it is then (people
may have been added since), inside a lock on the township, so two imports of the same new
people at once create them once.

Rows are matched to deputies already on the roster by name and birth month, and to mandates
by level and term, so importing the same file twice updates instead of duplicating.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from congress.models import Township, User
from congress.validators import validate_file_content

from ..excel import (
    COLUMNS,
    WorkbookError,
    choice_lookup,
    parse_date,
    parse_month,
    read_rows,
)
from ..models import DEPUTY_DETAILS, Constituency, Deputy, DeputyGroup, Mandate, RosterImport
from ..rules import MAX_IMPORT_ROWS
from .accounts import deputy_accounts_sync
from .roster import mandate_status_errors

MAX_IMPORT_BYTES = 5 * 1024 * 1024
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
            value = values.get(key, _field_default(key))
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


def _check_rows(*, township: Township, rows: list[ImportRow]) -> ImportPlan:
    """Check every row against the roster as it is now and say what importing it would do."""
    reader = _RowReader(township)
    for row in rows:
        row.values = reader.read(row)
    seen, people = {}, {}
    existing = _existing_people(township, names={row.values["name"] for row in rows})
    mandates = _existing_mandates({d.pk for found in existing.values() for d in found})
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
            elif _changed_fields(deputy, PERSON_FIELDS, row.values) or _changed_fields(
                mandate, MANDATE_FIELDS, row.values
            ):
                row.action = ImportRow.UPDATE
            else:
                row.action = ImportRow.UNCHANGED
    return ImportPlan(rows=rows, people=existing)


def roster_import_plan(*, batch: RosterImport) -> ImportPlan:
    """What the upload found, as stored: the preview shows it without reading the file."""
    return ImportPlan(rows=[ImportRow.from_json(row) for row in batch.rows])


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


def _existing_mandates(deputy_ids) -> dict[tuple, Mandate]:
    """These deputies' mandates by (deputy, level, term)."""
    return {
        (m.deputy_id, m.level, m.term): m for m in Mandate.objects.filter(deputy_id__in=deputy_ids)
    }


@transaction.atomic
def roster_import_upload(*, township: Township, upload: UploadedFile, user: User) -> RosterImport:
    """Read an uploaded workbook once and keep it with its checked rows for the preview;
    refuse what is not an .xlsx roster of sane size, rows included (MAX_IMPORT_ROWS)."""
    if not upload.name.lower().endswith(".xlsx"):
        raise ValidationError(
            _("Upload the roster as an Excel .xlsx file (start from the template).")
        )
    if upload.size > MAX_IMPORT_BYTES:
        raise ValidationError(
            _("The file is larger than %(mb)s MB.") % {"mb": MAX_IMPORT_BYTES // 2**20}
        )
    validate_file_content(upload)
    try:
        raw_rows = read_rows(upload, limit=MAX_IMPORT_ROWS)
    except WorkbookError as error:
        raise ValidationError(str(error)) from error
    if not raw_rows:
        raise ValidationError(_("The workbook has no rows below the header."))
    upload.seek(0)
    plan = _check_rows(
        township=township, rows=[ImportRow(number=n, raw=raw) for n, raw in raw_rows]
    )
    batch = RosterImport(
        township=township,
        uploaded_by=user,
        original_name=upload.name[:200],
        rows=[row.as_json() for row in plan.rows],
    )
    batch.file.save(upload.name, upload, save=False)
    batch.save()
    return batch


def _locked_pending(batch: RosterImport) -> RosterImport:
    batch = RosterImport.objects.select_for_update().get(pk=batch.pk)
    if batch.state == RosterImport.State.IMPORTED:
        raise ValidationError(_("This file has already been imported."))
    if batch.state == RosterImport.State.DISCARDED:
        raise ValidationError(_("This file was discarded; upload it again to import it."))
    return batch


@transaction.atomic
def roster_import_discard(*, batch: RosterImport, by: User) -> RosterImport:
    """Drop an upload not yet imported: its file is deleted, its record stays as discarded."""
    batch = _locked_pending(batch)
    name, storage = batch.file.name, batch.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
    batch.file = ""
    batch.rows = []
    batch.state = RosterImport.State.DISCARDED
    batch.summary = _("Discarded by %(user)s on %(date)s.") % {
        "user": by.display_name,
        "date": timezone.localdate().isoformat(),
    }
    batch._history_user = by
    batch.save(update_fields=["file", "rows", "state", "summary"])
    return batch


@transaction.atomic
def roster_import_apply(*, batch: RosterImport, user: User) -> ImportPlan:
    """Import a previewed workbook: all rows, or none when any row has an error now.

    The stored rows are checked again against the roster as it is (another import may have
    added the same people meanwhile); imports into one township wait for each other, so the
    second finds the first one's deputies and updates them instead of adding them again.
    When a row has an error now, nothing is written but the new check, and the plan returned
    says what is wrong."""
    Township.objects.select_for_update().get(pk=batch.township_id)
    batch = _locked_pending(batch)
    township = batch.township
    rows = [ImportRow(number=row["number"], raw=row["raw"]) for row in batch.rows]
    plan = _check_rows(township=township, rows=rows)
    if not plan.is_valid:
        batch.rows = [row.as_json() for row in plan.rows]
        batch.save(update_fields=["rows"])
        return plan

    people = {key: found[0] for key, found in plan.people.items() if len(found) == 1}
    new_people: dict[tuple, Deputy] = {}
    changed_people: dict[int, Deputy] = {}
    for row in plan.rows:
        values = row.values
        key = (values["name"], values.get("birth_month"))
        deputy = people.get(key) or new_people.get(key)
        person = {f: values.get(f, _field_default(f)) for f in PERSON_FIELDS}
        if deputy is None:
            deputy = Deputy(township=township, name=values["name"], **person)
            new_people[key] = deputy
            if key[1] is not None:
                new_people[(key[0], None)] = deputy
        elif _changed_fields(deputy, PERSON_FIELDS, values):
            for f, v in person.items():
                setattr(deputy, f, v)
            if deputy.pk:
                changed_people[deputy.pk] = deputy
    created = list({id(d): d for d in new_people.values()}.values())
    bulk_create_with_history(created, Deputy, batch_size=500, default_user=user)
    if changed_people:
        bulk_update_with_history(
            list(changed_people.values()), Deputy, PERSON_FIELDS, batch_size=500, default_user=user
        )
    if any(d.pk is None for d in created):  # backends that do not return ids from bulk inserts
        saved = {(d.name, d.birth_month): d for d in Deputy.objects.filter(township=township)}
        for d in created:
            d.pk = saved[(d.name, d.birth_month)].pk

    mandates = _existing_mandates({d.pk for d in people.values()})
    new_mandates, changed_mandates = [], []
    for row in plan.rows:
        values = row.values
        key = (values["name"], values.get("birth_month"))
        deputy = people.get(key) or new_people[key]
        seat = {f: values.get(f, _field_default(f)) for f in MANDATE_FIELDS}
        mandate = mandates.get((deputy.pk, values["level"], values["term"]))
        if mandate is None:
            new_mandates.append(
                Mandate(deputy_id=deputy.pk, level=values["level"], term=values["term"], **seat)
            )
        elif _changed_fields(mandate, MANDATE_FIELDS, values):
            for f, v in seat.items():
                setattr(mandate, f, v)
            changed_mandates.append(mandate)
    bulk_create_with_history(new_mandates, Mandate, batch_size=500, default_user=user)
    if changed_mandates:
        bulk_update_with_history(
            changed_mandates, Mandate, MANDATE_FIELDS, batch_size=500, default_user=user
        )

    deputy_accounts_sync(township=township)  # deputies whose last mandate the file ended
    batch.state = RosterImport.State.IMPORTED
    batch.rows = [row.as_json() for row in plan.rows]
    batch._history_user = user
    batch.summary = _(
        "%(rows)s rows: %(people)s new deputies, %(mandates)s new mandates, "
        "%(updated)s rows updated, %(unchanged)s unchanged."
    ) % {
        "rows": len(plan.rows),
        "people": len(created),
        "mandates": len(new_mandates),
        "updated": plan.update_count,
        "unchanged": plan.unchanged_count,
    }
    batch.save(update_fields=["state", "rows", "summary"])
    return plan


def _changed_fields(record, fields: list[str], values: dict) -> list[str]:
    """The fields whose value in the row differs from the record's (related records by id)."""
    changed = []
    for name in fields:
        model_field = record._meta.get_field(name)
        value = values.get(name, _field_default(name))
        if model_field.is_relation:
            current, value = getattr(record, model_field.attname), value and value.pk
        else:
            current = getattr(record, name)
        if current != value:
            changed.append(name)
    return changed


def _field_default(name: str):
    model_field = (Deputy if name in PERSON_FIELDS else Mandate)._meta.get_field(name)
    if model_field.null:
        return None
    return model_field.get_default()
