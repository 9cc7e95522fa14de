"""Roster import from the Excel template: every row checked, then all rows saved or none.

The workbook is read once, as a stream, when it is uploaded: its rows (as text), their errors
and what importing each would do are stored on the RosterImport, and the preview shows what
was stored. Importing checks the stored rows again against the roster as it is then (people
may have been added since), inside a lock on the township, so two imports of the same new
people at once create them once.

Rows are matched to deputies already on the roster by name and birth month, and to mandates
by level and term, so importing the same file twice updates instead of duplicating. Reading
and checking the rows is `import_rows`; here are the services that upload, preview, discard
and import a workbook.
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from congress.models import Township, User
from congress.validators import validate_file_content

from ..excel import WorkbookError, read_rows
from ..models import Deputy, Mandate, RosterImport
from ..rules import MAX_IMPORT_ROWS
from .accounts import deputy_accounts_sync
from .import_rows import (
    MANDATE_FIELDS,
    PERSON_FIELDS,
    ImportPlan,
    ImportRow,
    changed_fields,
    check_rows,
    existing_mandates,
    field_default,
)

MAX_IMPORT_BYTES = 5 * 1024 * 1024


def roster_import_plan(*, batch: RosterImport) -> ImportPlan:
    """What the upload found, as stored: the preview shows it without reading the file."""
    return ImportPlan(rows=[ImportRow.from_json(row) for row in batch.rows])


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
    plan = check_rows(township=township, rows=[ImportRow(number=n, raw=raw) for n, raw in raw_rows])
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
    plan = check_rows(township=township, rows=rows)
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
        person = {f: values.get(f, field_default(f)) for f in PERSON_FIELDS}
        if deputy is None:
            deputy = Deputy(township=township, name=values["name"], **person)
            new_people[key] = deputy
            if key[1] is not None:
                new_people[(key[0], None)] = deputy
        elif changed_fields(deputy, PERSON_FIELDS, values):
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

    mandates = existing_mandates({d.pk for d in people.values()})
    new_mandates, changed_mandates = [], []
    for row in plan.rows:
        values = row.values
        key = (values["name"], values.get("birth_month"))
        deputy = people.get(key) or new_people[key]
        seat = {f: values.get(f, field_default(f)) for f in MANDATE_FIELDS}
        mandate = mandates.get((deputy.pk, values["level"], values["term"]))
        if mandate is None:
            new_mandates.append(
                Mandate(deputy_id=deputy.pk, level=values["level"], term=values["term"], **seat)
            )
        elif changed_fields(mandate, MANDATE_FIELDS, values):
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
