"""Every write on proposals, one module per area; callers import from here."""

from .lists import answer_category_rename, proposal_field_move, proposal_field_save
from .meetings import MeetingItem, assignment_meeting_save, meeting_assign
from .merging import SplitPart, proposal_merge, proposal_split
from .proposals import (
    EDITABLE,
    STEP_NOTICES,
    SUBMITTED_NOTICE,
    answer_deadline,
    current_answer,
    proposal_answer,
    proposal_assign,
    proposal_cosign,
    proposal_cosigners_invite,
    proposal_draft_save,
    proposal_draft_submit,
    proposal_from_voter_contact,
    proposal_move,
    proposal_rate,
    proposal_register,
    proposal_return_answer,
    proposal_submit,
    township_lists_ensure,
)
from .publishing import proposal_publish

__all__ = [
    "EDITABLE",
    "MeetingItem",
    "SplitPart",
    "answer_category_rename",
    "assignment_meeting_save",
    "meeting_assign",
    "proposal_field_move",
    "proposal_field_save",
    "proposal_merge",
    "proposal_publish",
    "proposal_split",
    "STEP_NOTICES",
    "SUBMITTED_NOTICE",
    "answer_deadline",
    "current_answer",
    "proposal_answer",
    "proposal_assign",
    "proposal_cosign",
    "proposal_cosigners_invite",
    "proposal_draft_save",
    "proposal_draft_submit",
    "proposal_from_voter_contact",
    "proposal_move",
    "proposal_rate",
    "proposal_register",
    "proposal_return_answer",
    "proposal_submit",
    "township_lists_ensure",
]
