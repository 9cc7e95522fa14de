"""A congress session's course: in preparation, convened, closed.

Only `SESSION_WORKFLOW.perform` (through `sessions.services`) changes a session's status; it
writes the SessionStatusChange row, so the session page shows who convened and closed it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congress.workflow import Move, Workflow


class Status(models.TextChoices):
    PREPARING = "preparing", pgettext_lazy("congress session", "In preparation")  # 筹备
    IN_SESSION = "in_session", pgettext_lazy("congress session", "In session")  # 召开中
    CLOSED = "closed", pgettext_lazy("congress session", "Closed")  # 闭会


SESSION_WORKFLOW = Workflow(
    model="congress_sessions.CongressSession",
    states=Status,
    initial=Status.PREPARING,
    history_model="congress_sessions.SessionStatusChange",
    history_field="session",
    moves=[
        Move(
            name="convene",
            label=_("Convene the session"),
            sources=(Status.PREPARING,),
            target=Status.IN_SESSION,
            permission="congress_sessions.change_congresssession",
        ),
        Move(
            name="close",
            label=_("Close the session"),
            sources=(Status.IN_SESSION,),
            target=Status.CLOSED,
            permission="congress_sessions.change_congresssession",
        ),
        Move(
            name="reopen",
            label=_("Reopen the session"),
            sources=(Status.CLOSED,),
            target=Status.IN_SESSION,
            permission="congress_sessions.change_congresssession",
            note_required=True,
        ),
    ],
)
