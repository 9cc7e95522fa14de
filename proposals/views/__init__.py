"""The proposal pages, one module per area; urls.py names them from here."""

from .lists import (
    AnswerCategoryEditView,
    AnswerCategoryListView,
    ProposalFieldEditView,
    ProposalFieldListView,
    ProposalFieldMoveView,
)
from .meetings import MeetingDetailView, MeetingEditView, MeetingListView, MeetingSheetsPdfView
from .merging import ProposalMergeView, ProposalSplitView
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
from .public import ProposalPublishView, PublicProposalListView

__all__ = [
    "AnswerCategoryEditView",
    "AnswerCategoryListView",
    "CosignView",
    "InviteView",
    "MeetingDetailView",
    "MeetingEditView",
    "MeetingListView",
    "MeetingSheetsPdfView",
    "ProposalCreateView",
    "ProposalDetailView",
    "ProposalEditView",
    "ProposalFieldEditView",
    "ProposalFieldListView",
    "ProposalFieldMoveView",
    "ProposalFromVoterContactView",
    "ProposalListView",
    "ProposalMergeView",
    "ProposalMoveView",
    "ProposalPublishView",
    "ProposalSplitView",
    "PublicProposalListView",
]
