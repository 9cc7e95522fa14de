"""A proposal's handling: its statuses and the transitions allowed between them.

Only `proposals.services.proposal_transition` changes a proposal's status, and only along
the edges listed here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ASSIGNED = "assigned", _("Assigned")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


TRANSITIONS: dict[str, set[str]] = {
    Status.SUBMITTED: {Status.ASSIGNED},
    Status.ASSIGNED: {Status.ANSWERED, Status.ASSIGNED},
    Status.ANSWERED: {Status.CLOSED, Status.ASSIGNED},
    Status.CLOSED: set(),
}


def can_transition(source: str, target: str) -> bool:
    return target in TRANSITIONS.get(source, set())
