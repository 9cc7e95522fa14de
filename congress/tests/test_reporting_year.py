"""The year a township's pages open on (congress.years.reporting_year), that the year chosen
stays from page to page, and that a past year's page counts what was true in that year."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from congress.roles import Role
from congress.years import reporting_year
from deputies.models import Mandate
from deputies.tests.factories import ActivityFactory, DeputyFactory, MandateFactory
from proposals.tests.factories import ProposalFactory
from reports.models import ReportVersion, WorkReport
from reports.workflow import VersionState
from sessions.tests.factories import CongressSessionFactory

JANUARY_2026 = datetime.date(2026, 1, 15)
DECEMBER_2026 = datetime.date(2026, 12, 8)


def annual_report(township, year, by, *, state, kind=WorkReport.Kind.ANNUAL):
    report = WorkReport.objects.create(township=township, year=year, kind=kind, created_by=by)
    return ReportVersion.objects.create(
        report=report, number=1, title=f"{year}年工作报告", state=state, created_by=by
    )


# ------------------------------------------------------------------------ the rule


def test_last_year_until_its_work_report_is_final(township, staff):
    ActivityFactory(township=township, start_date=datetime.date(2025, 6, 1))
    assert reporting_year(township=township, today=JANUARY_2026) == 2025

    version = annual_report(township, 2025, staff, state=VersionState.DRAFT)
    assert reporting_year(township=township, today=JANUARY_2026) == 2025  # January, a draft

    version.state = VersionState.REVIEW
    version.save(update_fields=["state"])
    assert reporting_year(township=township, today=JANUARY_2026) == 2025

    version.state = VersionState.FINAL
    version.save(update_fields=["state"])
    assert reporting_year(township=township, today=JANUARY_2026) == 2026


def test_only_the_annual_work_report_closes_the_year(township, staff):
    CongressSessionFactory(
        township=township,
        start_date=datetime.date(2025, 1, 20),
        end_date=datetime.date(2025, 1, 21),
    )
    annual_report(township, 2025, staff, state=VersionState.FINAL, kind=WorkReport.Kind.PROPOSALS)
    assert reporting_year(township=township, today=JANUARY_2026) == 2025


def test_another_townships_final_report_does_not_close_this_ones_year(township, staff):
    from congress.tests.factories import TownshipFactory

    ActivityFactory(township=township, start_date=datetime.date(2025, 6, 1))
    annual_report(TownshipFactory(), 2025, staff, state=VersionState.FINAL)
    assert reporting_year(township=township, today=JANUARY_2026) == 2025


def test_an_empty_last_year_opens_on_the_latest_year_with_records(township):
    """The demo: its year is 2024, seen in December 2026, with a suggestion made last month."""
    CongressSessionFactory(
        township=township,
        start_date=datetime.date(2023, 1, 20),
        end_date=datetime.date(2023, 1, 21),
    )
    ActivityFactory(township=township, start_date=datetime.date(2024, 9, 1))
    ProposalFactory(
        deputy=DeputyFactory(township=township),
        submitted_at=timezone.make_aware(datetime.datetime(2026, 11, 18, 10)),
    )
    assert reporting_year(township=township, today=DECEMBER_2026) == 2024


def test_records_of_this_year_only_open_on_this_year(township):
    ActivityFactory(township=township, start_date=datetime.date(2024, 9, 1))
    ActivityFactory(township=township, start_date=datetime.date(2026, 3, 1))
    assert reporting_year(township=township, today=DECEMBER_2026) == 2026


def test_no_records_at_all_is_this_year(township):
    ActivityFactory(start_date=datetime.date(2025, 9, 1))  # another township's
    assert reporting_year(township=township, today=JANUARY_2026) == 2026


def test_a_later_years_records_do_not_move_the_year_past_this_one(township):
    ActivityFactory(township=township, start_date=datetime.date(2024, 9, 1))
    ActivityFactory(township=township, start_date=datetime.date(2027, 1, 5))  # entered ahead
    assert reporting_year(township=township, today=DECEMBER_2026) == 2024


# ------------------------------------------------------------------------ the pages


@pytest.fixture
def last_year_at_work(township):
    """A township with records of last year and no final report: it reports on last year."""
    last_year = timezone.localdate().year - 1
    ActivityFactory(township=township, start_date=datetime.date(last_year, 6, 1))
    return last_year


def test_a_page_opened_without_a_year_shows_the_reporting_year(client, staff, last_year_at_work):
    client.force_login(staff)
    home = client.get(reverse("home"))
    assert home.context["year"] == last_year_at_work
    assert f"<strong>{last_year_at_work}</strong>" in home.content.decode()
    ranking = client.get(reverse("deputies:ranking"))
    assert ranking.context["year"] == last_year_at_work
    stats = client.get(reverse("proposals:stats"))
    assert stats.context["stats"].year == last_year_at_work


def test_a_final_report_moves_the_pages_on(client, staff, township, last_year_at_work):
    annual_report(township, last_year_at_work, staff, state=VersionState.FINAL)
    client.force_login(staff)
    assert client.get(reverse("deputies:ranking")).context["year"] == last_year_at_work + 1


def test_the_year_chosen_stays_from_page_to_page(client, staff, last_year_at_work):
    client.force_login(staff)
    assert client.get(reverse("deputies:ranking"), {"year": 2019}).context["year"] == 2019
    assert client.get(reverse("oversight:evaluations")).context["year"] == 2019
    assert client.get(reverse("proposals:stats")).context["stats"].year == 2019
    assert client.get(reverse("proposals:stats"), {"year": 2021}).context["stats"].year == 2021
    assert client.get(reverse("deputies:ranking")).context["year"] == 2021
    # Nonsense is not a choice: the year kept stands.
    assert client.get(reverse("deputies:ranking"), {"year": "abc"}).context["year"] == 2021
    assert client.get(reverse("deputies:ranking"), {"year": 1800}).context["year"] == 2021


def test_a_county_viewer_opens_on_this_year(client, users):
    client.force_login(users[Role.COUNTY])
    page = client.get(reverse("home"))
    assert page.status_code == 200
    assert page.context["year"] == timezone.localdate().year


# ------------------------------------------------------------------------ a past year's page


@freeze_time("2026-12-08 10:00:00")
def test_a_past_years_page_counts_the_deputies_in_office_on_its_31_december(
    client, users, township
):
    """The `users` fixture's deputy and one more stay in office throughout; two leave in
    2026 (one on 1 January, the first day out of office), one joins in 2026."""
    DeputyFactory(township=township, name="在任代表")
    for name, end in (
        ("辞职代表", datetime.date(2026, 3, 1)),
        ("调离代表", datetime.date(2026, 1, 1)),
    ):
        MandateFactory(
            deputy=DeputyFactory(township=township, name=name, mandate=False),
            start_date=datetime.date(2021, 12, 30),
            end_date=end,
            status=Mandate.Status.RESIGNED,
        )
    joined = DeputyFactory(township=township, name="新任代表", mandate=False)
    MandateFactory(deputy=joined, start_date=datetime.date(2026, 2, 1))
    client.force_login(users[Role.STAFF])

    figures = {f.key: f for f in client.get(reverse("home"), {"year": 2025}).context["figures"]}
    assert figures["deputies"].value == 4  # the two who stayed and the two who left
    assert str(figures["deputies"].label) == "2025年12月31日在任代表"

    figures = {f.key: f for f in client.get(reverse("home"), {"year": 2026}).context["figures"]}
    assert figures["deputies"].value == 3  # the two who stayed and the one who joined
    assert str(figures["deputies"].label) == "今日在任代表"


@freeze_time("2026-12-08 10:00:00")
def test_a_past_years_home_lists_no_proposal_of_a_later_year(client, staff, township):
    deputy = DeputyFactory(township=township)
    of_2025 = ProposalFactory(
        deputy=deputy,
        title="关于二〇二五年事项的建议",
        submitted_at=timezone.make_aware(datetime.datetime(2025, 5, 6, 10)),
    )
    of_2026 = ProposalFactory(
        deputy=deputy,
        title="关于二〇二六年事项的建议",
        submitted_at=timezone.make_aware(datetime.datetime(2026, 11, 18, 10)),
    )
    client.force_login(staff)
    panels = client.get(reverse("home"), {"year": 2025}).context["panels"]
    recent = next(panel["context"]["recent"] for panel in panels if panel["key"] == "proposals")
    assert recent == [of_2025]
    panels = client.get(reverse("home"), {"year": 2026}).context["panels"]
    recent = next(panel["context"]["recent"] for panel in panels if panel["key"] == "proposals")
    assert recent == [of_2026]
