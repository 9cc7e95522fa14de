import datetime
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from freezegun import freeze_time

from congress.models import JobRun, User
from congress.registry import ScheduledJob, run_job, scheduled_jobs
from congress.roles import Role
from congress.scheduling import jobs_due

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


def test_the_core_registers_the_daily_digest_last():
    assert [job.key for job in scheduled_jobs][-1] == "notifications.digest"


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
    assert "notifications.digest（每日通知摘要邮件）：完成，0 项" in out
    assert counting_job == [TODAY]
    run = JobRun.objects.get(job="test.counting")
    assert (run.day, run.state, run.count) == (TODAY, JobRun.State.DONE, 5)
    assert jobs_due(today=TODAY) == []

    out = run_scheduled()
    assert "test.counting：今天已成功运行，跳过" in out
    assert counting_job == [TODAY]

    out = run_scheduled("--job", "test.counting", "--force")
    assert counting_job == [TODAY, TODAY]
    assert "notifications.digest" not in out
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
    assert "test.counting" in queued and "notifications.digest" in queued
    assert counting_job == [TODAY]
    assert run_scheduled_jobs.delay().get() == []


def test_run_job_uses_the_local_date(db, counting_job):
    with freeze_time("2024-06-17 16:30"):  # 00:30 on the 18th in Asia/Shanghai
        run_job("test.counting")
    assert counting_job == [TODAY]


def test_user_emails_default_to_immediate(make_user, township):
    assert make_user(Role.STAFF, township).email_frequency == User.EmailFrequency.IMMEDIATE
