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

__all__ = [
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
    "QueuesView",
    "UnitItemsView",
    "WorkdayDeleteView",
    "WorkdaysView",
]
