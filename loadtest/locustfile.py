"""`make loadtest`: staff, deputies, handling units and the county using the app at once.

Each simulated user logs in through the login form with one of its role's load-test accounts
(`manage.py loadtest_users`), then opens its role's pages (loadtest/pages.py) at their weights
with a think time between them. Detail pages are opened from the links of their list, read
once as the user starts. A request counts as failed unless it answers 200 with the page's
content type: a redirect to the login page is a failure, not a page.

Logging in costs a deliberately slow password hash (about half a second of CPU), and fifty
people do not log in within the same few seconds: the figures are therefore reset once every
user is in, and from then on measured for `--measure-time` (logins are reported apart)."""

import itertools
import random
import re
import statistics
import time

import gevent
from locust import HttpUser, between, events
from locust.exception import StopUser
from locust.util.timespan import parse_timespan

from loadtest import pages

_account_counters = {role.key: itertools.count() for role in pages.ROLES}
_started = time.monotonic()
# Seconds each login took (the form and its POST), and the accounts that could not log in.
_logins: list[float] = []
_login_failures: list[str] = []
_ready: list[str] = []  # users done starting (logged in and read their lists, or failed)


@events.init_command_line_parser.add_listener
def _options(parser):
    parser.add_argument(
        "--measure-time",
        default="",
        help="measure for this long (e.g. 60s) once every user has logged in, then stop",
    )


def _user_ready(user) -> None:
    """Once the last user is in: forget the figures so far and measure from now on."""
    _ready.append(user.username)
    environment = user.environment
    options = environment.parsed_options
    if options is None or not options.measure_time or len(_ready) != options.num_users:
        return
    seconds = parse_timespan(options.measure_time)
    environment.runner.stats.reset_all()
    print(
        f"All {len(_ready)} users in after {time.monotonic() - _started:.0f} s: "
        f"measuring for {seconds} s"
    )
    gevent.spawn_later(seconds, environment.runner.quit)


@events.quitting.add_listener
def _report_logins(environment, **kwargs):
    if _logins:
        print(
            f"logins: {len(_logins)}, median {statistics.median(_logins) * 1000:.0f} ms, "
            f"slowest {max(_logins) * 1000:.0f} ms (before the figures were reset)"
        )
    if _login_failures:
        print(f"failed logins: {len(_login_failures)} ({', '.join(sorted(set(_login_failures)))})")
        environment.process_exit_code = 1


class RoleUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    role: pages.Role

    def on_start(self):
        accounts = self.role.usernames
        self.username = accounts[next(_account_counters[self.role.key]) % len(accounts)]
        if not self.log_in():
            _user_ready(self)
            raise StopUser()
        # Each list a detail page is opened from, read once: its links give the ids.
        self.lists = {}
        for page in self.role.pages:
            if page.pick_from and page.pick_from not in self.lists:
                listing = next(p for p in self.role.pages if p.path == page.pick_from)
                self.lists[page.pick_from] = self.visit(listing.path, name=listing.name)
        _user_ready(self)

    def log_in(self) -> bool:
        started = time.perf_counter()
        self.client.get(pages.LOGIN_PATH, name="login form")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            pages.LOGIN_PATH,
            data={
                "username": self.username,
                "password": pages.PASSWORD,
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": self.host + pages.LOGIN_PATH},
            allow_redirects=False,
            name="login",
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{self.username} could not log in ({response.status_code})")
                _login_failures.append(self.username)
                return False
        _logins.append(time.perf_counter() - started)
        return True

    def visit(self, path: str, *, name: str, content_type: str = pages.HTML) -> str:
        """GET the path without following redirects; anything but 200 of the expected type
        fails. Returns the body (for the links of a list)."""
        with self.client.get(
            path, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} {response.headers.get('Location', '')}")
                return ""
            if not response.headers.get("Content-Type", "").startswith(content_type):
                response.failure(f"answered {response.headers.get('Content-Type')}")
                return ""
            return response.text if content_type == pages.HTML else ""

    def open(self, page: pages.Page):
        path = page.path
        if page.pick_from:
            ids = re.findall(page.link, self.lists[page.pick_from])
            if not ids:
                # Nothing to click: the list was empty, or answered wrongly (counted there).
                self.environment.events.request.fire(
                    request_type="GET",
                    name=page.name,
                    response_time=0,
                    response_length=0,
                    response=None,
                    context={},
                    exception=LookupError(f"{self.username}: no link on {page.pick_from}"),
                )
                return
            path = page.path.format(id=random.choice(ids))
        self.visit(path, name=page.name, content_type=page.content_type)


def _tasks(role: pages.Role) -> dict:
    def task_for(page):
        def open_page(user):
            user.open(page)

        open_page.__name__ = page.name
        return open_page

    return {task_for(page): page.weight for page in role.pages}


class StaffUser(RoleUser):
    role = pages.STAFF
    weight = pages.STAFF.weight
    tasks = _tasks(pages.STAFF)


class DeputyUser(RoleUser):
    role = pages.DEPUTY
    weight = pages.DEPUTY.weight
    tasks = _tasks(pages.DEPUTY)


class UnitUser(RoleUser):
    role = pages.UNIT
    weight = pages.UNIT.weight
    tasks = _tasks(pages.UNIT)


class CountyUser(RoleUser):
    role = pages.COUNTY
    weight = pages.COUNTY.weight
    tasks = _tasks(pages.COUNTY)
