"""`manage.py annual_report`: the current version's PDF from the command line."""

import datetime
import io
import shutil
import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from conftest import require
from congress.roles import Role
from congress.tests.factories import TownshipFactory
from proposals.tests.factories import ProposalFactory
from reports.models import ReportVersion, WorkReport
from reports.services import work_report_create


def pdf_text(path) -> str:
    require(shutil.which("pdftotext") is not None, "poppler-utils (pdftotext) is not installed")
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return "".join(text.split())


def run(**options) -> str:
    out = io.StringIO()
    call_command("annual_report", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def proposals_of_2024(township):
    in_2024 = timezone.make_aware(datetime.datetime(2024, 3, 1, 10))
    ProposalFactory.create_batch(3, deputy__township=township, submitted_at=in_2024)
    return township


def test_generates_the_draft_first_as_the_townships_staff(tmp_path, users, proposals_of_2024):
    township = proposals_of_2024
    output = tmp_path / "out" / "report.pdf"
    message = run(township=township.name, year=2024, output=output)
    report = WorkReport.objects.get(township=township, year=2024, kind="annual")
    assert report.created_by == users[Role.STAFF]
    assert users[Role.STAFF].username in message
    assert output.read_bytes().startswith(b"%PDF")
    assert f"{township.name}人大主席团2024年工作报告" in pdf_text(output)


def test_the_proposals_report(tmp_path, users, proposals_of_2024):
    output = tmp_path / "proposals.pdf"
    run(township=proposals_of_2024.name, year=2024, output=output, kind="proposals")
    text = pdf_text(output)
    assert "关于2024年代表建议办理情况的报告" in text
    assert "共收到代表提出的议案、建议和意见3件" in text


def test_renders_the_latest_version_as_it_stands(tmp_path, users, township, make_user):
    author = make_user(Role.STAFF, township)
    report = work_report_create(township=township, year=2024, kind="annual", by=author)
    ReportVersion.objects.filter(report=report).update(title="经过修改的报告标题")
    output = tmp_path / "report.pdf"
    message = run(township=township.name, year=2024, output=output)
    assert "经过修改的报告标题" in pdf_text(output)
    assert WorkReport.objects.count() == 1
    assert "report.pdf" in message


@pytest.mark.parametrize(
    "options, words",
    [
        ({"township": "没有这个镇", "year": 2024}, "没有这个镇"),
        ({"year": 1900}, "1980"),
        ({"year": 2999}, "1980"),
        ({"year": 2024, "user": "nobody"}, "nobody"),
    ],
)
def test_clear_errors(tmp_path, users, township, options, words):
    output = tmp_path / "report.pdf"
    with pytest.raises(CommandError, match=words):
        run(**{"township": township.name, "output": output, **options})
    assert not output.exists()
    assert not WorkReport.objects.exists()


def test_a_township_without_staff_is_refused(tmp_path, db):
    township = TownshipFactory()
    with pytest.raises(CommandError, match=township.name):
        run(township=township.name, year=2024, output=tmp_path / "r.pdf")
    assert not WorkReport.objects.exists()
