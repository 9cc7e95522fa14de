"""The ranking computed by the database: the same ranks, points and grades as the rules give by
hand, a page at a time, in a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deputies.models import Attendance, PerformanceRules, ReportToVoters, VoterContact
from deputies.selectors import performance_for_deputy, performance_for_year
from deputies.tests.factories import ActivityFactory, DeputyFactory, MandateFactory
from proposals.tests.factories import ProposalFactory
from sessions.models import SittingAttendance
from sessions.tests.factories import CongressSessionFactory, SittingFactory

IN_2024 = timezone.make_aware(datetime.datetime(2024, 6, 1, 10))
IN_2023 = timezone.make_aware(datetime.datetime(2023, 6, 1, 10))


def _rules(township):
    # Fractional weights: 3 × 0.1 must tie with 1 × 0.3 (it does not in binary floating point).
    return PerformanceRules.objects.create(
        township=township,
        session_points=Decimal("10"),
        training_points=Decimal("2.5"),
        inspection_points=Decimal("1.5"),
        activity_points=Decimal("0.5"),
        proposal_points=Decimal("2.5"),
        voter_contact_points=Decimal("0.1"),
        report_points=Decimal("0.3"),
        excellent_from=Decimal("22.5"),
        qualified_from=Decimal("5.5"),
        basic_from=Decimal("0.3"),
    )


def _session(township, day):
    return CongressSessionFactory(township=township, start_date=day, end_date=day)


def _attend(activity, deputy, status="present"):
    Attendance.objects.create(activity=activity, deputy=deputy, status=status)


@pytest.fixture
def varied(township):
    """Deputies whose records exercise every count, the thresholds and the ties."""
    _rules(township)
    a = DeputyFactory(township=township, name="甲")
    b = DeputyFactory(township=township, name="乙")
    c = DeputyFactory(township=township, name="丙")
    d = DeputyFactory(township=township, name="丁")
    e = DeputyFactory(township=township, name="戊")
    g = DeputyFactory(township=township, name="己")
    gone = DeputyFactory(township=township, name="已离任", mandate=False)
    MandateFactory(
        deputy=gone, status="resigned", end_date=datetime.date(2023, 6, 1), status_reason="辞职"
    )

    first = _session(township, datetime.date(2024, 1, 21))
    first_a, first_b = SittingFactory(session=first), SittingFactory(session=first)
    second_a = SittingFactory(session=_session(township, datetime.date(2024, 12, 20)))
    earlier = _session(township, datetime.date(2023, 1, 20))
    marks = [
        # 甲: absent from one sitting, present at the other: the session counts as attended.
        (first_a, a, "absent"),
        (first_b, a, "present"),
        (second_a, a, "present"),
        (first_a, b, "present"),
        # 丙: on leave, then on leave and absent (on leave wins), then missed.
        (first_a, c, "leave"),
        (first_b, c, "absent"),
        (second_a, c, "absent"),
        (SittingFactory(session=earlier), c, "present"),  # another year
    ]
    for sitting, deputy, status in marks:
        SittingAttendance.objects.create(sitting=sitting, deputy=deputy, status=status)

    training = ActivityFactory(township=township, kind="training")
    _attend(training, a)
    _attend(training, c, status="leave")  # not attended: no points
    for kind in ("inspection", "survey", "oversight"):
        _attend(ActivityFactory(township=township, kind=kind), g)
    for kind in ("forum", "other"):
        _attend(ActivityFactory(township=township, kind=kind), g)
    last_year = ActivityFactory(township=township, start_date=datetime.date(2023, 5, 1))
    _attend(last_year, e)

    for _ in range(5):
        ProposalFactory(deputy=b, submitted_at=IN_2024)
    ProposalFactory(deputy=e, submitted_at=IN_2024, status="draft")
    ProposalFactory(deputy=e, submitted_at=IN_2024, status="withdrawn")
    ProposalFactory(deputy=e, submitted_at=IN_2023)

    for day in (1, 2, 3):
        VoterContact.objects.create(
            deputy=c, date=datetime.date(2024, 3, day), voters="村民", raised="意见"
        )
    ReportToVoters.objects.create(
        deputy=d, date=datetime.date(2024, 12, 1), voters_attended=40, rating="good"
    )
    return {"甲": a, "乙": b, "丙": c, "丁": d, "戊": e, "己": g}


# Worked out by hand from the rules above:
# 甲 2 sessions × 10 + 1 training × 2.5 = 22.5, excellent (the threshold itself)
# 乙 1 session × 10 + 5 proposals × 2.5 = 22.5, excellent, the same rank as 甲
# 己 3 inspections, surveys or oversight × 1.5 + 2 other activities × 0.5 = 5.5, qualified
# 丙 3 voter contacts × 0.1 = 0.3, basically qualified; 丁 1 report × 0.3 = 0.3, the same rank
# 戊 nothing this year (a draft, a withdrawn and last year's proposal, last year's training)
EXPECTED = [
    # rank, name, points, grade
    (1, "乙", Decimal("22.5"), "excellent"),
    (1, "甲", Decimal("22.5"), "excellent"),
    (3, "己", Decimal("5.5"), "qualified"),
    (4, "丁", Decimal("0.3"), "basic"),
    (4, "丙", Decimal("0.3"), "basic"),
    (6, "戊", Decimal("0"), "unqualified"),
]


def _ranking(rows):
    return [(r.rank, r.deputy.name, r.points, r.grade) for r in rows]


def test_ranks_points_and_grades_follow_the_rules(township, varied):
    rows = performance_for_year(township=township, year=2024)
    # Names sort in the database's order (these are not in pinyin order): compare as sets
    # within a rank, then the order of the ranks.
    assert sorted(_ranking(rows)) == sorted(EXPECTED)
    assert [r.rank for r in rows] == [1, 1, 3, 4, 4, 6]
    by_name = {r.deputy.name: r for r in rows}
    a, b, c, g = by_name["甲"], by_name["乙"], by_name["丙"], by_name["己"]
    assert (a.sessions_attended, a.sessions_on_leave, a.sessions_absent) == (2, 0, 0)
    assert (b.sessions_attended, b.proposals) == (1, 5)
    assert (c.sessions_attended, c.sessions_on_leave, c.sessions_absent) == (0, 1, 1)
    assert (c.trainings, c.voter_contacts) == (0, 3)
    assert (a.trainings, g.inspections, g.other_activities) == (1, 3, 2)
    assert g.activities == {"inspection": 1, "survey": 1, "oversight": 1, "forum": 1, "other": 1}
    assert by_name["丁"].reports_to_voters == 1
    assert by_name["戊"].proposals == 0 and by_name["戊"].activities == {}


def test_a_deputys_record_matches_their_line_in_the_ranking(township, varied):
    ranking = {r.deputy.pk: r for r in performance_for_year(township=township, year=2024)}
    for deputy in varied.values():
        record = performance_for_deputy(deputy=deputy, year=2024)
        line = ranking[deputy.pk]
        assert record.deputy == deputy
        assert (record.points, record.grade, record.activities) == (
            line.points,
            line.grade,
            line.activities,
        )
        assert (record.sessions_attended, record.sessions_on_leave, record.sessions_absent) == (
            line.sessions_attended,
            line.sessions_on_leave,
            line.sessions_absent,
        )


def test_the_ranking_pages_keep_the_ranks(client, staff, township, varied, monkeypatch):
    monkeypatch.setattr("deputies.views.performance.PAGE_SIZE", 4)
    client.force_login(staff)
    url = reverse("deputies:ranking")
    first = client.get(url, {"year": 2024}).context
    second = client.get(url, {"year": 2024, "page": 2}).context
    everyone = performance_for_year(township=township, year=2024)  # and the staff's deputy
    assert first["paginator"].count == len(everyone) == 7
    assert first["paginator"].num_pages == 2
    assert [r.rank for r in first["rows"]] == [1, 1, 3, 4]
    assert [r.rank for r in second["rows"]] == [4, 6, 6]
    assert _ranking([*first["rows"], *second["rows"]]) == _ranking(everyone)
    # As Paginator.get_page: past the end, the last page; not a number, the first.
    assert client.get(url, {"year": 2024, "page": 9}).context["page_obj"].number == 2
    assert client.get(url, {"year": 2024, "page": "x"}).context["page_obj"].number == 1


def test_a_year_without_deputies_has_an_empty_ranking(client, staff):
    client.force_login(staff)
    page = client.get(reverse("deputies:ranking"), {"year": 1990})
    assert page.status_code == 200 and list(page.context["rows"]) == []
    text = page.content.decode()
    assert ">1990年代表履职排名</h1>" in text and "当年没有在任代表。" in text


def _busy_deputies(township, n):
    session = CongressSessionFactory(township=township, start_date=datetime.date(2024, 1, 21))
    sitting = SittingFactory(session=session)
    activity = ActivityFactory(township=township, kind="inspection")
    for deputy in DeputyFactory.create_batch(n, township=township):
        SittingAttendance.objects.create(sitting=sitting, deputy=deputy, status="present")
        _attend(activity, deputy)
        ProposalFactory(deputy=deputy, submitted_at=IN_2024)
        VoterContact.objects.create(
            deputy=deputy, date=datetime.date(2024, 3, 1), voters="村民", raised="意见"
        )


def _queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("name", ["deputies:ranking", "deputies:ranking_export"])
def test_the_ranking_takes_as_many_queries_for_many_deputies_as_for_few(
    client, staff, township, name
):
    client.force_login(staff)
    url = reverse(name)
    _busy_deputies(township, 3)
    few = _queries(client, url, {"year": 2024})
    _busy_deputies(township, 60)
    assert _queries(client, url, {"year": 2024}) == few
