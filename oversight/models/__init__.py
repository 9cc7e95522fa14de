"""The presidium's oversight of the town government between sessions (地方组织法 Art 19).

Letters and visits (信访) are the `petitions` app; the office's publicity, `publicity`.

- plans: next year's work plan (工作思路), the items later work links to.
- actions: oversight actions (each owns the deputies' activity holding its dates, place,
  attendance and photos), the government tasks they oversee and their progress reviews, and
  the themed campaigns grouping them.
- problems: each problem an action finds, followed to rectification on the core's workflow
  engine, the unit's reports with evidence.
- evaluations: work evaluations (工作评议) of a unit, with each deputy's rating.
- elections: observing the village committees' elections (村两委换届).
"""

from .actions import (
    ActionStaff,
    Campaign,
    GovernmentTask,
    OversightAction,
    ProgressReview,
)
from .elections import ElectionObservation
from .evaluations import EvaluationRating, WorkEvaluation
from .plans import PlanItem
from .problems import Problem, ProblemStatusChange, RectificationEvidence, RectificationReport

__all__ = [
    "ActionStaff",
    "Campaign",
    "ElectionObservation",
    "EvaluationRating",
    "GovernmentTask",
    "OversightAction",
    "PlanItem",
    "Problem",
    "ProblemStatusChange",
    "ProgressReview",
    "RectificationEvidence",
    "RectificationReport",
    "WorkEvaluation",
]
