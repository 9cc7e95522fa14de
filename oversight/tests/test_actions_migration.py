"""Migration 0004: each inspection recorded before oversight actions existed becomes an action
owning a deputies' activity, its typed head count kept as other participants."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from deputies.models import Activity
from oversight.models import OversightAction
from oversight.selectors.actions import with_participants

BEFORE = [("oversight", "0003_actions_problems_evaluations_petitions")]

# Schema changes need a real transaction per step. Marked `services` as well, so that the
# PostgreSQL run (`-m services`) takes it too; the full run takes it on SQLite.
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _executor():
    """The migrations as written before they were squashed: a database migrated then, and
    stopped before 0004, still runs 0004 itself (the squash replaces it only on a database
    that has all or none of what it replaces)."""
    executor = MigrationExecutor(connection)
    executor.loader = MigrationLoader(connection, replace_migrations=False)
    return executor


def _migrate(targets):
    executor = _executor()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    return _executor().loader.graph.leaf_nodes()


def test_an_inspection_becomes_an_action_owning_an_oversight_activity():
    old = _migrate(BEFORE)
    try:
        township = old.get_model("congress", "Township").objects.create(
            name="练溪镇", county="遂昌县", current_term=18
        )
        inspections = old.get_model("oversight", "Inspection").objects
        inspections.create(
            township=township,
            kind="survey",
            date=datetime.date(2024, 9, 2),
            subject="“关心母亲河溪”活动周",
            participants=86,
            summary="查找问题14个",
        )
        inspections.create(
            township=township,
            kind="consultation",
            date=datetime.date(2024, 3, 12),
            subject="规划征求意见会",
            participants=26,
        )
    finally:
        _migrate(_latest())

    week, meeting = with_participants(
        OversightAction.objects.select_related("activity").order_by("-activity__start_date")
    )
    assert (week.township_id, week.kind, week.findings) == (township.pk, "survey", "查找问题14个")
    activity = week.activity
    assert (activity.kind, activity.title, activity.start_date, activity.content) == (
        Activity.Kind.OVERSIGHT,
        "“关心母亲河溪”活动周",
        datetime.date(2024, 9, 2),
        "查找问题14个",
    )
    assert activity.other_participants == 86
    assert week.person_times == 86  # the year's person-times stay what they were
    assert (meeting.kind, meeting.person_times) == ("other", 26)  # no such kind any more
