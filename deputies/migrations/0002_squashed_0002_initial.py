# Squashed: the schema these replaced migrations built is created by 0001_squashed_0001_initial;
# this one stands in for them so that a database migrated before the squash, which recorded
# them, finds every one applied, and the order between the apps stays what it was.

from django.db import migrations


class Migration(migrations.Migration):
    replaces = [
        ("deputies", "0002_initial"),
    ]

    dependencies = [
        ("deputies", "0001_squashed_0001_initial"),
        ("proposals", "0001_squashed_0001_initial"),
    ]

    operations = []
