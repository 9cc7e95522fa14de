"""Letters and visits (信访) and the office's publicity left oversight for apps of their own
(petitions 0001, publicity 0001, oversight 0009). On a database holding the demo year as it
stood before, the migrations keep every row and every history row, the content types' ids
(so permissions, grants and generic links follow), the grants themselves, and the names by
which notifications point at their records (the once-only reminders look them up)."""

import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from congress.models import Notification, User
from congress.notifications.services import notify
from petitions.models import Petition, PetitionPolicy, PetitionReply, PetitionStatusChange
from publicity.models import Article, Publication

# Schema changes need a real transaction per step; `services` so the PostgreSQL run takes it.
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

MOVED = [Petition, PetitionPolicy, PetitionReply, PetitionStatusChange, Article, Publication]
MOVED += [model.history.model for model in MOVED if hasattr(model, "history")]
BEFORE = [
    ("oversight", "0001_squashed_0008_history_of_links"),
    ("petitions", None),
    ("publicity", None),
]


def rows(model) -> list[tuple]:
    fields = [field.attname for field in model._meta.concrete_fields]
    return list(model.objects.order_by("pk").values_list(*fields))


def snapshot() -> dict:
    ContentType.objects.clear_cache()
    types = {model: ContentType.objects.get_for_model(model) for model in MOVED}
    permissions = Permission.objects.filter(content_type__in=types.values())
    return {
        "rows": {model._meta.label: rows(model) for model in MOVED},
        "types": {model._meta.label: (ct.pk, ct.app_label) for model, ct in types.items()},
        "permissions": sorted(permissions.values_list("pk", "codename", "content_type_id")),
        "notices": sorted(
            Notification.objects.exclude(record_key="").values_list("pk", "kind", "record_key")
        ),
        "grants": sorted(
            Permission.user_set.through.objects.filter(permission__in=permissions).values_list(
                "user_id", "permission_id"
            )
        ),
    }


def old_table_count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        return cursor.fetchone()[0]


def test_the_demo_year_keeps_every_row_and_history_row_through_the_split(settings):
    settings.DEBUG = True  # seed_demo refuses otherwise (known passwords)
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False
    staff = User.objects.filter(username="staff")
    for record in (Petition.objects.first(), Article.objects.first()):
        notify(recipients=staff, kind="test.moved", subject="提醒", record=record, day=record_day)
    before = snapshot()
    counts = {label: len(found) for label, found in before["rows"].items()}
    # The demo year holds every kind of moved record, its history, and a grant to see who wrote.
    assert all(counts.values()), counts
    assert before["grants"], "the demo grants 可查看信访人身份 to its staff"
    assert {key.partition(".")[0] for _, _, key in before["notices"]} >= {"petitions", "publicity"}

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        # As it stood before: oversight's tables and content types, every row in them.
        for model in MOVED:
            table = "oversight_" + model._meta.model_name
            assert old_table_count(table) == counts[model._meta.label], table
        assert set(
            ContentType.objects.filter(
                pk__in=[pk for pk, _ in before["types"].values()]
            ).values_list("app_label", flat=True)
        ) == {"oversight"}
        old_keys = [
            "oversight." + key.partition(".")[2]
            for _, _, key in before["notices"]
            if key.startswith(("petitions.", "publicity."))
        ]
        assert Notification.objects.filter(record_key__in=old_keys).count() == len(old_keys)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    after = snapshot()
    assert after == before
    assert {app for _, app in after["types"].values()} == {"petitions", "publicity"}


record_day = datetime.date(2024, 6, 1)
