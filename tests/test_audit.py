"""Every record a user can change keeps its history, bulk writes included, and a record
deleted in the admin keeps a history staff can still read."""

import datetime

import pytest
from django.apps import apps
from django.urls import get_resolver, reverse
from django.views.generic import RedirectView
from django.views.generic.edit import DeletionMixin
from freezegun import freeze_time

from congress.roles import Role
from congress.tests.factories import TownshipFactory
from deputies.models import Attendance
from deputies.services import activity_set_attendance
from deputies.tests.factories import ActivityFactory, DeputyFactory
from proposals.services import proposal_assign, proposal_register, proposal_submit
from sessions.models import SittingAttendance
from sessions.selectors import absence_warnings
from sessions.services import sitting_set_attendance
from sessions.tests.factories import CongressSessionFactory, first_sitting
from tests.test_isolation import PROJECT_APPS

PRESENT, LEAVE, ABSENT = "present", "leave", "absent"


def test_every_model_users_change_keeps_history():
    """Only the records no user changes by hand go without: notifications and job runs are
    the app's own output, form tokens its bookkeeping, the login log and former passwords
    are themselves the security record, and a calendar feed's replaced secret must not live
    on in a history."""
    without = {
        model._meta.label_lower
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        and not model.__name__.startswith("Historical")
        and not hasattr(model, "history")
    }
    assert without == {
        "proposals.proposalcounter",  # registration's bookkeeping: the numbers it gave remain
        "congress.notification",
        "congress.jobrun",
        "congress.formsubmission",
        "congress.authevent",
        "congress.passwordhistory",
        "congress.calendarfeed",
    }


def test_a_session_roll_marked_changed_and_cleared_keeps_who_did_what(township, make_user, users):
    """Marking, changing and clearing the roll each leave history rows with the user; the
    roll on any past day, and so the Art 62 warning of that day, can be rebuilt."""
    staff, other = users[Role.STAFF], make_user(Role.STAFF, township)
    session = CongressSessionFactory(township=township)
    sitting = first_sitting(session)
    late = DeputyFactory(township=township, name="迟到代表")
    away = DeputyFactory(township=township, name="缺席代表")
    with freeze_time("2024-01-21 09:00"):
        sitting_set_attendance(
            sitting=sitting, statuses={late.pk: ABSENT, away.pk: ABSENT}, by=staff
        )
    with freeze_time("2024-01-22 09:00"):
        sitting_set_attendance(
            sitting=sitting, statuses={late.pk: LEAVE, away.pk: ABSENT}, by=other
        )
    with freeze_time("2024-01-23 09:00"):
        sitting_set_attendance(sitting=sitting, statuses={}, by=staff, clear=True)
    assert not SittingAttendance.objects.filter(sitting=sitting).exists()

    history = SittingAttendance.history.filter(sitting_id=sitting.pk)
    assert sorted(
        (h.history_date.day, h.deputy_id, h.history_type, h.status, h.history_user.pk)
        for h in history
    ) == sorted(
        [
            (21, late.pk, "+", ABSENT, staff.pk),
            (21, away.pk, "+", ABSENT, staff.pk),
            (22, late.pk, "~", LEAVE, other.pk),  # the unchanged mark writes no row
            (23, late.pk, "-", LEAVE, staff.pk),
            (23, away.pk, "-", ABSENT, staff.pk),
        ]
    )

    def roll_on(day):
        moment = datetime.datetime.fromisoformat(f"{day}T23:00+08:00")
        return {row.deputy_id: row.status for row in SittingAttendance.history.as_of(moment)}

    assert roll_on("2024-01-21") == {late.pk: ABSENT, away.pk: ABSENT}
    assert roll_on("2024-01-22") == {late.pk: LEAVE, away.pk: ABSENT}
    assert roll_on("2024-01-23") == {}


def test_the_art_62_warning_data_survives_a_cleared_roll(township, users):
    """Two absences raised the warning; a roll cleared by mistake drops it, and the history
    says which marks were there, by whom, so the roll can be put back."""
    staff = users[Role.STAFF]
    deputy = DeputyFactory(township=township, name="两次缺席")
    sessions = [CongressSessionFactory(township=township) for _ in range(2)]
    for session in sessions:
        sitting_set_attendance(
            sitting=first_sitting(session), statuses={deputy.pk: ABSENT}, by=staff
        )
    assert list(absence_warnings(township=township)) == [deputy]
    sitting_set_attendance(sitting=first_sitting(sessions[1]), statuses={}, by=staff, clear=True)
    assert list(absence_warnings(township=township)) == []
    removed = SittingAttendance.history.get(
        history_type="-", sitting_id=first_sitting(sessions[1]).pk
    )
    assert (removed.deputy_id, removed.status, removed.history_user) == (deputy.pk, ABSENT, staff)


