"""Attendance, one word for it everywhere: a congress sitting, a deputies' activity and an
oversight action all record each deputy as present, on approved leave or absent without leave."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", gettext_lazy("Present")  # 出席
    LEAVE = "leave", gettext_lazy("On approved leave")  # 请假
    ABSENT = "absent", gettext_lazy("Absent without leave")  # 缺席


def attendance_sync(
    *,
    model,
    parent: dict,
    statuses: dict[int, str],
    roll: models.QuerySet,
    by,
    clear: bool = False,
) -> None:
    """Make a parent's attendance rows say exactly {deputy id: status}, in a few bulk queries,
    each mark, change and removal kept in the model's history as done by `by`.

    Only deputies on `roll` (those in office on the day) can be marked. Saving nothing marked
    would wipe the record: it is refused unless `clear` says that is what the user wants.
    Shared by congress sessions and deputies' activities; the caller holds the transaction.
    """
    rows = model.objects.filter(**parent)
    if not statuses and not clear and rows.exists():
        raise ValidationError(
            _(
                "No deputy is marked. To remove every attendance record, tick "
                "“Clear all marks” and save again."
            )
        )
    known = set(roll.filter(pk__in=statuses).values_list("pk", flat=True))
    if set(statuses) - known:
        raise ValidationError(_("Some deputies are not on the roll of this day."))
    if any(status not in AttendanceStatus.values for status in statuses.values()):
        raise ValidationError(_("Unknown attendance status."))
    existing = {row.deputy_id: row for row in rows}
    for deputy_id, row in existing.items():
        if deputy_id not in statuses:
            # One by one, rare and few: each removal's history row names who removed it.
            row._history_user = by
            row.delete()
    create, update = [], []
    for deputy_id, status in statuses.items():
        row = existing.get(deputy_id)
        if row is None:
            create.append(model(deputy_id=deputy_id, status=status, **parent))
        elif row.status != status:
            row.status = status
            update.append(row)
    bulk_create_with_history(create, model, default_user=by)
    if update:
        bulk_update_with_history(update, model, ["status"], default_user=by)
