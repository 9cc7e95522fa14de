"""A year under way has points so far and no grade (kept apart from test_performance.py)."""

import datetime
import io

import pytest
from django.urls import reverse
from freezegun import freeze_time
from openpyxl import load_workbook

from congress.roles import Role
from deputies.models import Attendance
from deputies.selectors import performance_for_deputy, performance_for_year, year_is_complete
from deputies.tests.factories import ActivityFactory, DeputyFactory

PENDING = "年度未结束，暂不评定等级"


@pytest.mark.parametrize(
    ("now", "year", "complete"),
    [
        ("2024-12-31 15:59:59", 2024, False),  # 23:59:59 on 31 December in Asia/Shanghai
        ("2024-12-31 16:00:00", 2024, True),  # midnight in the township: the year is over
        ("2024-12-31 16:00:00", 2025, False),
        ("2024-06-01 00:00:00", 2023, True),
        ("2024-06-01 00:00:00", 2026, False),  # a year to come
    ],
)
def test_a_year_is_complete_once_it_is_over_in_the_township(now, year, complete):
    with freeze_time(now):  # UTC
        assert year_is_complete(year) is complete


@pytest.fixture
def trained(township):
    deputy = DeputyFactory(township=township, name="甲")
    training = ActivityFactory(township=township, start_date=datetime.date(2025, 3, 1))
    Attendance.objects.create(activity=training, deputy=deputy, status="present")
    return deputy


@freeze_time("2025-06-01 02:00")
def test_a_year_under_way_has_points_so_far_and_no_grade(township, trained):
    row = performance_for_deputy(deputy=trained, year=2025)
    assert row.points == 3 and not row.year_complete and row.grade == ""
    assert row.grade_label == PENDING
    last_year = performance_for_deputy(deputy=trained, year=2024)
    assert last_year.year_complete and last_year.grade_label == "不合格"


@freeze_time("2025-06-01 02:00")
def test_the_ranking_says_the_year_is_not_over(client, staff, trained):
    client.force_login(staff)
    page = client.get(reverse("deputies:ranking"))  # this year by default
    text = page.content.decode()
    assert "2025年度尚未结束" in text and PENDING in text
    assert "不合格" not in text
    assert [r.points for r in page.context["rows"] if r.deputy == trained] == [3]
    past = client.get(reverse("deputies:ranking"), {"year": 2024}).content.decode()
    assert "年度尚未结束" not in past and "不合格" in past


@freeze_time("2025-06-01 02:00")
def test_the_ranking_export_says_the_year_is_not_over(client, staff, trained):
    client.force_login(staff)
    response = client.get(reverse("deputies:ranking_export"), {"year": 2025})
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header[-2:] == ["截至目前积分", "等次"]
    grades = {row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert grades == {PENDING}


@freeze_time("2025-06-01 02:00")
def test_a_deputys_record_pages_say_the_year_is_not_over(client, users, staff, trained):
    client.force_login(staff)
    text = client.get(reverse("deputies:detail", args=[trained.pk])).content.decode()
    assert PENDING in text and "截至目前积分" in text and "不合格" not in text
    client.force_login(users[Role.DEPUTY])
    text = client.get(reverse("deputies:me")).content.decode()
    assert PENDING in text and "不合格" not in text
    text = client.get(reverse("deputies:me"), {"year": 2024}).content.decode()
    assert PENDING not in text and "不合格" in text


def test_no_row_is_graded_in_a_year_under_way(township, trained):
    with freeze_time("2025-12-31 12:00"):
        rows = performance_for_year(township=township, year=2025)
    assert rows and all(r.grade == "" and not r.year_complete for r in rows)
