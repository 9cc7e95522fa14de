# Squashed: the schema these replaced migrations built is created by 0001_squashed_0001_initial;
# this one stands in for them so that a database migrated before the squash, which recorded
# them, finds every one applied, and the order between the apps stays what it was.

from django.db import migrations


class Migration(migrations.Migration):
    replaces = [
        ("congress_sessions", "0002_initial"),
        ("congress_sessions", "0003_one_word_for_attendance"),
        ("congress_sessions", "0004_names_without_hidden_characters"),
        ("congress_sessions", "0005_term_within_range"),
        ("congress_sessions", "0006_sittings_agenda_votes"),
        ("congress_sessions", "0007_attendance_absent_index"),
        ("congress_sessions", "0008_text_rule"),
        ("congress_sessions", "0009_history_of_links"),
    ]

    dependencies = [
        ("congress_sessions", "0001_squashed_0001_initial"),
        ("deputies", "0003_squashed_0010_text_rule"),
    ]

    operations = []
