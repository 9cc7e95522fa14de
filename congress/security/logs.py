"""Logging filters."""

import logging


class ForbiddenWithoutTraceback(logging.Filter):
    """django.request logs a refused page (403) as a warning with the PermissionDenied's
    traceback; a refusal is expected (and the audit log has it), so keep it to one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
