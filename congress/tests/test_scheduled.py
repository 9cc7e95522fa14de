import datetime
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone
from freezegun import freeze_time

from conftest import (
    require,
    run_overlapping,
    run_scheduled_jobs_twice_on_a_worker,
    run_together,
)
from congress.models import JobRun, Notification, User
from congress.registry import ScheduledJob, run_job, scheduled_jobs
from congress.roles import Role
from congress.scheduling import jobs_due, scheduled_job_run
from proposals.reminders import DUE_SOON, answer_deadline_reminders
from proposals.tests.factories import proposal_due_in_a_week
from reports.tests.test_reports import redis_available, redis_url

TODAY = datetime.date(2024, 6, 18)


@pytest.fixture
def counting_job(monkeypatch):
    """A job registered for one test only, counting its runs."""
    runs = []

    def run(*, today):
        runs.append(today)
        return 5

    job = ScheduledJob(key="test.counting", label="计数任务", run=run)
    monkeypatch.setitem(scheduled_jobs._items, job.key, job)
    return runs


@pytest.fixture
def failing_job(monkeypatch):
    tries = []

    def run(*, today):
        tries.append(JobRun.objects.get(job="test.failing").state)
        raise RuntimeError("数据源不可用")

    job = ScheduledJob(key="test.failing", label="失败任务", run=run)
    monkeypatch.setitem(scheduled_jobs._items, job.key, job)
    return tries


