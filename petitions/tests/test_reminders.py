"""The daily reminder of letters and visits' deadlines: to the township's staff, once per
record, kind and deadline, never naming who wrote or visited."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from freezegun import freeze_time

from congress import registry
from congress.models import Notification, User
from congress.roles import Role
from petitions.models import Petition
from petitions.services import ACCEPT_DUE, CONCLUDE_DUE, petition_move, petition_receive

JOB = "oversight.petition_deadlines"


@pytest.fixture
def clerk(township, make_user, users):
    user = make_user(Role.STAFF, township)
    user.user_permissions.add(Permission.objects.get(codename="view_petitioner"))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def petition(township, clerk):
    with freeze_time("2024-06-03 09:00:00+08:00"):
        return petition_receive(
            township=township,
            by=clerk,
            received_on=datetime.date(2024, 6, 3),  # accept by 2024-06-18
            channel=Petition.Channel.VISIT,
            name="李四",
            contact="13911112222",
            address="溪头村8号",
            people=1,
            category=Petition.Category.ENVIRONMENT,
            subject="养殖场异味扰民",
            content="村口养殖场异味严重",
        )


def run(day: str) -> int:
    with freeze_time(f"{day} 07:00:00+08:00"):
        return registry.run_job(JOB, today=datetime.date.fromisoformat(day))


def test_the_job_is_registered():
    assert registry.scheduled_jobs.get(JOB) is not None


def test_staff_are_told_three_days_before_the_day_to_accept_once(petition, users, clerk, make_user):
    township = petition.township
    gone = make_user(Role.STAFF, township)
    User.objects.filter(pk=gone.pk).update(is_active=False)
    assert run("2024-06-14") == 0  # four days before
    assert run("2024-06-15") == 2  # three days before: both active staff
    assert run("2024-06-15") == 0  # the job run twice the same day
    assert run("2024-06-19") == 0  # overdue now, but told once for this deadline
    notices = Notification.objects.filter(kind=ACCEPT_DUE)
    assert {n.recipient for n in notices} == {users[Role.STAFF], clerk}
    notice = notices.first()
    assert notice.subject == "信访事项请于2024年6月18日前决定是否受理：“养殖场异味扰民”"
    assert notice.day == datetime.date(2024, 6, 18)
    assert notice.url == f"/petitions/{petition.pk}/"
    for secret in ("李四", "13911112222", "溪头村"):
        assert secret not in notice.subject + notice.body


def test_a_missed_deadline_found_late_is_told_as_overdue(petition):
    assert run("2024-06-20") == 2
    notice = Notification.objects.filter(kind=ACCEPT_DUE).first()
    assert notice.subject.startswith("信访事项已超过受理期限（2024年6月18日）")


def test_the_deadline_to_conclude_gets_its_own_reminder(petition, clerk):
    with freeze_time("2024-06-10 09:00:00+08:00"):
        petition_move(petition=petition, by=clerk, move="accept")  # conclude by 2024-08-09
    assert run("2024-06-15") == 0  # accepted: nothing to accept any more
    assert run("2024-08-05") == 0
    assert run("2024-08-06") == 2
    assert run("2024-08-06") == 0
    notice = Notification.objects.get(kind=CONCLUDE_DUE, recipient=clerk)
    assert notice.subject == "信访事项请于2024年8月9日前办结：“养殖场异味扰民”"
    with freeze_time("2024-08-07 09:00:00+08:00"):
        petition_move(petition=petition, by=clerk, move="conclude", result="已整改")
    assert run("2024-08-10") == 0


def test_a_reopened_one_gets_a_reminder_for_its_new_deadline(petition, clerk):
    with freeze_time("2024-06-10 09:00:00+08:00"):
        petition_move(petition=petition, by=clerk, move="accept")
    run("2024-08-06")
    with freeze_time("2024-08-07 09:00:00+08:00"):
        petition_move(petition=petition, by=clerk, move="conclude", result="已整改")
        petition_move(petition=petition, by=clerk, move="reopen", note="群众再次反映")
    # Conclude by 2024-10-06 now: a new deadline, a new reminder.
    assert run("2024-10-03") == 2
    assert Notification.objects.filter(kind=CONCLUDE_DUE).count() == 4


def test_other_roles_and_other_townships_hear_nothing(petition, users, make_user):
    from congress.tests.factories import TownshipFactory

    elsewhere = make_user(Role.STAFF, TownshipFactory())
    run("2024-06-15")
    told = set(Notification.objects.values_list("recipient_id", flat=True))
    assert elsewhere.pk not in told
    for role in (Role.MEMBER, Role.DEPUTY, Role.UNIT):
        assert users[role].pk not in told


def test_a_day_with_everything_already_sent_reads_twice(
    township, clerk, petition, django_assert_max_num_queries
):
    for n in range(10):
        with freeze_time("2024-06-03 09:00:00+08:00"):
            petition_receive(
                township=township,
                by=clerk,
                received_on=datetime.date(2024, 6, 3),
                channel="letter",
                name=f"来信人{n}",
                contact="",
                address="",
                people=1,
                category="other",
                subject=f"事项{n}",
                content="内容",
            )
    assert run("2024-06-15") == 22
    with freeze_time("2024-06-16 07:00:00+08:00"), django_assert_max_num_queries(2):
        assert registry.run_job(JOB, today=datetime.date(2024, 6, 16)) == 0
