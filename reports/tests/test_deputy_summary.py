"""A deputy's one-page performance summary: who may download it, and what it says."""

import datetime
import io
import shutil
import subprocess
import tempfile

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import require
from congress.roles import Role
from deputies.models import Attendance, ReportToVoters, VoterContact
from deputies.tests.factories import ActivityFactory, DeputyFactory
from proposals.tests.factories import ProposalFactory


def pdf_text(content: bytes) -> str:
    require(shutil.which("pdftotext") is not None, "poppler-utils (pdftotext) is not installed")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        return subprocess.run(
            ["pdftotext", pdf.name, "-"], capture_output=True, text=True, check=True
        ).stdout


def pdf_pages(content: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def busy_deputy(users, township):
    """The deputy of `users` with a year of work in 2024, and some in 2023 that must not count."""
    deputy = users[Role.DEPUTY].deputy
    for kind, count in (("training", 2), ("inspection", 3), ("forum", 1)):
        for _ in range(count):
            Attendance.objects.create(
                activity=ActivityFactory(township=township, kind=kind),
                deputy=deputy,
                status=Attendance.Status.PRESENT,
            )
    Attendance.objects.create(
        activity=ActivityFactory(township=township, start_date=datetime.date(2023, 5, 1)),
        deputy=deputy,
        status=Attendance.Status.PRESENT,
    )
    in_2024 = timezone.make_aware(datetime.datetime(2024, 3, 1, 10))
    ProposalFactory.create_batch(4, deputy=deputy, submitted_at=in_2024)
    for day in range(1, 6):
        VoterContact.objects.create(
            deputy=deputy, date=datetime.date(2024, 6, day), voters="村民", raised="道路"
        )
    ReportToVoters.objects.create(
        deputy=deputy,
        date=datetime.date(2024, 11, 1),
        place="村委会",
        voters_attended=40,
        rating=ReportToVoters.Rating.values[0],
    )
    return deputy


def _url(deputy, year=2024):
    return f"{reverse('reports:deputy_summary', args=[deputy.pk])}?year={year}"


def test_the_summary_prints_the_deputys_year_on_one_page(client, users, busy_deputy):
    client.force_login(users[Role.STAFF])
    response = client.get(_url(busy_deputy))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert "no-store" in response["Cache-Control"]
    text = "".join(pdf_text(response.content).split())
    assert f"{busy_deputy.name}代表2024年度履职情况" in text
    assert "全年参加代表活动6次" in text  # the 2023 training does not count
    assert "视察3次" in text
    assert "提出议案、建议和意见4件" in text
    assert "联系走访选民5次" in text
    assert "向选民报告履职情况1次" in text
    assert "[" not in text  # tokens print as their values
    assert pdf_pages(response.content) == 1


@pytest.mark.parametrize(
    "role, own, status",
    [
        (Role.STAFF, False, 200),
        (Role.MEMBER, False, 200),
        (Role.DEPUTY, True, 200),
        (Role.DEPUTY, False, 404),  # another deputy of the township
        (Role.UNIT, False, 404),
        (Role.COUNTY, False, 404),
        (Role.COUNTY_ADMIN, False, 404),
    ],
)
def test_who_may_download_a_summary(client, users, township, role, own, status):
    deputy = users[Role.DEPUTY].deputy if own else DeputyFactory(township=township)
    client.force_login(users[role])
    assert client.get(_url(deputy)).status_code == status


def test_staff_of_another_township_get_404(client, users, make_user):
    from congress.tests.factories import TownshipFactory

    other = make_user(Role.STAFF, TownshipFactory())
    client.force_login(other)
    assert client.get(_url(users[Role.DEPUTY].deputy)).status_code == 404


def test_a_year_outside_the_records_gives_this_years_summary(client, users):
    client.force_login(users[Role.STAFF])
    deputy = users[Role.DEPUTY].deputy
    this_year = timezone.localdate().year
    for year in (1900, 99999, "abc"):
        response = client.get(_url(deputy, year=year))
        text = "".join(pdf_text(response.content).split())
        assert f"{deputy.name}代表{this_year}年度履职情况" in text


def test_anonymous_users_are_sent_to_the_login(client, users):
    response = client.get(_url(users[Role.DEPUTY].deputy))
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_deputy_and_staff_find_the_summary_beside_the_performance_record(client, users):
    deputy = users[Role.DEPUTY].deputy
    link = reverse("reports:deputy_summary", args=[deputy.pk]) + "?year=2024"
    client.force_login(users[Role.DEPUTY])
    assert link in client.get(reverse("deputies:me") + "?year=2024").content.decode()
    client.force_login(users[Role.STAFF])
    page = client.get(reverse("deputies:detail", args=[deputy.pk]) + "?year=2024")
    assert link in page.content.decode()
