"""The proposal pages, one module per area; urls.py names them from here."""

from .deputy import (
    AnswerAttachmentView,
    AnswerAttachView,
    MyProposalsView,
    ProposalAttachmentView,
    ProposalAttachView,
    SimilarProposalsView,
    attachments_context,
)
from .proposals import (
    CosignView,
    InviteView,
    ProposalCreateView,
    ProposalDetailView,
    ProposalEditView,
    ProposalFromVoterContactView,
    ProposalListView,
    ProposalMoveView,
)
from .stats import StatisticsExportView, StatisticsView

__all__ = [
    "AnswerAttachView",
    "AnswerAttachmentView",
    "MyProposalsView",
    "ProposalAttachView",
    "ProposalAttachmentView",
    "SimilarProposalsView",
    "attachments_context",
    "CosignView",
    "InviteView",
    "ProposalCreateView",
    "ProposalDetailView",
    "ProposalEditView",
    "ProposalFromVoterContactView",
    "ProposalListView",
    "ProposalMoveView",
    "StatisticsExportView",
    "StatisticsView",
]
