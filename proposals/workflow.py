"""A proposal's handling: its statuses, the moves between them and who may make each.

Only `PROPOSAL_WORKFLOW.perform` (through `proposals.services`) changes a proposal's status,
and only along the moves listed here; it writes the ProposalStatusChange row.

draft → submitted → registered (or not registered) → assigned → answered → rated → closed.
An answer staff find wanting goes back to the unit; a 不满意 rating sends it back to be
handled again. A draft may be withdrawn; a duplicate is merged into another.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congress.workflow import Move, Workflow


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    REGISTERED = "registered", _("Registered")
    NOT_REGISTERED = "not_registered", _("Not registered")
    ASSIGNED = "assigned", _("Assigned")
    ANSWERED = "answered", _("Answered")
    RATED = "rated", _("Rated")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    MERGED = "merged", _("Merged into another")


# A deputy's draft, or one withdrawn before it was submitted: the deputy's own, not counted.
PRIVATE_STATES = (Status.DRAFT, Status.WITHDRAWN)
# Proposals that count as received: submitted, whatever became of them since.
RECEIVED = ~Q(status__in=PRIVATE_STATES)


ASSIGN_MOVES = {"assign", "reassign"}  # moves that name a handling unit


# Who may make a move is decided in proposals.permissions. That module reads the models, and
# the models read this module's Status, so each move imports it when it is checked rather
# than when this module loads.


def _submits_it(user, proposal) -> bool:
    from .permissions import may_submit

    return may_submit(user=user, proposal=proposal)


def _withdraws_it(user, proposal) -> bool:
    from .permissions import may_withdraw

    return may_withdraw(user=user, proposal=proposal)


def _answers_it(user, proposal) -> bool:
    from .permissions import may_answer

    return may_answer(user=user, proposal=proposal)


def _rates_it(user, proposal) -> bool:
    from .permissions import may_rate

    return may_rate(user=user, proposal=proposal)


PROPOSAL_WORKFLOW = Workflow(
    model="proposals.Proposal",
    states=Status,
    initial=Status.DRAFT,
    history_model="proposals.ProposalStatusChange",
    history_field="proposal",
    moves=[
        Move(
            name="submit",
            label=_("Submit"),
            sources=(Status.DRAFT,),
            target=Status.SUBMITTED,
            permission="proposals.add_proposal",
            allowed=_submits_it,
        ),
        Move(
            name="withdraw",
            label=_("Withdraw the draft"),
            sources=(Status.DRAFT,),
            target=Status.WITHDRAWN,
            permission="proposals.add_proposal",
            allowed=_withdraws_it,
        ),
        Move(
            name="register",
            label=_("Register"),
            sources=(Status.SUBMITTED,),
            target=Status.REGISTERED,
            permission="proposals.assign_proposal",
            todo=_("Proposals waiting to be registered"),
        ),
        Move(
            name="refuse",
            label=_("Do not register"),
            sources=(Status.SUBMITTED,),
            target=Status.NOT_REGISTERED,
            permission="proposals.assign_proposal",
            note_required=True,
        ),
        Move(
            name="merge",
            label=_("Merge into another proposal"),
            sources=(Status.SUBMITTED, Status.REGISTERED),
            target=Status.MERGED,
            permission="proposals.assign_proposal",
            note_required=True,
        ),
        Move(
            name="assign",
            label=_("Assign to handling units"),
            sources=(Status.REGISTERED,),
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
            allowed=_answers_it,
            todo=_("Proposals waiting for your unit's answer"),
        ),
        Move(
            name="send_back",
            label=_("Return the answer to the unit"),
            sources=(Status.ANSWERED,),
            target=Status.ASSIGNED,
            permission="proposals.assign_proposal",
            note_required=True,
        ),
        Move(
            name="rate",
            label=_("Rate the handling"),
            sources=(Status.ANSWERED,),
            target=Status.RATED,
            permission="proposals.rate_proposal",
            allowed=_rates_it,
        ),
        Move(
            name="rate_unsatisfied",
            label=_("Not satisfied: handle it again"),
            sources=(Status.ANSWERED,),
            target=Status.ASSIGNED,
            permission="proposals.rate_proposal",
            allowed=_rates_it,
            note_required=True,
        ),
        Move(
            name="close",
            label=_("Close"),
            sources=(Status.RATED, Status.ANSWERED),
            target=Status.CLOSED,
            permission="proposals.close_proposal",
            todo=_("Answered proposals waiting to be closed"),
        ),
    ],
)
