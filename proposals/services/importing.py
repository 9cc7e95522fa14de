"""Importing a term's earlier proposals and answers from the Excel template, for a township that
moves onto Renda mid-term: every row checked first (the preview), then all rows saved or none.

A row becomes a proposal as far as its columns go (submitted, registered with its number,
assigned to its lead unit, answered, rated by its lead deputy), each step dated by the row's
dates and written in its history. The records are written here directly, not through the
workflow's services: those check who may make each move today and tell the deputies and
units, and none of that applies to what happened months ago. Nothing is notified.
"""

import datetime
import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from simple_history.utils import bulk_create_with_history

from congress.excel import append_row
from congress.models import Township, User
from congress.validators import validate_file_content
from congress.workdays import Workdays
from deputies import excel
from deputies.excel_reading import WorkbookError

from .. import rules
from ..models import (
    Answer,
    AnswerCategory,
    Assignment,
    Proposal,
    ProposalCounter,
    ProposalSigner,
    ProposalStatusChange,
    Rating,
)
from ..workflow import PROPOSAL_WORKFLOW, Status
from .import_rows import (
    COLUMNS,
    ImportPlan,
    ImportRow,
    check_rows,
    headers,
    kind_labels,
    rating_labels,
    read_rows,
)

MAX_IMPORT_BYTES = 5 * 1024 * 1024


