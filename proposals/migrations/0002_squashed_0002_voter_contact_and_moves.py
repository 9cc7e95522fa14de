# Squashed: the schema these replaced migrations built is created by 0001_squashed_0001_initial;
# this one stands in for them so that a database migrated before the squash, which recorded
# them, finds every one applied, and the order between the apps stays what it was.

from django.db import migrations


class Migration(migrations.Migration):
    replaces = [
        ("proposals", "0002_voter_contact_and_moves"),
    ]

    dependencies = [
        ("proposals", "0001_squashed_0001_initial"),
        ("deputies", "0002_squashed_0002_initial"),
    ]

    operations = []
