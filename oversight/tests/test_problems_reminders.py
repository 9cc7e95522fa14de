"""Rectification deadline reminders with a frozen clock: due soon from three days before (the
deadline day included), overdue from the day after, to the unit's users and the township's
staff, each once however often the job runs; and once through a real Celery worker."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from django.utils.formats import date_format
from freezegun import freeze_time

from conftest import require, run_scheduled_jobs_twice_on_a_worker
from congress.models import Notification
from congress.registry import run_job
from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from oversight.models import Problem
from oversight.reminders import DUE_SOON, OVERDUE
from oversight.services.problems import problem_add, problem_report, problem_update
from oversight.tests.factories import OversightActionFactory
from oversight.workflow import ProblemStatus

JOB = "oversight.rectification_deadline"
DEADLINE = datetime.date(2024, 10, 31)


@pytest.fixture
def people(township, unit, make_user):
    """Who hears of a problem's deadline (its unit's active users, the township's staff) and
    who does not (a member, an inactive unit user, another unit, another township)."""
    staff = make_user(Role.STAFF, township, username="staff")
    unit_user = make_user(Role.UNIT, township, unit=unit, username="unit")
    make_user(Role.MEMBER, township, username="member")
    gone = make_user(Role.UNIT, township, unit=unit, username="gone")
    gone.is_active = False
    gone.save()
    make_user(Role.UNIT, township, unit=UnitFactory(township=township), username="other_unit")
    make_user(Role.STAFF, TownshipFactory(), username="other_staff")
    return staff, unit_user


@pytest.fixture
def add(township, unit, people):
    staff, _unit_user = people
    action = OversightActionFactory(township=township, activity__title="母亲河溪活动周")

    def make(deadline=DEADLINE, description="路堰养殖场污水直排"):
        with freeze_time("2024-09-12 10:00"):
            problem = problem_add(
                action=action, by=staff, description=description, unit=unit, deadline=deadline
            )
        Notification.objects.all().delete()  # the unit was told at once; only reminders here
        return problem

    return make


def run_on(day: str) -> int:
    with freeze_time(f"{day} 07:00:00+08:00"):
        return run_job(JOB)


def told(kind=None):
    rows = Notification.objects.filter(kind__in=[kind] if kind else [DUE_SOON, OVERDUE])
    return sorted(rows.values_list("recipient__username", "kind", "day"))


def test_reminders_at_their_edges(add):
    problem = add()
    assert run_on("2024-10-27") == 0  # four days before: nothing
    assert run_on("2024-10-28") == 2  # three days before: due soon
    assert told() == [("staff", DUE_SOON, DEADLINE), ("unit", DUE_SOON, DEADLINE)]
    assert run_on("2024-10-28") == 0  # the same day again: nothing more
    assert run_on("2024-10-31") == 0  # the deadline day itself: in time, told already
    assert run_on("2024-11-01") == 2  # the day after: overdue
    assert told(OVERDUE) == [("staff", OVERDUE, DEADLINE), ("unit", OVERDUE, DEADLINE)]
    assert run_on("2024-11-01") == 0
    assert run_on("2024-12-01") == 0
    soon = Notification.objects.filter(kind=DUE_SOON).first()
    assert soon.subject == "整改即将到期：“路堰养殖场污水直排”应于2024年10月31日前整改到位"
    assert soon.body.startswith("该问题由“母亲河溪活动周”发现")
    assert soon.url == f"/oversight/problems/{problem.pk}/"
    late = Notification.objects.filter(kind=OVERDUE).first()
    assert late.subject == "整改已逾期：“路堰养殖场污水直排”应于2024年10月31日前整改到位"


def test_a_missed_day_is_caught_up_once_and_the_deadline_day_still_counts_as_soon(add):
    add()
    assert run_on("2024-10-31") == 2
    assert told() == [("staff", DUE_SOON, DEADLINE), ("unit", DUE_SOON, DEADLINE)]
    assert run_on("2024-11-05") == 2  # overdue, though the job did not run on the 1st
    assert run_on("2024-11-06") == 0


@pytest.mark.parametrize("status", [ProblemStatus.REPORTED, ProblemStatus.CLOSED])
def test_a_problem_reported_fixed_or_closed_gets_nothing(add, status):
    problem = add()
    Problem.objects.filter(pk=problem.pk).update(status=status)
    assert run_on("2024-10-30") == 0
    assert run_on("2024-11-02") == 0
    assert told() == []


def test_a_problem_being_rectified_is_reminded_too(add, people):
    staff, unit_user = people
    problem = add()
    Problem.objects.filter(pk=problem.pk).update(status=ProblemStatus.IN_PROGRESS)
    assert run_on("2024-11-02") == 2
    with freeze_time("2024-11-03"):
        problem_report(
            problem=problem, by=unit_user, text="已整改", rectified_on=datetime.date(2024, 11, 3)
        )
    assert run_on("2024-11-04") == 0


def test_a_new_deadline_brings_its_own_reminders(add, people, unit):
    staff, _unit_user = people
    problem = add()
    assert run_on("2024-11-01") == 2  # overdue
    problem_update(
        problem=problem,
        by=staff,
        description=problem.description,
        unit=unit,
        deadline=datetime.date(2024, 11, 29),
    )
    Notification.objects.exclude(kind__in=[DUE_SOON, OVERDUE]).delete()
    assert run_on("2024-11-25") == 0
    assert run_on("2024-11-26") == 2
    assert {day for _user, _kind, day in told()} == {DEADLINE, datetime.date(2024, 11, 29)}


def test_the_sweep_costs_the_same_however_many_stay_overdue(add, django_assert_max_num_queries):
    for n in range(12):
        add(description=f"第{n}个问题")
    assert run_on("2024-11-01") == 24
    # problems near or past their deadline, notifications already sent: nothing to do
    with django_assert_max_num_queries(2):
        assert run_on("2024-11-02") == 0


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_rectification_reminders_once_through_redis(
    add, people, celery_broker
):
    """Beat's task queued twice through Redis to a real worker: each reminder (due today and
    overdue, to the unit and staff) arrives once, by email too."""
    import redis

    from congress.models import JobRun

    url = settings.TEST_REDIS_URL
    try:
        reachable = redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError:
        reachable = False
    require(reachable, f"Redis is not reachable at {url}")
    staff, unit_user = people
    for user in (staff, unit_user):
        user.email = f"{user.username}@example.gov.cn"
        user.save(update_fields=["email"])
    today = timezone.localdate()
    late = today - datetime.timedelta(days=3)
    add(deadline=today, description="今天到期的问题")
    add(deadline=late, description="逾期的问题")
    mail.outbox.clear()
    app = celery_broker(url)
    run_scheduled_jobs_twice_on_a_worker(app)
    due, overdue = date_format(today), date_format(late)
    assert sorted(Notification.objects.values_list("recipient__username", "kind", "subject")) == [
        ("staff", DUE_SOON, f"整改即将到期：“今天到期的问题”应于{due}前整改到位"),
        ("staff", OVERDUE, f"整改已逾期：“逾期的问题”应于{overdue}前整改到位"),
        ("unit", DUE_SOON, f"整改即将到期：“今天到期的问题”应于{due}前整改到位"),
        ("unit", OVERDUE, f"整改已逾期：“逾期的问题”应于{overdue}前整改到位"),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "staff@example.gov.cn",
        "staff@example.gov.cn",
        "unit@example.gov.cn",
        "unit@example.gov.cn",
    ]
    run = JobRun.objects.get(job=JOB, day=today)
    assert (run.state, run.count) == ("done", 4)
