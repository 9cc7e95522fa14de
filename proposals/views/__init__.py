"""The proposal pages, one module per area; urls.py names them from here."""

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
    "CosignView",
    "InviteView",
    "ProposalCreateView",
    "ProposalDetailView",
    "ProposalEditView",
    "ProposalFromVoterContactView",
    "ProposalListView",
    "ProposalMoveView",
]
