"""What the simulated users of `make loadtest` open, and how often: one table per role.

Plain data, no Locust and no Django, so that both the locustfile and the test that keeps it
honest (tests/test_loadtest.py walks every row with Django's client) read the same table.

A row's weight is how often a user of that role picks it among their pages. A path with `{id}`
is a detail page: its id is one of the links matching `link` on the list page `pick_from`, as a
user clicks from the list into a record."""

import os
from dataclasses import dataclass
from urllib.parse import urlencode

# The load test's accounts, made by `manage.py loadtest_users` in the bench database only.
ACCOUNT_COUNT = int(os.environ.get("LOADTEST_ACCOUNTS", "5"))
PASSWORD = os.environ.get("LOADTEST_PASSWORD", "Bench-Load-2024!")
LOGIN_PATH = "/accounts/login/"

# Links as the list templates write them ({% url %} of a detail page).
PROPOSAL_LINK = r'href="/proposals/(\d+)/"'
DEPUTY_LINK = r'href="/deputies/(\d+)/"'
FINAL_PDF_LINK = r'href="/reports/versions/(\d+)/pdf/"'

HTML = "text/html"
PDF = "application/pdf"


@dataclass(frozen=True)
class Page:
    name: str  # the row in the results table; ids never split it
    path: str
    weight: int
    pick_from: str = ""
    link: str = ""
    content_type: str = HTML


@dataclass(frozen=True)
class Role:
    key: str
    weight: int  # how many of the simulated users have this role, relative to the others
    usernames: tuple[str, ...]
    pages: tuple[Page, ...]


def usernames(role: str, count: int = ACCOUNT_COUNT) -> tuple[str, ...]:
    """The role's load-test accounts: several, as several people of each role work at once."""
    if role == "county":
        return ("loadtest-county",)
    return tuple(f"loadtest-{role}-{n}" for n in range(1, count + 1))


# Staff work in the office all day: the proposal list above all, filtered, searched and paged,
# the records behind it, the roster, the queues; the ranking and oversight now and then.
STAFF = Role(
    key="staff",
    weight=3,
    usernames=usernames("staff"),
    pages=(
        Page("staff: home", "/", 2),
        Page("staff: proposal list", "/proposals/", 6),
        Page("staff: proposal list, by status", "/proposals/?status=assigned", 2),
        Page("staff: proposal list, search", "/proposals/?" + urlencode({"q": "第4217项"}), 1),
        Page("staff: proposal list, page 2", "/proposals/?page=2", 2),
        Page("staff: proposal", "/proposals/{id}/", 4, "/proposals/", PROPOSAL_LINK),
        Page("staff: roster", "/deputies/", 2),
        Page("staff: deputy", "/deputies/{id}/", 1, "/deputies/", DEPUTY_LINK),
        Page("staff: ranking", "/deputies/performance/?year=2024", 1),
        Page("staff: queues", "/proposals/queues/", 2),
        Page("staff: oversight actions", "/oversight/", 1),
        Page("staff: problems", "/oversight/problems/", 1),
    ),
)
# Deputies are the most numerous and the least frequent: they look at what became of their
# proposals, mostly on a phone.
DEPUTY = Role(
    key="deputy",
    weight=4,
    usernames=usernames("deputy"),
    pages=(
        Page("deputy: home", "/", 3),
        Page("deputy: my proposals", "/proposals/mine/", 3),
        Page("deputy: own proposal", "/proposals/{id}/", 2, "/proposals/mine/", PROPOSAL_LINK),
        Page("deputy: my record", "/deputies/me/", 1),
    ),
)
# Handling units work through what is assigned to them.
UNIT = Role(
    key="unit",
    weight=2,
    usernames=usernames("unit"),
    pages=(
        Page("unit: home", "/", 1),
        Page("unit: queue", "/proposals/unit/", 3),
        Page("unit: item", "/proposals/{id}/", 2, "/proposals/unit/", PROPOSAL_LINK),
    ),
)
# The county reads the townships' final reports and downloads them.
COUNTY = Role(
    key="county",
    weight=1,
    usernames=usernames("county"),
    pages=(
        Page("county: final reports", "/reports/", 2),
        Page(
            "county: report PDF",
            "/reports/versions/{id}/pdf/",
            1,
            "/reports/",
            FINAL_PDF_LINK,
            content_type=PDF,
        ),
    ),
)
ROLES = (STAFF, DEPUTY, UNIT, COUNTY)
