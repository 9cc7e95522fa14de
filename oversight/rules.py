"""Local rules of oversight work, named so that a township's different practice is one change."""

# Local practice: a problem found is to be rectified within 30 days of the action that found it
# (its last day); the add form offers this day, moved onto a working day. Staff may set another.
DEFAULT_RECTIFICATION_DAYS = 30

# Local practice: the responsible unit and staff are reminded this many days before a
# rectification deadline (the deadline day itself is still in time; overdue from the next).
REMIND_DAYS_BEFORE_RECTIFICATION_DEADLINE = 3

# Evidence of a rectification: photos and documents, at most 10 MB each (as every attachment).
EVIDENCE_EXTENSIONS = ["jpg", "jpeg", "png", "pdf", "doc", "docx"]
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
# A report carries at most this many files (a request is limited to MAX_REQUEST_BYTES anyway).
MAX_EVIDENCE_FILES = 10

# The agenda item open problems are reported under at the next congress session (the title
# documents use; staff may change it).
RECTIFICATION_AGENDA_TITLE = "关于人大监督发现问题整改情况的报告"
