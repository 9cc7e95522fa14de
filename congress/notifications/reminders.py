"""What the apps' daily reminder sweeps share. A reminder is keyed by its record, kind and day
(a deadline, the day a signature lapses), so that it goes out once however often a sweep runs:
the core leaves out the reminders already sent and stores the others for their recipients."""

import datetime
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

from django.db import models

from congress.models import User
from congress.wording import township_language

from .selectors import notification_keys_stored
from .services import notify_each, record_key


class Reminder(Protocol):
    """One reminder due: its key (`record`, `kind`, `day`), who hears it and what it says."""

    kind: str
    record: models.Model
    day: datetime.date
    recipients: list[User]

    def subject(self) -> str: ...

    def body(self) -> str: ...

    def url(self) -> str: ...


R = TypeVar("R", bound=Reminder)


def reminders_unsent(candidates: Sequence[R], *, kinds: Iterable[str]) -> list[R]:
    """The candidates no earlier run has sent (by record, kind and day, whoever received them):
    one query, none when there are no candidates."""
    sent = notification_keys_stored(
        kinds=list(kinds), record_keys={record_key(r.record) for r in candidates}
    )
    return [r for r in candidates if (record_key(r.record), r.kind, r.day) not in sent]


def reminders_notify(reminders: Iterable[Reminder]) -> int:
    """Store each reminder for its recipients, at most once per recipient, kind, record and day
    even when two runs race; returns how many notifications were stored. Each is written in
    the words of its record's township (乡 or 镇: congress.wording)."""

    def message(reminder: Reminder) -> dict:
        with township_language(getattr(reminder.record, "township", None)):
            return {
                "recipients": reminder.recipients,
                "kind": reminder.kind,
                "subject": reminder.subject(),
                "body": reminder.body(),
                "url": reminder.url(),
                "record": reminder.record,
                "day": reminder.day,
            }

    return notify_each(reminders, message)