def run_scheduled(*args):
    out, err = StringIO(), StringIO()
    call_command("run_scheduled", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_the_apps_register_their_jobs_in_the_core():
    keys = [job.key for job in scheduled_jobs]
    assert "proposals.answer_deadline" in keys
    assert keys[-1] == "notifications.digest"  # after the reminders it may carry


def test_beat_runs_the_due_jobs_daily_at_the_configured_hour():
    entry = settings.CELERY_BEAT_SCHEDULE["run-scheduled-jobs"]
    assert entry["task"] == "congress.tasks.run_scheduled_jobs"
    assert entry["schedule"].hour == {settings.SCHEDULED_JOBS_HOUR}
    assert entry["schedule"].minute == {0}
    assert settings.CELERY_TIMEZONE == "Asia/Shanghai"


@freeze_time("2024-06-18 07:00")
def test_run_scheduled_runs_every_due_job_once_a_day_unless_forced(db, counting_job):
    out = run_scheduled()
    assert "test.counting（计数任务）：完成，5 项" in out
    assert "proposals.answer_deadline（议案建议答复期限提醒）：完成，0 项" in out
    assert counting_job == [TODAY]
    run = JobRun.objects.get(job="test.counting")
    assert (run.day, run.state, run.count) == (TODAY, JobRun.State.DONE, 5)
    assert jobs_due(today=TODAY) == []

    out = run_scheduled()
    assert "test.counting：今天已成功运行，跳过" in out
    assert counting_job == [TODAY]

    out = run_scheduled("--job", "test.counting", "--force")
    assert counting_job == [TODAY, TODAY]
    assert "proposals.answer_deadline" not in out
    assert JobRun.objects.filter(job="test.counting").count() == 1  # one record per job and day

    with freeze_time("2024-06-19 07:00"):
        run_scheduled("--job", "test.counting")
    assert counting_job == [TODAY, TODAY, TODAY + datetime.timedelta(days=1)]


def test_run_scheduled_refuses_an_unknown_job(db):
    with pytest.raises(CommandError, match="没有定时任务 no.such"):
        run_scheduled("--job", "no.such")


@freeze_time("2024-06-18 07:00")
def test_a_failing_job_is_recorded_and_stays_due_while_the_others_run(
    db, counting_job, failing_job
):
    with pytest.raises(CommandError, match="1 个定时任务失败"):
        run_scheduled()
    assert counting_job == [TODAY]
    failed = JobRun.objects.get(job="test.failing")
    assert failed.state == JobRun.State.FAILED
    assert failed.error == "定时任务执行失败：数据源不可用"
    assert "test.failing" in [job.key for job in jobs_due(today=TODAY)]


@freeze_time("2024-06-18 07:00")
def test_the_celery_task_retries_a_failing_job_then_records_it_failed(db, failing_job):
    """Eager mode retries at once: three retries, and no failure recorded before the last."""
    from congress.tasks import run_scheduled_job

    run_scheduled_job.delay("test.failing", TODAY.isoformat())
    assert failing_job == ["running"] * 4  # the first try and 3 retries, none recorded failed
    failed = JobRun.objects.get(job="test.failing", day=TODAY)
    assert failed.state == JobRun.State.FAILED
    assert failed.error == "定时任务执行失败，已重试3次：数据源不可用"


@freeze_time("2024-06-18 07:00")
def test_run_scheduled_jobs_task_runs_each_due_job(db, counting_job):
    from congress.tasks import run_scheduled_jobs

    queued = run_scheduled_jobs.delay().get()
    assert "test.counting" in queued and "proposals.answer_deadline" in queued
    assert counting_job == [TODAY]
    assert run_scheduled_jobs.delay().get() == []


# Send at most once


@pytest.fixture
def due_soon(township, unit, make_user):
    """A proposal whose answer is due 7 days after `today`, its unit's user and a staff
    user, both wanting each notification by email."""

    def make(today=TODAY):
        proposal = proposal_due_in_a_week(
            township=township, unit=unit, make_user=make_user, today=today
        )
        # The assignment told the unit at once; the tests count what the jobs send.
        Notification.objects.all().delete()
        mail.outbox.clear()
        return proposal

    return make


def test_the_same_job_run_twice_sends_once(due_soon, django_capture_on_commit_callbacks):
    due_soon()
    with django_capture_on_commit_callbacks(execute=True):
        first = scheduled_job_run(key="proposals.answer_deadline", today=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        forced = scheduled_job_run(key="proposals.answer_deadline", today=TODAY, force=True)
    assert (first.count, forced.count) == (2, 0)
    assert Notification.objects.filter(kind=DUE_SOON).count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["staff@example.gov.cn", "unit@example.gov.cn"]


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_once_on_postgresql(due_soon):
    """The unique key alone holds: the second sweep runs while the first has stored its
    reminders but not committed, so it finds nothing sent and inserts too; its insert waits
    for the first transaction and is refused, so only one run delivers."""
    require(connection.vendor == "postgresql", "DATABASE_URL does not point at PostgreSQL")
    due_soon()

    def sweep(turn):
        with transaction.atomic():
            turn.start()
            count = answer_deadline_reminders(today=TODAY)
            turn.hold()
        return count

    assert run_overlapping(sweep, sweep) == [2, 0]
    assert Notification.objects.filter(kind=DUE_SOON).count() == 2
    assert len(mail.outbox) == 2  # delivered by the run that stored them, once


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_job_at_once_run_it_once_on_postgresql(due_soon):
    require(connection.vendor == "postgresql", "DATABASE_URL does not point at PostgreSQL")
    due_soon()

    def run(barrier):
        barrier.wait(timeout=10)
        return scheduled_job_run(key="proposals.answer_deadline", today=TODAY)

    runs = run_together(run, run)
    assert sorted(run.count for run in runs if run is not None) == [2]
    assert runs.count(None) == 1  # the other found today's run done
    assert Notification.objects.filter(kind=DUE_SOON).count() == 2
    assert JobRun.objects.get(job="proposals.answer_deadline").state == JobRun.State.DONE


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_celery_worker_runs_the_scheduled_jobs_from_redis(due_soon, celery_broker):
    """Beat's task queued twice through Redis to a real worker: the reminders and their
    emails arrive once."""

    url = redis_url()
    require(redis_available(url), f"Redis is not reachable at {url}")
    due_soon(today=timezone.localdate())
    app = celery_broker(url)
    run_scheduled_jobs_twice_on_a_worker(app)
    assert Notification.objects.filter(kind=DUE_SOON).count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["staff@example.gov.cn", "unit@example.gov.cn"]
    assert set(JobRun.objects.values_list("job", "state")) == {
        ("deputies.accounts_sync", "done"),
        ("oversight.rectification_deadline", "done"),
        ("oversight.petition_deadlines", "done"),
        ("proposals.answer_deadline", "done"),
        ("security.audit_retention", "done"),
        ("security.sessions_purge", "done"),
        ("notifications.digest", "done"),
    }


def test_run_job_uses_the_local_date(db, counting_job):
    with freeze_time("2024-06-17 16:30"):  # 00:30 on the 18th in Asia/Shanghai
        run_job("test.counting")
    assert counting_job == [TODAY]


def test_user_emails_default_to_immediate(make_user, township):
    assert make_user(Role.STAFF, township).email_frequency == User.EmailFrequency.IMMEDIATE
