"""The proposal pages, one module per area; urls.py names them from here."""

from .deadlines import (
    CoUnitOpinionView,
    ExtensionDecideView,
    ExtensionRequestView,
    QueuesView,
    UnitItemsView,
    WorkdayDeleteView,
    WorkdaysView,
)
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
    "CoUnitOpinionView",
    "CosignView",
    "ExtensionDecideView",
    "ExtensionRequestView",
    "InviteView",
    "ProposalCreateView",
    "ProposalDetailView",
    "ProposalEditView",
    "ProposalFromVoterContactView",
    "ProposalListView",
    "ProposalMoveView",
    "StatisticsExportView",
    "StatisticsView",
    "QueuesView",
    "UnitItemsView",
    "WorkdayDeleteView",
    "WorkdaysView",
]
