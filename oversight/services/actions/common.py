"""The rules of years and names that actions, tasks, reviews and campaigns share."""

import datetime
import re
from collections.abc import Iterable

from django.utils.formats import date_format

# A year's tasks are reviewed in that year, the year-end review sometimes early in the next:
# an action or a review may concern the tasks of its own year or of the year before.
TASK_REVIEW_YEARS_AFTER = 1
FIRST_YEAR = 1980  # the oldest paper record staff may enter

# Names typed one per line or in a run separated by 、，, ; (full-width or not).
NAME_SEPARATORS = re.compile(r"[\r\n、，,；;]+")


def split_names(text: str) -> list[str]:
    """The names in a text typed one per line or separated by 、，, ; — each once, in the
    order typed, without surrounding spaces."""
    return distinct_names(NAME_SEPARATORS.split(text or ""))


def distinct_names(names: Iterable[str]) -> list[str]:
    return [name for name in dict.fromkeys(name.strip() for name in names) if name]


def format_day(value: datetime.date) -> str:
    """A day as the messages show it: 2024-05-17."""
    return date_format(value, "Y-m-d")
