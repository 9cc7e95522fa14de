"""The calendar: a month of sessions and activities on a page, and the same events as an
iCalendar feed a phone subscribes to. The events come from the apps' `calendar_sources`
(congress.registry); the core imports no app."""
