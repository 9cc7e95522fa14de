# Squashed: the schema these replaced migrations built is created by 0001_squashed_0001_initial;
# this one stands in for them so that a database migrated before the squash, which recorded
# them, finds every one applied, and the order between the apps stays what it was.

from django.db import migrations


class Migration(migrations.Migration):
    replaces = [
        ("deputies", "0003_voter_contact_link_moves_to_proposals"),
        ("deputies", "0004_deputies_pages"),
        ("deputies", "0005_mandate_dates_explained"),
        ("deputies", "0006_names_without_hidden_characters"),
        ("deputies", "0007_history_everywhere_checked_imports"),
        ("deputies", "0008_mandate_term_ended"),
        ("deputies", "0009_activity_kind_oversight"),
        ("deputies", "0010_text_rule"),
    ]

    dependencies = [
        ("deputies", "0002_squashed_0002_initial"),
        ("proposals", "0002_squashed_0002_voter_contact_and_moves"),
    ]

    operations = []
