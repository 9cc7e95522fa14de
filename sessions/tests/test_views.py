import datetime

import pytest
from django.urls import reverse

from congress.roles import Role
from congress.tests.factories import TownshipFactory
from sessions.models import CongressSession
from sessions.tests.factories import CongressSessionFactory

VALID = {
    "term": 18,
    "number": 3,
    "start_date": "2025-01-20",
    "end_date": "2025-01-21",
    "venue": "镇政府大会议室",
}


def test_staff_register_a_session(client, staff):
    client.force_login(staff)
    response = client.post(reverse("sessions:create"), VALID, follow=True)
    session = CongressSession.objects.get()
    assert session.township == staff.township
    assert session.start_date == datetime.date(2025, 1, 20)
    assert "第18届人民代表大会第3次会议" in response.content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"end_date": "2025-01-19"}, "闭幕日期不能早于开幕日期"),
        ({"start_date": "2025-13-01"}, "输入一个有效的日期"),
        ({"venue": ""}, "这个字段是必填项"),
        ({"term": "abc"}, "输入整数"),
    ],
)
def test_bad_input_gets_a_chinese_message_and_saves_nothing(client, staff, change, message):
    client.force_login(staff)
    response = client.post(reverse("sessions:create"), {**VALID, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CongressSession.objects.exists()


def test_a_term_cannot_hold_two_sessions_with_one_number(client, staff):
    CongressSessionFactory(township=staff.township, term=18, number=3)
    client.force_login(staff)
    response = client.post(reverse("sessions:create"), VALID)
    assert "本届已有相同会次的会议" in response.content.decode()
    assert CongressSession.objects.count() == 1


def test_the_same_number_is_free_in_another_township(client, staff):
    CongressSessionFactory(township=TownshipFactory(), term=18, number=3)
    client.force_login(staff)
    client.post(reverse("sessions:create"), VALID)
    assert CongressSession.objects.filter(township=staff.township).count() == 1


def test_list_shows_only_the_users_township(client, users, township):
    CongressSessionFactory(township=township, venue="本镇会场")
    CongressSessionFactory(township=TownshipFactory(), venue="外镇会场")
    client.force_login(users[Role.DEPUTY])
    page = client.get(reverse("sessions:list")).content.decode()
    assert "本镇会场" in page and "外镇会场" not in page


def test_list_query_count_is_constant(client, staff, django_assert_max_num_queries):
    CongressSessionFactory.create_batch(60, township=staff.township)
    client.force_login(staff)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("sessions:list")).status_code == 200


def test_staff_record_session_attendance(client, staff, township):
    from deputies.tests.factories import DeputyFactory
    from sessions.models import SessionAttendance

    session = CongressSessionFactory(township=township, term=township.current_term)
    here, away = DeputyFactory.create_batch(2, township=township)
    client.force_login(staff)
    url = reverse("sessions:attendance", args=[session.pk])
    form = client.get(url).content.decode()
    assert here.name in form and away.name in form
    response = client.post(url, {f"d{here.pk}": "present", f"d{away.pk}": "leave"}, follow=True)
    assert dict(SessionAttendance.objects.values_list("deputy__name", "status")) == {
        here.name: "present",
        away.name: "leave",
    }
    assert "出席1，请假1，缺席0" in response.content.decode()


def test_session_attendance_is_staff_work(client, users, township):
    session = CongressSessionFactory(township=township)
    for role in (Role.MEMBER, Role.DEPUTY):
        client.force_login(users[role])
        assert client.get(reverse("sessions:attendance", args=[session.pk])).status_code == 403
