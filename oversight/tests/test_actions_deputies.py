"""An oversight action is the deputies' activity it owns, not a second record of it: the deputies'
pages show it like any activity but send its editing to the action, the performance record and
the calendar count it once."""

import datetime

import pytest
from django.urls import reverse

from congress.calendar.selectors import calendar_events_for_user
from congress.roles import Role
from deputies.models import Activity, Attendance
from deputies.selectors import performance_for_deputy
from deputies.selectors.summaries import deputies_year_summary
from deputies.tests.factories import ActivityFactory, DeputyFactory
from oversight.models import OversightAction
from oversight.selectors.actions import with_participants
from oversight.tests.factories import ActionStaffFactory, OversightActionFactory

D = datetime.date


@pytest.fixture
def action(township, users):
    action = OversightActionFactory(
        township=township,
        activity__title="洁净乡村工作专项督查",
        activity__start_date=D(2024, 10, 16),
    )
    Attendance.objects.create(
        activity=action.activity, deputy=users[Role.DEPUTY].deputy, status="present"
    )
    return action


def test_the_activity_form_does_not_offer_the_oversight_kind(client, staff):
    client.force_login(staff)
    form = client.get(reverse("deputies:activity_create")).context["form"]
    assert Activity.Kind.OVERSIGHT not in dict(form.fields["kind"].choices)
    response = client.post(
        reverse("deputies:activity_create"),
        {"kind": "oversight", "title": "督查", "start_date": "2024-05-06", "other_participants": 0},
    )
    assert response.status_code == 200
    assert not Activity.objects.filter(title="督查").exists()


@pytest.mark.parametrize(
    ("page", "target"),
    [
        ("deputies:activity_edit", "oversight:edit"),
        ("deputies:activity_attendance", "oversight:attendance"),
    ],
)
def test_an_actions_activity_is_edited_on_the_action(client, staff, action, page, target):
    client.force_login(staff)
    for method in (client.get, client.post):
        response = method(reverse(page, args=[action.activity.pk]))
        assert response.status_code == 302
        assert response["Location"] == reverse(target, args=[action.pk])
    assert Activity.objects.get(pk=action.activity.pk).title == "洁净乡村工作专项督查"


def test_an_ordinary_activity_is_still_edited_in_deputies(client, staff, township):
    activity = ActivityFactory(township=township)
    deputy = DeputyFactory(township=township)
    client.force_login(staff)
    form = client.get(reverse("deputies:activity_edit", args=[activity.pk]))
    assert form.status_code == 200
    assert f">{activity.title}</h1>" in form.content.decode()
    assert f'value="{activity.title}"' in form.content.decode()  # its form, filled in
    roll = client.get(reverse("deputies:activity_attendance", args=[activity.pk]))
    assert roll.status_code == 200
    assert ">登记参加情况</h1>" in roll.content.decode() and deputy.name in roll.content.decode()


def test_the_deputies_pages_list_it_like_any_activity_and_link_the_action(client, users, action):
    for role in (Role.STAFF, Role.DEPUTY):
        client.force_login(users[role])
        assert "洁净乡村工作专项督查" in client.get(reverse("deputies:activities")).content.decode()
        page = client.get(reverse("deputies:activity_detail", args=[action.activity.pk]))
        text = page.content.decode()
        assert reverse("oversight:detail", args=[action.pk]) in text
        assert reverse("deputies:activity_edit", args=[action.activity.pk]) not in text
        assert "attachment_form" not in page.context
    me = client.get(reverse("deputies:me"), {"year": 2024}).content.decode()
    assert "洁净乡村工作专项督查" in me


def test_it_counts_once_as_an_inspection_in_the_deputys_record(users, action, township):
    deputy = users[Role.DEPUTY].deputy
    ActivityFactory(township=township, kind=Activity.Kind.INSPECTION)  # not attended
    row = performance_for_deputy(deputy=deputy, year=2024)
    assert row.activities == {Activity.Kind.OVERSIGHT: 1}
    assert row.inspections == 1


@pytest.mark.parametrize("role", [Role.STAFF, Role.MEMBER, Role.DEPUTY])
def test_the_calendar_shows_it_once_opening_the_action(users, action, role):
    events = calendar_events_for_user(user=users[role], start=D(2024, 10, 1), end=D(2024, 10, 31))
    assert [(event.title, event.url) for event in events] == [
        ("洁净乡村工作专项督查", reverse("oversight:detail", args=[action.pk]))
    ]


def test_a_deputy_not_on_its_roll_does_not_see_it_in_the_calendar(action, township, make_user):
    other = make_user(Role.DEPUTY, township)
    DeputyFactory(township=township, user=other)
    assert calendar_events_for_user(user=other, start=D(2024, 10, 1), end=D(2024, 10, 31)) == []


def test_the_deputies_pages_count_the_actions_named_staff_as_oversight_does(
    client, staff, action, township
):
    """One event, one figure: the river week's 共N人次 is the same on the deputies' list, its
    activity page, the deputies' year figures and the oversight action's page."""
    ActionStaffFactory.create_batch(2, action=action)
    action.activity.other_participants = 3
    action.activity.save()
    ordinary = ActivityFactory(township=township, start_date=D(2024, 5, 1), other_participants=4)
    oversight_figure = with_participants(OversightAction.objects.filter(pk=action.pk)).get()
    assert oversight_figure.person_times == 1 + 2 + 3

    client.force_login(staff)
    listed = {
        row.pk: row.present + row.named + row.other_participants
        for row in client.get(reverse("deputies:activities")).context["object_list"]
    }
    assert listed == {action.activity.pk: 6, ordinary.pk: 4}
    detail = client.get(reverse("deputies:activity_detail", args=[action.activity.pk]))
    assert "共6人次" in detail.content.decode()
    figures = {f.key: f.value for f in deputies_year_summary(township=township, year=2024).figures}
    assert figures["activity_person_times"] == 6 + 4
