"""The deputies app's models, one module per sub-domain."""

from .activities import Activity, ActivityAttachment, Attendance, activity_attachment_path
from .contacts import LiaisonContact, ReportToVoters, VoterContact
from .imports import RosterImport, roster_import_path
from .performance import PerformanceRules
from .roster import (
    DEPUTY_DETAILS,
    DEPUTY_PROFILE_FIELDS,
    Constituency,
    Deputy,
    DeputyGroup,
    Mandate,
)

__all__ = [
    "DEPUTY_DETAILS",
    "DEPUTY_PROFILE_FIELDS",
    "Activity",
    "ActivityAttachment",
    "Attendance",
    "Constituency",
    "Deputy",
    "DeputyGroup",
    "LiaisonContact",
    "Mandate",
    "PerformanceRules",
    "ReportToVoters",
    "RosterImport",
    "VoterContact",
    "activity_attachment_path",
    "roster_import_path",
]
