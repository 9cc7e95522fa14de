# Squashed: the schema these replaced migrations built is created by 0001_squashed_0001_initial;
# this one stands in for them so that a database migrated before the squash, which recorded
# them, finds every one applied, and the order between the apps stays what it was.

from django.db import migrations


class Migration(migrations.Migration):
    replaces = [
        ("proposals", "0003_voter_contact_reverse_name"),
        ("proposals", "0004_names_without_hidden_characters"),
        ("proposals", "0005_status_change_history"),
        ("proposals", "0006_handling_reshaped"),
        ("proposals", "0007_assignment_unit_deadline"),
        ("proposals", "0008_text_rule"),
    ]

    dependencies = [
        ("proposals", "0002_squashed_0002_voter_contact_and_moves"),
        ("deputies", "0003_squashed_0010_text_rule"),
        ("congress_sessions", "0002_squashed_0009_history_of_links"),
    ]

    operations = []
