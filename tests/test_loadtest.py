"""`make loadtest` cannot rot quietly: every page its simulated users open (loadtest/pages.py)
is a URL of the app that answers 200 to that role on a small bench township, every load-test
account logs in through the form and finds the links its detail pages are opened from, and
the locustfile loads in Locust."""

import io
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import resolve

from congress.models import User
from congress.tests.factories import TownshipFactory
from deputies.models import Deputy
from loadtest import pages
from proposals.models import Assignment, ProposalSigner

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def bench(db):
    call_command("make_bench_data", scale=200, stdout=io.StringIO())
    call_command("loadtest_users", stdout=io.StringIO())


def _log_in(client, username):
    response = client.post(pages.LOGIN_PATH, {"username": username, "password": pages.PASSWORD})
    assert response.status_code == 302, f"{username} could not log in"


def _path(client, page, lists) -> str:
    if not page.pick_from:
        return page.path
    if page.pick_from not in lists:
        lists[page.pick_from] = client.get(page.pick_from).content.decode()
    ids = re.findall(page.link, lists[page.pick_from])
    assert ids, f"{page.name}: no link on {page.pick_from}"
    return page.path.format(id=ids[0])


@pytest.mark.parametrize("role", pages.ROLES, ids=lambda role: role.key)
def test_every_page_of_the_load_test_answers_its_role(bench, client, role):
    _log_in(client, role.usernames[0])
    lists = {}
    for page in role.pages:
        response = client.get(_path(client, page, lists))
        assert response.status_code == 200, page.name
        assert response["Content-Type"].startswith(page.content_type), page.name


@pytest.mark.parametrize("role", pages.ROLES, ids=lambda role: role.key)
def test_every_load_test_account_has_records_to_open(bench, client, role):
    for username in role.usernames:
        client.logout()
        _log_in(client, username)
        lists = {}
        for page in role.pages:
            if page.pick_from:
                _path(client, page, lists)


def test_the_accounts_work_on_records_of_their_own(bench):
    deputies = Deputy.objects.filter(user__username__in=pages.DEPUTY.usernames)
    assert deputies.count() == len(pages.DEPUTY.usernames)
    assert all(ProposalSigner.objects.filter(deputy=deputy).exists() for deputy in deputies)
    units = {user.unit for user in User.objects.filter(username__in=pages.UNIT.usernames)}
    assert len(units) == len(pages.UNIT.usernames)
    assert all(Assignment.objects.filter(unit=unit).exists() for unit in units)


def test_the_load_test_opens_only_pages_of_the_app():
    for role in pages.ROLES:
        paths = {page.path for page in role.pages}
        for page in role.pages:
            resolve(urlsplit(page.path.format(id=1)).path)
            # A detail page is opened from a list the same role opens.
            assert not page.pick_from or page.pick_from in paths, page.name


def test_accounts_are_made_only_in_the_bench_database(db):
    with pytest.raises(CommandError, match="make_bench_data"):
        call_command("loadtest_users", stdout=io.StringIO())
    call_command("make_bench_data", scale=20, stdout=io.StringIO())
    TownshipFactory()
    with pytest.raises(CommandError, match="other townships"):
        call_command("loadtest_users", stdout=io.StringIO())


def test_the_locustfile_loads_in_locust():
    listed = subprocess.run(
        [Path(sys.executable).parent / "locust", "-f", "loadtest/locustfile.py", "--list"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert listed.returncode == 0, listed.stderr
    for user_class in ("StaffUser", "DeputyUser", "UnitUser", "CountyUser"):
        assert user_class in listed.stdout
