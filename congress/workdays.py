"""Working days: statutory holidays and 调休 make-up days from the chinese-calendar package
(the years the State Council has published), corrected or extended per township by staff
(WorkdayOverride). A deadline that falls on a day off moves to the next working day."""

import datetime

from dateutil.relativedelta import relativedelta


def _published(day: datetime.date) -> bool | None:
    """Whether the published calendar says `day` is a working day; None for a year it does
    not cover."""
    import chinese_calendar

    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None


class Workdays:
    """One township's working days; reads its corrections once."""

    def __init__(self, township):
        from .models import WorkdayOverride

        self.overrides = dict(
            WorkdayOverride.objects.filter(township=township).values_list("date", "is_workday")
        )

    def is_workday(self, day: datetime.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        published = _published(day)
        return published if published is not None else day.weekday() < 5

    def on_or_after(self, day: datetime.date) -> datetime.date:
        """`day`, or the next working day if it is a day off."""
        for _ in range(60):  # the longest run of days off (春节 with weekends) is well below
            if self.is_workday(day):
                return day
            day += datetime.timedelta(days=1)
        return day

    def months_later(self, day: datetime.date, months: int) -> datetime.date:
        """The deadline `months` after `day` (the same day of the month, or that month's last
        day: 民法典 Art 201-202), moved to a working day (Art 203)."""
        return self.on_or_after(day + relativedelta(months=months))


def published_years() -> range:
    """The years chinese-calendar knows: outside them staff enter the days off."""
    import chinese_calendar.constants as constants

    years = {day.year for day in constants.holidays}
    return range(min(years), max(years) + 1)
