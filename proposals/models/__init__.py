"""The proposals app's models: the proposal and its signers, and how it is handled."""

from .handling import (
    Answer,
    AnswerAttachment,
    AnswerCategory,
    Assignment,
    AssignmentMeeting,
    CoUnitOpinion,
    DeadlineExtension,
    Rating,
)
from .proposals import (
    Proposal,
    ProposalAttachment,
    ProposalCounter,
    ProposalDateCorrection,
    ProposalField,
    ProposalSigner,
    ProposalStatusChange,
)

__all__ = [
    "Answer",
    "AnswerAttachment",
    "AnswerCategory",
    "Assignment",
    "AssignmentMeeting",
    "CoUnitOpinion",
    "DeadlineExtension",
    "Proposal",
    "ProposalAttachment",
    "ProposalCounter",
    "ProposalDateCorrection",
    "ProposalField",
    "ProposalSigner",
    "ProposalStatusChange",
    "Rating",
]
