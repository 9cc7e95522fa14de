import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from congress.roles import Role
from deputies.models import Attendance, PerformanceRules, ReportToVoters, VoterContact
from deputies.selectors import (
    Grade,
    grade_for,
    performance_for_deputy,
    performance_for_year,
)
from deputies.tests.factories import ActivityFactory, DeputyFactory, MandateFactory
from proposals.tests.factories import ProposalFactory
from sessions.models import SittingAttendance
from sessions.tests.factories import CongressSessionFactory, first_sitting

IN_2024 = timezone.make_aware(datetime.datetime(2024, 6, 1, 10))


@pytest.mark.parametrize(
    ("points", "grade"),
    [
        (Decimal("40"), Grade.EXCELLENT),  # a threshold itself earns the higher grade
        (Decimal("39.9"), Grade.QUALIFIED),
        (Decimal("20"), Grade.QUALIFIED),
        (Decimal("19.9"), Grade.BASIC),
        (Decimal("10"), Grade.BASIC),
        (Decimal("9.9"), Grade.UNQUALIFIED),
        (Decimal("0"), Grade.UNQUALIFIED),
    ],
)
def test_grade_thresholds_at_their_edges(points, grade):
    assert grade_for(points, PerformanceRules()) == grade


def test_a_years_record_counts_every_kind_of_work(township):
    deputy = DeputyFactory(township=township)
    session = CongressSessionFactory(township=township, start_date=datetime.date(2024, 1, 21))
    SittingAttendance.objects.create(
        sitting=first_sitting(session), deputy=deputy, status="present"
    )
    for kind in ("training", "training", "inspection", "survey", "forum"):
        activity = ActivityFactory(
            township=township, kind=kind, start_date=datetime.date(2024, 5, 1)
        )
        Attendance.objects.create(activity=activity, deputy=deputy, status="present")
    on_leave = ActivityFactory(township=township, start_date=datetime.date(2024, 5, 2))
    Attendance.objects.create(activity=on_leave, deputy=deputy, status="leave")
    last_year = ActivityFactory(township=township, start_date=datetime.date(2023, 5, 2))
    Attendance.objects.create(activity=last_year, deputy=deputy, status="present")
    ProposalFactory.create_batch(2, deputy=deputy, submitted_at=IN_2024)
    VoterContact.objects.create(
        deputy=deputy, date=datetime.date(2024, 3, 1), voters="村民", raised="意见"
    )
    ReportToVoters.objects.create(
        deputy=deputy, date=datetime.date(2024, 12, 1), voters_attended=40, rating="good"
    )

    record = performance_for_deputy(deputy=deputy, year=2024)
    assert (
        record.sessions_attended,
        record.trainings,
        record.inspections,
        record.other_activities,
    ) == (1, 2, 2, 1)
    assert (record.proposals, record.voter_contacts, record.reports_to_voters) == (2, 1, 1)
    # 10 + 2×3 + 2×3 + 1×2 + 2×5 + 1×2 + 1×5 with the default weights
    assert record.points == Decimal("41")
    assert record.grade == Grade.EXCELLENT


def test_staff_set_weights_and_the_ranking_follows(client, staff, township):
    top = DeputyFactory(township=township, name="甲")
    second = DeputyFactory(township=township, name="乙")
    ProposalFactory(deputy=top, submitted_at=IN_2024)
    training = ActivityFactory(township=township, start_date=datetime.date(2024, 4, 1))
    Attendance.objects.create(activity=training, deputy=second, status="present")
    client.force_login(staff)
    rows = client.get(reverse("deputies:ranking"), {"year": 2024}).context["rows"]
    assert [r.deputy.name for r in rows][:2] == ["甲", "乙"]  # 5 points beat 3

    response = client.post(
        reverse("deputies:performance_rules"),
        {
            "session_points": 10,
            "training_points": 8,
            "inspection_points": 3,
            "activity_points": 2,
            "proposal_points": 5,
            "voter_contact_points": 2,
            "report_points": 5,
            "excellent_from": 40,
            "qualified_from": 20,
            "basic_from": 10,
        },
    )
    assert response.status_code == 302
    rows = client.get(reverse("deputies:ranking"), {"year": 2024}).context["rows"]
    assert [(r.rank, r.deputy.name) for r in rows][:2] == [(1, "乙"), (2, "甲")]


def test_thresholds_that_do_not_rise_are_refused(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("deputies:performance_rules"),
        {
            "session_points": 10,
            "training_points": 3,
            "inspection_points": 3,
            "activity_points": 2,
            "proposal_points": 5,
            "voter_contact_points": 2,
            "report_points": 5,
            "excellent_from": 20,
            "qualified_from": 20,
            "basic_from": 10,
        },
    )
    assert "等次起点分应依次升高" in response.content.decode()
    assert not PerformanceRules.objects.exists()


def test_equal_points_share_a_rank(township):
    DeputyFactory.create_batch(3, township=township)
    rows = performance_for_year(township=township, year=2024)
    assert {r.rank for r in rows} == {1}


def test_ranking_and_export_are_constant_in_queries(
    client, staff, township, django_assert_max_num_queries
):
    deputies = DeputyFactory.create_batch(40, township=township)
    activity = ActivityFactory(township=township, start_date=datetime.date(2024, 3, 3))
    for deputy in deputies:
        Attendance.objects.create(activity=activity, deputy=deputy, status="present")
        ProposalFactory(deputy=deputy, submitted_at=IN_2024)
    client.force_login(staff)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("deputies:ranking"), {"year": 2024}).status_code == 200
    with django_assert_max_num_queries(14):
        response = client.get(reverse("deputies:ranking_export"), {"year": 2024})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_deputy_sees_their_own_record_and_nobody_elses_points(client, users, township):
    other = DeputyFactory(township=township, name="别的代表")
    ProposalFactory(deputy=users[Role.DEPUTY].deputy, submitted_at=timezone.now())
    client.force_login(users[Role.DEPUTY])
    page = client.get(reverse("deputies:me"))
    assert page.context["record"].proposals == 1
    assert "别的代表" not in page.content.decode()
    assert client.get(reverse("deputies:ranking")).status_code == 403
    assert client.get(reverse("deputies:detail", args=[other.pk])).status_code == 403


def test_members_cannot_see_points(client, users, township):
    deputy = DeputyFactory(township=township)
    client.force_login(users[Role.MEMBER])
    page = client.get(reverse("deputies:detail", args=[deputy.pk]))
    assert page.status_code == 200 and "record" not in page.context
    text = page.content.decode()
    assert f">{deputy.name}</h1>" in text  # the deputy's page, without the record's section
    assert "履职档案" not in text and "积分" not in text


def test_deputies_out_of_office_all_year_are_not_ranked(township):
    DeputyFactory(township=township, name="在任")
    gone = DeputyFactory(township=township, name="已离任", mandate=False)
    MandateFactory(
        deputy=gone, status="resigned", end_date=datetime.date(2023, 6, 1), status_reason="辞职"
    )
    names = {r.deputy.name for r in performance_for_year(township=township, year=2024)}
    assert "在任" in names and "已离任" not in names
