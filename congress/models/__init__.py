"""The shared core every app builds on, one module per part: townships, handling units and
working-day corrections; users and their calendar feeds; the notifications they receive and
the record of the scheduled jobs that ran; the audit log, former passwords and used form
tokens."""

from .notifications import JobRun, Notification
from .security import AuthEvent, FormSubmission, PasswordHistory
from .townships import Township, Unit, WorkdayOverride
from .users import CalendarFeed, User, UserHistory, new_calendar_feed_token

__all__ = [
    "AuthEvent",
    "CalendarFeed",
    "FormSubmission",
    "JobRun",
    "Notification",
    "PasswordHistory",
    "Township",
    "Unit",
    "User",
    "UserHistory",
    "WorkdayOverride",
    "new_calendar_feed_token",
]
