import datetime
import shutil
import subprocess
import time

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from conftest import require
from congress.roles import Role
from congress.tests.factories import TownshipFactory
from deputies.tests.factories import DeputyFactory
from oversight.tests.factories import OversightActionFactory
from proposals.tests.factories import ProposalFactory
from reports.models import Report
from reports.services import report_render, work_report_create
from sessions.tests.factories import CongressSessionFactory


def pdf_text(path) -> str:
    """Text as poppler's pdftotext reads it (what a reader's copy-paste would give)."""
    require(shutil.which("pdftotext") is not None, "poppler-utils (pdftotext) is not installed")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def year_of_work(township):
    """2024 in one township, with noise in 2023 and in another township that must not count."""
    CongressSessionFactory(township=township, start_date=datetime.date(2024, 1, 21))
    CongressSessionFactory(
        township=township,
        start_date=datetime.date(2023, 1, 15),
        end_date=datetime.date(2023, 1, 16),
    )
    DeputyFactory.create_batch(3, township=township, mandate__level="county")
    in_2024 = timezone.make_aware(datetime.datetime(2024, 1, 21, 14))
    for i in range(7):
        ProposalFactory(deputy__township=township, submitted_at=in_2024, is_key=i == 0)
    OversightActionFactory(
        township=township,
        kind="survey",
        activity__start_date=datetime.date(2024, 9, 2),
        activity__other_participants=86,
    )
    OversightActionFactory(
        township=township,
        kind="special_check",
        activity__start_date=datetime.date(2024, 9, 25),
        activity__other_participants=12,
    )
    other = TownshipFactory()
    ProposalFactory(deputy__township=other, submitted_at=in_2024)
    return township


def test_pdf_carries_the_chinese_title_and_the_counts(year_of_work, staff):
    report = Report.objects.create(township=year_of_work, year=2024, requested_by=staff)
    report_render(report_id=report.pk)
    report.refresh_from_db()
    assert report.state == Report.State.DONE
    text = pdf_text(report.file.path)
    assert f"{year_of_work.name}2024年度工作统计" in text
    lines = {
        " ".join(line.split()[:-1]): line.split()[-1]
        for line in text.splitlines()
        if len(line.split()) >= 2
    }
    assert lines["召开人代会"] == "1"
    assert lines["收到议案、建议和意见"] == "7"
    assert lines["其中重点议案"] == "1"
    assert lines["参加监督活动（人次）"] == "98"
    # The same text through a second, independent extractor.
    assert "年度工作统计" in PdfReader(report.file.path).pages[0].extract_text()


def test_pdf_embeds_a_chinese_font(year_of_work, staff):
    require(shutil.which("pdffonts") is not None, "poppler-utils (pdffonts) is not installed")
    report = Report.objects.create(township=year_of_work, year=2024, requested_by=staff)
    report_render(report_id=report.pk)
    report.refresh_from_db()
    fonts = subprocess.run(
        ["pdffonts", report.file.path], capture_output=True, text=True, check=True
    ).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk, fonts  # without fonts-noto-cjk WeasyPrint falls back to DejaVu and prints boxes
    assert all(" yes " in line for line in cjk)  # embedded


def test_an_existing_statistics_sheet_still_downloads(client, staff, year_of_work):
    """The statistics sheet's request page is gone (the work report replaced it); a sheet
    rendered before still downloads from its link."""
    report = Report.objects.create(township=year_of_work, year=2024, requested_by=staff)
    report_render(report_id=report.pk)
    client.force_login(staff)
    url = reverse("reports:download", args=[report.pk])
    assert url in client.get(reverse("reports:list")).content.decode()
    download = client.get(url)
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert "2024" in download["Content-Disposition"]


def test_the_statistics_sheet_request_page_is_gone(client, staff):
    client.force_login(staff)
    page = client.get(reverse("reports:list")).content.decode()
    assert "年度工作统计" not in page


