"""Many-to-many links keep their history like every other field (penetration test, finding 6):
a session's presidium and preparatory activities, a candidate's nominators, an election's
observers, a problem's verifiers, an action's government tasks and a user's permissions; the
history page names who was linked before and after; and a login writes no history row
without a "who"."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from congress.models import User
from congress.roles import Role
from deputies.tests.factories import ActivityFactory, DeputyFactory
from oversight.tests.factories import (
    ElectionObservationFactory,
    GovernmentTaskFactory,
    OversightActionFactory,
    ProblemFactory,
)
from sessions.models import Candidate, Election
from sessions.tests.factories import CongressSessionFactory, first_sitting


def _candidate(township):
    session = CongressSessionFactory(township=township)
    election = Election.objects.create(
        session=session, sitting=first_sitting(session), office=Election.Office.HEAD, seats=1
    )
    return Candidate.objects.create(election=election, name="候选人甲")


LINKS = {
    "presidium": (
        lambda t: CongressSessionFactory(township=t),
        lambda t: DeputyFactory(township=t),
    ),
    "preparatory_activities": (
        lambda t: CongressSessionFactory(township=t),
        lambda t: ActivityFactory(township=t),
    ),
    "nominators": (_candidate, lambda t: DeputyFactory(township=t)),
    "observers": (
        lambda t: ElectionObservationFactory(township=t),
        lambda t: DeputyFactory(township=t),
    ),
    "verifiers": (lambda t: ProblemFactory(township=t), lambda t: DeputyFactory(township=t)),
    "tasks": (
        lambda t: OversightActionFactory(township=t),
        lambda t: GovernmentTaskFactory(township=t),
    ),
}


@pytest.mark.parametrize("link", sorted(LINKS))
def test_each_link_keeps_who_linked_what_and_when(staff, township, link):
    make_record, make_linked = LINKS[link]
    record = make_record(township)
    first, second = make_linked(township), make_linked(township)
    record._history_user = staff  # as HistoryRequestMiddleware sets it in a request
    getattr(record, link).add(first, second)
    getattr(record, link).remove(first)

    entries = list(record.history.order_by("history_date", "history_id"))
    added, removed = entries[-2], entries[-1]
    target = record._meta.get_field(link).m2m_reverse_field_name()
    linked = lambda entry: sorted(  # noqa: E731
        row[f"{target}_id"] for row in getattr(entry, link).values(f"{target}_id")
    )
    assert linked(added) == sorted([first.pk, second.pk])
    assert linked(removed) == [second.pk]
    assert removed.history_user == added.history_user == staff
    change = removed.diff_against(added).changes
    assert [c.field for c in change] == [link]


def test_the_history_page_names_the_presidium_before_and_after(client, staff, township):
    session = CongressSessionFactory(township=township)
    wang = DeputyFactory(township=township, name="王主席")
    li = DeputyFactory(township=township, name="李委员")
    client.force_login(staff)
    session._history_user = staff
    session.presidium.add(wang)
    session.presidium.add(li)
    page = client.get(reverse("history", args=["session", session.pk])).content.decode()
    assert "主席团" in page
    assert "王主席、李委员" in page or "李委员、王主席" in page


def test_a_grant_is_in_the_users_history_with_who_made_it(client, county_admin, staff, township):
    client.force_login(county_admin)
    client.post(
        reverse("county:staff_permissions", args=[township.pk, staff.pk]),
        {"permissions": ["petitions.view_petitioner"], "reason": "书面申请"},
    )
    last = staff.history.order_by("-history_date", "-history_id").first()
    held = list(last.user_permissions.values_list("permission__codename", flat=True))
    assert held == ["view_petitioner"]
    assert last.history_user == county_admin
    # The admin's route is recorded too: any change of the link writes a row.
    staff.user_permissions.remove(Permission.objects.get(codename="view_petitioner"))
    last = staff.history.order_by("-history_date", "-history_id").first()
    assert not last.user_permissions.exists()


def test_logging_in_writes_no_history_row_without_a_who(client, staff, users):
    """The login saves last_login (and rehashes an initial password) before anyone is logged
    in: those saves change nothing the history shows, so they write no row."""
    before = User.history.count()
    response = client.post(
        reverse("login"), {"username": staff.username, "password": "pw-for-tests-1"}
    )
    assert response.status_code == 302
    assert User.history.count() == before
    # What staff then change is recorded with who did it.
    member = users[Role.MEMBER]
    client.post(reverse("township:account_active", args=[member.pk]), {"reason": "已调离"})
    last = member.history.order_by("-history_date", "-history_id").first()
    assert (last.is_active, last.history_user) == (False, staff)
