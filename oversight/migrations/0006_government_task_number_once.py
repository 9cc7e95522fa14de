from django.db import migrations, models


def unnumber_duplicates(apps, schema_editor):
    """A number given twice before the constraint (two saves at once) stays on the first task;
    the later ones lose it, for staff to number again, rather than the migration failing."""
    GovernmentTask = apps.get_model("oversight", "GovernmentTask")
    seen = set()
    later = []
    tasks = GovernmentTask.objects.filter(number__isnull=False).order_by("pk")
    for pk, key in ((t.pk, (t.township_id, t.year, t.kind, t.number)) for t in tasks):
        if key in seen:
            later.append(pk)
        seen.add(key)
    GovernmentTask.objects.filter(pk__in=later).update(number=None)


class Migration(migrations.Migration):
    dependencies = [
        ("congress", "0009_workday_overrides"),
        ("oversight", "0005_remove_inspection"),
    ]

    operations = [
        migrations.RunPython(unnumber_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="governmenttask",
            constraint=models.UniqueConstraint(
                condition=models.Q(("number__isnull", False)),
                fields=("township", "year", "kind", "number"),
                name="government_task_number_once",
                violation_error_message="This number of the list is already taken.",
            ),
        ),
    ]
