from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("deputies", "0002_initial"),
        ("proposals", "0002_voter_contact_and_moves"),
    ]

    operations = [
        migrations.RemoveField(model_name="historicalvotercontact", name="proposal"),
        migrations.RemoveField(model_name="votercontact", name="proposal"),
        migrations.AlterField(
            model_name="attendance",
            name="status",
            field=models.CharField(
                choices=[
                    ("present", "Present"),
                    ("leave", "On approved leave"),
                    ("absent", "Absent without leave"),
                ],
                max_length=10,
                verbose_name="attendance",
            ),
        ),
    ]