def earlier_import_read(*, township: Township, upload: UploadedFile) -> ImportPlan:
    """Read an uploaded workbook of earlier proposals and check every row; nothing is saved.
    Refuses what is not an .xlsx of sane size built like the template."""
    if not upload.name.lower().endswith(".xlsx"):
        raise ValidationError(
            _("Upload the file as an Excel .xlsx file (start from the template).")
        )
    if upload.size > MAX_IMPORT_BYTES:
        raise ValidationError(
            _("The file is larger than %(mb)s MB.") % {"mb": MAX_IMPORT_BYTES // 2**20}
        )
    validate_file_content(upload)
    try:
        raw_rows = read_rows(upload)
    except WorkbookError as error:
        raise ValidationError(str(error)) from error
    if not raw_rows:
        raise ValidationError(_("The workbook has no rows below the header."))
    return earlier_import_check(
        township=township, rows=[ImportRow(number=n, raw=raw) for n, raw in raw_rows]
    )


def earlier_import_check(*, township: Township, rows: list[ImportRow]) -> ImportPlan:
    """Check rows read earlier (kept for the preview) against the township as it is now."""
    return check_rows(township=township, rows=rows)


def _moment(day: datetime.date) -> datetime.datetime:
    """The start of a day in the township's time zone: rows give days, history keeps times."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@transaction.atomic
def earlier_import_apply(*, township: Township, rows: list[ImportRow], by: User) -> list[Proposal]:
    """Import checked rows: all of them, or none when any row has an error now (the rows are
    checked again, imports into one township waiting for each other, so that a number is
    never given twice). Each row's proposal keeps its number, its dates and its history; the
    township's counters move past the numbers imported, so the next registration follows."""
    Township.objects.select_for_update().get(pk=township.pk)
    plan = check_rows(township=township, rows=rows)
    if not plan.is_valid:
        raise ValidationError(
            _("%(n)s rows have errors; nothing was imported.") % {"n": len(plan.row_errors)}
        )
    workdays = Workdays(township)
    imported = []
    for row in plan.rows:
        imported.append(_import_row(township, row.values, row.stage, by=by, workdays=workdays))
    _move_counters(township, imported)
    return imported


STAGE_ORDER = ["submitted", "registered", "assigned", "answered", "rated"]


def _import_row(township, values: dict, stage: str, *, by: User, workdays: Workdays) -> Proposal:
    reached = set(STAGE_ORDER[: STAGE_ORDER.index(stage) + 1])
    note = _("Imported from an Excel workbook of earlier proposals.")
    submitted_at = _moment(values["submitted_on"])
    proposal = Proposal(
        township=township,
        session=values.get("session"),
        kind=values["kind"],
        proposer=Proposal.Proposer.DEPUTIES,
        deputy=values["lead"],
        title=values["title"],
        content=values["content"],
        field=values.get("field"),
        submitted_at=submitted_at,
        created_by=by,
    )
    steps = [("", Status.DRAFT, submitted_at), (Status.DRAFT, Status.SUBMITTED, submitted_at)]
    status = Status.SUBMITTED
    if "registered" in reached:
        proposal.number_year = values["submitted_on"].year
        proposal.number = values["number"]
        steps.append((status, Status.REGISTERED, _moment(values["registered_on"])))
        status = Status.REGISTERED
    if "assigned" in reached:
        assigned_on = values["assigned_on"]
        proposal.handling_unit = values["unit"]
        proposal.due_date = workdays.months_later(assigned_on, rules.ANSWER_DEADLINE_MONTHS)
        steps.append((status, Status.ASSIGNED, _moment(assigned_on)))
        status = Status.ASSIGNED
    if "answered" in reached:
        steps.append((status, Status.ANSWERED, _moment(values["answered_on"])))
        status = Status.ANSWERED
    if "rated" in reached:
        rated_at = _moment(values["rated_on"])
        if values["rating"] == Rating.Level.UNSATISFIED:
            # As proposal_rate: 不满意 sends it back to the unit, answered again within a month.
            proposal.due_date = workdays.months_later(values["rated_on"], rules.REANSWER_MONTHS)
            steps.append((status, Status.ASSIGNED, rated_at))
            status = Status.ASSIGNED
        elif not (township.all_signers_rate and values["cosigners"]):
            steps.append((status, Status.RATED, rated_at))
            status = Status.RATED
        # else the co-signers' ratings are still awaited: it stays answered.
    # The history written here is the workflow's own path (no move is made: a move notifies).
    edges = PROPOSAL_WORKFLOW.edges()
    unknown = [
        (source, target) for source, target, _at in steps[1:] if (source, target) not in edges
    ]
    if unknown or steps[0][:2] != ("", PROPOSAL_WORKFLOW.initial):
        raise ValueError(f"not steps of the proposal workflow: {unknown or steps[0]}")
    proposal.status = status
    proposal.full_clean(validate_unique=False, validate_constraints=False)
    proposal._history_user = by
    proposal.save()

    ProposalSigner.objects.create(
        proposal=proposal, deputy=values["lead"], is_lead=True, confirmed_at=submitted_at
    )
    for deputy in values["cosigners"]:
        ProposalSigner.objects.create(proposal=proposal, deputy=deputy, confirmed_at=submitted_at)
    bulk_create_with_history(
        [
            ProposalStatusChange(
                proposal=proposal,
                from_status=source,
                to_status=target,
                changed_by=by,
                changed_at=at,
                note=note,
            )
            for source, target, at in steps
        ],
        ProposalStatusChange,
        default_user=by,
    )
    if "assigned" in reached:
        Assignment.objects.create(
            proposal=proposal,
            unit=values["unit"],
            role=Assignment.Role.LEAD,
            assigned_on=values["assigned_on"],
            deadline=proposal.due_date,
            assigned_by=by,
        )
    if "answered" in reached:
        answer = Answer.objects.create(
            proposal=proposal,
            unit=values["unit"],
            category=values["category"],
            text=values["answer"],
            answered_at=_moment(values["answered_on"]),
            answered_by=by,
        )
        if "rated" in reached:
            Rating.objects.create(
                answer=answer,
                deputy=values["lead"],
                attitude=values["rating"],
                result=values["rating"],
                rated_at=_moment(values["rated_on"]),
            )
    return proposal


def _move_counters(township: Township, proposals: list[Proposal]) -> None:
    """Each (year, kind) counter at least at the highest number it now has, so that the next
    registration takes the number after it."""
    keys = {(p.number_year, p.kind) for p in proposals if p.number is not None}
    for year, kind in keys:
        highest = Proposal.objects.filter(township=township, number_year=year, kind=kind).aggregate(
            highest=Max("number")
        )["highest"]
        counter, _created = ProposalCounter.objects.select_for_update().get_or_create(
            township=township, year=year, kind=kind
        )
        if counter.last < highest:
            counter.last = highest
            counter.save(update_fields=["last"])


def earlier_import_template(*, township: Township) -> bytes:
    """The template workbook: the Chinese header (required columns coloured), drop-down lists
    for 类别, 答复分类 and 测评结果, and a sheet of notes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Earlier proposals")[:31]
    letters = excel.write_header(sheet, COLUMNS, headers())
    codes = AnswerCategory.objects.filter(township=township).values_list("code", flat=True)
    lists = {
        "kind": kind_labels().values(),
        "category": codes,
        "rating": rating_labels().values(),
    }
    for key, options in lists.items():
        if options := [str(option) for option in options]:
            validation = DataValidation(
                type="list", formula1='"' + ",".join(options) + '"', allow_blank=True
            )
            validation.add(f"{letters[key]}2:{letters[key]}5000")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet(_("Notes"))
    for line in (
        _("One row per proposal of the current term. Columns with a coloured header are required."),
        _(
            "Lead deputy and co-signers: names as on the roster, co-signers separated by 、; "
            "a name two deputies of this term share cannot be imported."
        ),
        _("Dates as 2024-03-15; none in the future, each on or after the one before it."),
        _(
            "Fill in a row as far as the proposal went: the number and registration date; then "
            "the handling unit and assignment date; then the answer's date, category and text; "
            "then the lead deputy's rating and its date."
        ),
        _("Numbers are per year and kind; a number already in the system is refused."),
        _("The rows are imported all together or not at all; nobody is notified."),
    ):
        append_row(notes, [str(line)])
    notes.column_dimensions["A"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
