"""Each inspection recorded before oversight actions existed becomes an oversight action that
owns a deputies' activity. Its typed head count cannot say who took part: it is kept as the
activity's other participants, so the year's person-times stay what they were until staff mark
the deputies who were there."""

from django.db import migrations

KINDS = {
    "inspection": "inspection",
    "special_check": "special_check",
    "survey": "survey",
    "review": "evaluation",
    "consultation": "other",
}


def forwards(apps, schema_editor):
    Inspection = apps.get_model("oversight", "Inspection")
    Activity = apps.get_model("deputies", "Activity")
    OversightAction = apps.get_model("oversight", "OversightAction")
    for inspection in Inspection.objects.order_by("pk").iterator():
        activity = Activity.objects.create(
            township_id=inspection.township_id,
            kind="oversight",
            title=inspection.subject,
            start_date=inspection.date,
            content=inspection.summary,
            other_participants=inspection.participants,
        )
        OversightAction.objects.create(
            township_id=inspection.township_id,
            kind=KINDS.get(inspection.kind, "other"),
            activity=activity,
            findings=inspection.summary,
        )


def backwards(apps, schema_editor):
    Inspection = apps.get_model("oversight", "Inspection")
    OversightAction = apps.get_model("oversight", "OversightAction")
    reverse_kinds = {new: old for old, new in KINDS.items()}
    for action in OversightAction.objects.select_related("activity").order_by("pk"):
        activity = action.activity
        present = activity.attendances.filter(status="present").count()
        Inspection.objects.create(
            township_id=action.township_id,
            kind=reverse_kinds.get(action.kind, "inspection"),
            date=activity.start_date,
            subject=activity.title,
            participants=present + activity.other_participants + action.staff.count(),
            summary=action.findings,
        )


class Migration(migrations.Migration):
    dependencies = [("oversight", "0003_actions_problems_evaluations_petitions")]

    operations = [migrations.RunPython(forwards, backwards)]
