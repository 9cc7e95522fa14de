"""The sessions app's models: a session, its sittings and roll, its agenda, and its votes."""

from .agenda import AgendaDocument, AgendaItem
from .sessions import (
    CongressSession,
    PreparationTask,
    SessionStatusChange,
    Sitting,
    SittingAttendance,
)
from .votes import Candidate, Election, Resolution

__all__ = [
    "AgendaDocument",
    "AgendaItem",
    "Candidate",
    "CongressSession",
    "Election",
    "PreparationTask",
    "Resolution",
    "SessionStatusChange",
    "Sitting",
    "SittingAttendance",
]
