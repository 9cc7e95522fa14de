"""The proposal pages, one module per area; urls.py names them from here."""

from .dates import ProposalDatesView
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
    "ProposalDatesView",
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
    # The assignment meeting, merge and split, publication, the township's lists.
    "AnswerCategoryEditView",
    "AnswerCategoryListView",
    "MeetingDetailView",
    "MeetingEditView",
    "MeetingListView",
    "MeetingSheetsPdfView",
    "ProposalFieldEditView",
    "ProposalFieldListView",
    "ProposalFieldMoveView",
    "ProposalMergeView",
    "ProposalPublishView",
    "ProposalSplitView",
    "PublicProposalListView",
]