def test_activity_attendance_keeps_history_with_the_user(township, users, client):
    staff = users[Role.STAFF]
    activity = ActivityFactory(township=township)
    deputy = DeputyFactory(township=township)
    client.force_login(staff)
    url = reverse("deputies:activity_attendance", args=[activity.pk])
    client.post(url, {f"d{deputy.pk}": PRESENT})
    client.post(url, {f"d{deputy.pk}": LEAVE})
    client.post(url, {"clear": "on"})
    history = Attendance.history.filter(activity_id=activity.pk).order_by("history_date")
    assert [(h.history_type, h.status, h.history_user) for h in history] == [
        ("+", PRESENT, staff),
        ("~", LEAVE, staff),
        ("-", LEAVE, staff),
    ]
    page = client.get(reverse("history", args=["activity", activity.pk])).content.decode()
    assert page.count(deputy.name) >= 3


# Parts of a session staff correct while entering it (a sitting made by mistake, an agenda item,
# a document, a vote typed twice): removing one is a POST that keeps its history row with the
# user (simple_history), and a sitting with votes cannot be removed. No other record is deleted
# outside the admin.
REMOVABLE_SESSION_PARTS = {
    "sitting_delete",
    "agenda_delete",
    "document_delete",
    "resolution_delete",
    "election_delete",
}
# A working-day correction staff made is removed the same way (POST, history kept): the
# published calendar then holds again for that day.
# A section of a work report's draft staff remove (confirmed on the version page; the
# section's history keeps it, and a standard section can be drafted again from the records).
REMOVABLE = REMOVABLE_SESSION_PARTS | {"workday_delete", "section_delete"}


def test_no_page_deletes_a_proposal_or_an_activity():
    """Deleting is for the admin only: no URL of the app is a delete view, but for the parts
    of a session and the working-day corrections listed above."""

    def views(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                if getattr(pattern, "namespace", None) != "admin":
                    yield from views(pattern.url_patterns)
            else:
                yield pattern

    for pattern in views(get_resolver().url_patterns):
        view = getattr(pattern.callback, "view_class", None)
        if view is RedirectView:  # a page that moved: every method is sent on, nothing deleted
            continue
        if pattern.name in REMOVABLE:
            assert view.http_method_names == ["post"], pattern.name
            continue
        assert "delete" not in (pattern.name or ""), pattern.name
        assert view is None or not issubclass(view, DeletionMixin), pattern.name
        assert view is None or not hasattr(view, "delete"), pattern.name


@pytest.fixture
def proposal(township, users, unit):
    proposal = proposal_submit(
        deputy=users[Role.DEPUTY].deputy,
        title="修村道",
        content="村道破损",
        kind="suggestion",
        submitted_by=users[Role.STAFF],
    )
    proposal_register(proposal=proposal, by=users[Role.STAFF])
    return proposal_assign(proposal=proposal, unit=unit, by=users[Role.STAFF], note="交办")


def test_a_proposal_deleted_in_the_admin_keeps_its_history_for_staff(
    admin_client, client, proposal, users, make_user
):
    pk = proposal.pk
    admin_client.post(reverse("admin:proposals_proposal_delete", args=[pk]), {"post": "yes"})
    from proposals.models import Proposal

    assert not Proposal.objects.filter(pk=pk).exists()
    url = reverse("history", args=["proposal", pk])
    client.force_login(users[Role.STAFF])
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert "该记录已被删除，其修改历史仍予保留。" in text
    assert "“修村道”的修改历史" in text
    assert "删除" in text  # the deletion itself is a row
    assert "已交办" in text  # and so are the steps of its handling, deleted with it
    # Still staff only, and of its own township.
    client.force_login(users[Role.MEMBER])
    assert client.get(url).status_code == 404
    client.force_login(make_user(Role.STAFF, TownshipFactory()))
    assert client.get(url).status_code == 404


def test_an_activity_deleted_in_the_admin_keeps_its_history_and_roll(
    admin_client, client, township, users
):
    staff = users[Role.STAFF]
    activity = ActivityFactory(township=township, title="河道巡查")
    deputy = DeputyFactory(township=township, name="巡河代表")
    activity_set_attendance(activity=activity, statuses={deputy.pk: PRESENT}, by=staff)
    pk = activity.pk
    admin_client.post(reverse("admin:deputies_activity_delete", args=[pk]), {"post": "yes"})
    assert not Attendance.objects.exists()
    client.force_login(staff)
    text = client.get(reverse("history", args=["activity", pk])).content.decode()
    assert "“河道巡查”的修改历史" in text and "巡河代表" in text


def test_a_record_that_exists_but_is_not_visible_is_still_404(client, township, users):
    activity = ActivityFactory(township=TownshipFactory())
    client.force_login(users[Role.STAFF])
    assert client.get(reverse("history", args=["activity", activity.pk])).status_code == 404
