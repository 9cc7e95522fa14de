"""A proposal's handling: its statuses, the moves between them and who may make each.

Only `PROPOSAL_WORKFLOW.perform` (through `proposals.services`) changes a proposal's status,
and only along the moves listed here; it writes the ProposalStatusChange row.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from congress.workflow import Move, Workflow


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ASSIGNED = "assigned", _("Assigned")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


ASSIGN_MOVES = {"assign", "reassign"}  # moves that name a handling unit

PROPOSAL_WORKFLOW = Workflow(
    model="proposals.Proposal",
    states=Status,
    initial=Status.SUBMITTED,
    history_model="proposals.ProposalStatusChange",
    history_field="proposal",
    moves=[
        Move(
            name="assign",
            label=_("Assign to a handling unit"),
            sources=(Status.SUBMITTED,),
            target=Status.ASSIGNED,
            permission="proposals.assign_proposal",
            todo=_("Proposals waiting to be assigned"),
        ),
        Move(
            name="reassign",
            label=_("Assign to another unit"),
            sources=(Status.ASSIGNED,),
            target=Status.ASSIGNED,
            permission="proposals.assign_proposal",
            note_required=True,
        ),
        Move(
            name="answer",
            label=_("Record the unit's answer"),
            sources=(Status.ASSIGNED,),
            target=Status.ANSWERED,
            permission="proposals.answer_proposal",
            note_required=True,
            todo=_("Proposals waiting for your unit's answer"),
        ),
        Move(
            name="send_back",
            label=_("Send back to be handled again"),
            sources=(Status.ANSWERED,),
            target=Status.ASSIGNED,
            permission="proposals.assign_proposal",
            note_required=True,
        ),
        Move(
            name="close",
            label=_("Close"),
            sources=(Status.ANSWERED,),
            target=Status.CLOSED,
            permission="proposals.close_proposal",
            todo=_("Answered proposals waiting to be closed"),
        ),
    ],
)
