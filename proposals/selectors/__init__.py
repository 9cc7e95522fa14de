"""Every read of proposals a page shows, already scoped and joined; one module per area.

- `proposals`: the lists, a proposal's page, the dashboard and the year summary;
- `queues`: staff's and units' work queues and what is due;
- `deputy`: a deputy's own proposals and the similar-titles hint;
- `stats`: the statistics page (and the figures the reports quote);
- `report`: the key proposals and assignment meetings a report tells.
"""

from .proposals import (
    RECENT,
    MeetingRow,
    PublicItem,
    answer_category_get_for_user,
    answer_category_list_for_user,
    deputies_to_rate,
    lead_member_choices,
    meeting_assignments,
    meeting_choices,
    meeting_get_for_user,
    meeting_list_for_user,
    merge_targets,
    overdue_q,
    own_signature,
    proposal_counts_by_deputy,
    proposal_date_corrections,
    proposal_detail,
    proposal_field_get_for_user,
    proposal_field_list_for_user,
    proposal_get_for_user,
    proposal_list_for_user,
    proposal_relations,
    proposal_status_changes,
    proposals_dashboard,
    proposals_to_assign,
    proposals_year_summary,
    public_items,
    public_preview,
    public_proposals,
)

__all__ = [
    "MeetingRow",
    "PublicItem",
    "RECENT",
    "answer_category_get_for_user",
    "answer_category_list_for_user",
    "deputies_to_rate",
    "lead_member_choices",
    "meeting_assignments",
    "meeting_choices",
    "meeting_get_for_user",
    "meeting_list_for_user",
    "merge_targets",
    "overdue_q",
    "own_signature",
    "proposal_counts_by_deputy",
    "proposal_detail",
    "proposal_field_get_for_user",
    "proposal_field_list_for_user",
    "proposal_get_for_user",
    "proposal_list_for_user",
    "proposal_relations",
    "proposal_date_corrections",
    "proposal_status_changes",
    "proposals_dashboard",
    "proposals_to_assign",
    "proposals_year_summary",
    "public_items",
    "public_preview",
    "public_proposals",
]