def test_county_viewer_reads_no_statistics_sheet_and_deputies_none(client, users, staff):
    """A county viewer downloads final work reports only; a statistics sheet (no version) is
    not theirs to list or fetch any more."""
    mine = Report.objects.create(township=staff.township, year=2024, requested_by=staff)
    other_staff_township = TownshipFactory()
    theirs = Report.objects.create(township=other_staff_township, year=2024, requested_by=staff)
    client.force_login(users[Role.COUNTY])
    assert client.get(reverse("reports:download", args=[mine.pk])).status_code == 404
    client.force_login(staff)
    assert client.get(reverse("reports:download", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("reports:download", args=[mine.pk])).status_code == 404  # queued
    client.force_login(users[Role.DEPUTY])
    assert client.get(reverse("reports:download", args=[mine.pk])).status_code == 403


@pytest.fixture
def draft(staff):
    report = work_report_create(township=staff.township, year=2024, kind="annual", by=staff)
    return report.versions.get()


def test_unreachable_broker_marks_the_render_failed_with_a_chinese_message(
    client, staff, draft, celery_broker, django_capture_on_commit_callbacks
):
    celery_broker("redis://127.0.0.1:1/0")  # nothing listens on port 1
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:version_render", args=[draft.pk]))
    assert response.status_code == 302
    render = Report.objects.get()
    assert render.state == Report.State.FAILED
    assert "后台任务队列暂时无法连接" in client.get(response["Location"]).content.decode()


def test_a_failing_render_is_retried_and_marked_failed_only_after_the_last_try(
    client, staff, draft, monkeypatch, django_capture_on_commit_callbacks
):
    """Eager mode runs the retries at once (CELERY_TASK_EAGER_PROPAGATES is off, as in
    production without Redis), so the whole retry path runs here without a worker."""
    states_seen = []

    def broken_render(*args, **kwargs):
        states_seen.append(Report.objects.get().state)
        raise OSError("字体文件缺失")

    monkeypatch.setattr("reports.services.rendering.version_pdf", broken_render)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:version_render", args=[draft.pk]))
    assert response.status_code == 302  # the request does not see the task's failure
    assert states_seen == [Report.State.QUEUED] * 4  # the first try and 3 retries
    report = Report.objects.get()
    assert report.state == Report.State.FAILED
    assert report.error == "报告生成失败，已重试3次：字体文件缺失"
    assert report.finished_at is not None


def test_a_render_that_fails_once_then_succeeds_ends_done(staff, monkeypatch):
    from reports.tasks import render_report

    calls = []

    def flaky_render(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise ConnectionResetError("temporary")
        return b"%PDF-1.7 stand-in"

    monkeypatch.setattr("reports.services.rendering.render_pdf", flaky_render)
    report = Report.objects.create(township=staff.township, year=2024, requested_by=staff)
    render_report.delay(report.pk)
    report.refresh_from_db()
    assert len(calls) == 2
    assert report.state == Report.State.DONE and report.error == ""


def redis_url() -> str:
    return settings.TEST_REDIS_URL


def redis_available(url: str) -> bool:
    import redis

    try:
        return redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError:
        return False


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_celery_worker_renders_the_report_from_redis(township, staff, celery_broker):
    """The task goes through Redis to a real worker, which writes the PDF (a version's render
    through the pages: reports/tests/test_services.py)."""
    from celery.contrib.testing.worker import start_worker

    from reports.tasks import render_report  # registered before the worker starts

    url = redis_url()
    require(redis_available(url), f"Redis is not reachable at {url}")
    app = celery_broker(url)
    report = Report.objects.create(township=township, year=2024, requested_by=staff)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        render_report.delay(report.pk)
        deadline = time.monotonic() + 60
        while report.state == Report.State.QUEUED and time.monotonic() < deadline:
            time.sleep(0.2)
            report.refresh_from_db()
    assert report.state == Report.State.DONE, report.error
    with open(report.file.path, "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
