"""What the sessions pages read, one module per area: the records a user may see, the roll and
quorum, the pages, attendance by deputy, and the year."""

from .attendance import (
    absence_warnings,
    attendance_counts_by_deputy,
)
from .pages import (
    election_deputy_choices,
    election_detail,
    preparatory_activity_choices,
    presidium_choices,
    session_detail,
    sitting_choices_with_quorum,
    term_change_preview,
)
from .records import (
    agenda_document_get_for_user,
    agenda_item_get_for_user,
    candidate_get_for_user,
    election_get_for_user,
    preparation_task_get_for_user,
    resolution_get_for_user,
    session_choices,
    session_get_for_user,
    session_list_for_user,
    sitting_get_for_user,
)
from .roll import (
    Quorum,
    sitting_attendance_rows,
    sitting_quorum,
    sitting_roll,
)
from .year import (
    CandidateResult,
    ElectionRecord,
    ResolutionRecord,
    SessionRecord,
    sessions_dashboard,
    sessions_of_year,
    sessions_year_summary,
)

__all__ = [
    "absence_warnings",
    "attendance_counts_by_deputy",
    "election_deputy_choices",
    "election_detail",
    "preparatory_activity_choices",
    "presidium_choices",
    "session_detail",
    "sitting_choices_with_quorum",
    "term_change_preview",
    "agenda_document_get_for_user",
    "agenda_item_get_for_user",
    "candidate_get_for_user",
    "election_get_for_user",
    "preparation_task_get_for_user",
    "resolution_get_for_user",
    "session_choices",
    "session_get_for_user",
    "session_list_for_user",
    "sitting_get_for_user",
    "Quorum",
    "sitting_attendance_rows",
    "sitting_quorum",
    "sitting_roll",
    "CandidateResult",
    "ElectionRecord",
    "ResolutionRecord",
    "SessionRecord",
    "sessions_dashboard",
    "sessions_of_year",
    "sessions_year_summary",
]
