"""Everything that writes a session's records, one module per area: the session and its course,
its sittings and roll calls, its agenda and documents, its votes, and the change of term."""

from .agenda import (
    agenda_document_attach,
    agenda_document_delete,
    agenda_item_delete,
    agenda_item_save,
)
from .sessions import (
    preparation_task_add,
    preparation_task_mark,
    session_create,
    session_move,
    session_set_activities,
    session_set_presidium,
    session_update,
)
from .sittings import (
    sitting_add,
    sitting_delete,
    sitting_set_attendance,
)
from .term import (
    term_start,
)
from .votes import (
    candidate_add,
    candidate_remove,
    election_count,
    election_delete,
    election_save,
    resolution_delete,
    resolution_record,
)

__all__ = [
    "agenda_document_attach",
    "agenda_document_delete",
    "agenda_item_delete",
    "agenda_item_save",
    "preparation_task_add",
    "preparation_task_mark",
    "session_create",
    "session_move",
    "session_set_activities",
    "session_set_presidium",
    "session_update",
    "sitting_add",
    "sitting_delete",
    "sitting_set_attendance",
    "term_start",
    "candidate_add",
    "candidate_remove",
    "election_count",
    "election_delete",
    "election_save",
    "resolution_delete",
    "resolution_record",
]
