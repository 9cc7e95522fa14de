"""The courses of oversight records, on the core's workflow engine.

A problem found by an oversight action: 待整改 → 整改中 → 已整改待核实 → 已销号, or sent back
from 已整改待核实 to 整改中 when verification finds it is not fixed. Overdue is not a state:
it is computed from the deadline (`selectors.problems_overdue`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congress.workflow import Move, Workflow


class ProblemStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("problem", "To be rectified")  # 待整改
    IN_PROGRESS = "in_progress", pgettext_lazy("problem", "Being rectified")  # 整改中
    REPORTED = "reported", pgettext_lazy("problem", "Rectified, to be verified")  # 已整改待核实
    CLOSED = "closed", pgettext_lazy("problem", "Verified and closed")  # 已销号


PROBLEM_WORKFLOW = Workflow(
    model="oversight.Problem",
    states=ProblemStatus,
    initial=ProblemStatus.PENDING,
    history_model="oversight.ProblemStatusChange",
    history_field="problem",
    moves=[
        Move(
            name="begin",
            label=_("Start rectifying"),
            sources=(ProblemStatus.PENDING,),
            target=ProblemStatus.IN_PROGRESS,
            permission="oversight.rectify_problem",
            todo=_("Problems to start rectifying"),
        ),
        Move(
            name="report",
            label=_("Report it rectified"),
            sources=(ProblemStatus.PENDING, ProblemStatus.IN_PROGRESS),
            target=ProblemStatus.REPORTED,
            permission="oversight.rectify_problem",
            todo=_("Problems to rectify and report"),
        ),
        Move(
            name="verify",
            label=_("Verify and close"),
            sources=(ProblemStatus.REPORTED,),
            target=ProblemStatus.CLOSED,
            permission="oversight.verify_problem",
            todo=_("Rectifications to verify"),
        ),
        Move(
            name="send_back",
            label=_("Send back: not rectified"),
            sources=(ProblemStatus.REPORTED,),
            target=ProblemStatus.IN_PROGRESS,
            permission="oversight.verify_problem",
            note_required=True,
        ),
    ],
)

OPEN_PROBLEM_STATES = (ProblemStatus.PENDING, ProblemStatus.IN_PROGRESS, ProblemStatus.REPORTED)
