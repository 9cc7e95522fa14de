"""Every write on proposals, one module per area; callers import from here."""

from .answers import (
    current_answer,
    proposal_answer,
    proposal_move,
    proposal_rate,
    proposal_return_answer,
)
from .assignment import answer_deadline, proposal_assign
from .attachments import answer_attach, proposal_attach
from .deadlines import (
    counit_opinion_check,
    counit_opinion_send,
    extension_decide,
    extension_request,
    extension_request_check,
    latest_extended_deadline,
    workday_override_add,
    workday_override_remove,
)
from .drafting import (
    EDITABLE,
    proposal_cosign,
    proposal_cosigners_invite,
    proposal_draft_save,
    proposal_draft_submit,
    proposal_from_voter_contact,
    proposal_submit,
)
from .lists import (
    answer_category_rename,
    proposal_field_move,
    proposal_field_save,
    township_lists_ensure,
)
from .meetings import MeetingItem, assignment_meeting_save, meeting_assign
from .merging import SplitPart, proposal_merge, proposal_split
from .notices import STEP_NOTICES, SUBMITTED_NOTICE
from .publishing import proposal_publish
from .registration import proposal_register

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
    "answer_attach",
    "answer_deadline",
    "counit_opinion_check",
    "counit_opinion_send",
    "current_answer",
    "extension_decide",
    "extension_request",
    "extension_request_check",
    "latest_extended_deadline",
    "proposal_answer",
    "proposal_attach",
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
    "workday_override_add",
    "workday_override_remove",
]
