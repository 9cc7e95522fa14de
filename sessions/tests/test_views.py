import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congress.roles import Role
from congress.tests.factories import TownshipFactory
from deputies.tests.factories import DeputyFactory, MandateFactory
from sessions.models import CongressSession, SittingAttendance
from sessions.selectors import sitting_roll
from sessions.services import sitting_set_attendance
from sessions.tests.factories import CongressSessionFactory, SittingFactory, first_sitting

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
    assert "第十八届人民代表大会第三次会议" in response.content.decode()


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
    sessions = CongressSessionFactory.create_batch(60, township=staff.township)
    client.force_login(staff)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("sessions:list"))
    assert response.status_code == 200
    text = response.content.decode()
    listed = [s for s in sessions if f'"{reverse("sessions:detail", args=[s.pk])}"' in text]
    assert len(listed) == 50 and "第1页，共2页" in text


def test_staff_take_the_roll_of_a_sitting(client, staff, township):
    here, away = DeputyFactory.create_batch(2, township=township)
    session = CongressSessionFactory(township=township, term=township.current_term)
    sitting = first_sitting(session)
    client.force_login(staff)
    url = reverse("sessions:sitting_roll", args=[sitting.pk])
    form = client.get(url).content.decode()
    assert here.name in form and away.name in form
    response = client.post(url, {f"d{here.pk}": "present", f"d{away.pk}": "leave"}, follow=True)
    assert dict(SittingAttendance.objects.values_list("deputy__name", "status")) == {
        here.name: "present",
        away.name: "leave",
    }
    page = response.content.decode()
    in_office = sitting_roll(sitting=sitting).count()
    assert in_office >= 2
    # 1 present is below two thirds of those in office: the page says so.
    assert f"应到{in_office}人，出席1人，请假1人，缺席0人" in page
    assert "不足法定人数" in page


def test_the_roll_is_staff_work(client, users, township):
    sitting = first_sitting(CongressSessionFactory(township=township))
    for role in (Role.MEMBER, Role.DEPUTY):
        client.force_login(users[role])
        url = reverse("sessions:sitting_roll", args=[sitting.pk])
        assert client.get(url).status_code == 403


def test_sessions_are_named_as_official_documents_write_them(client, staff, township):
    CongressSessionFactory(township=township, term=18, number=2)
    CongressSessionFactory(township=township, term=21, number=10)
    client.force_login(staff)
    page = client.get(reverse("sessions:list")).content.decode()
    assert "第十八届人民代表大会第二次会议" in page
    assert "第二十一届人民代表大会第十次会议" in page


def test_the_roll_holds_the_deputies_in_office_on_the_sitting_day(client, staff, township):
    session = CongressSessionFactory(
        township=township,
        term=township.current_term,
        start_date=datetime.date(2024, 1, 21),
        end_date=datetime.date(2024, 1, 22),
    )
    first = SittingFactory(session=session, date=datetime.date(2024, 1, 21))
    second = SittingFactory(session=session, date=datetime.date(2024, 1, 22))
    DeputyFactory(township=township, name="在任代表")
    gone = DeputyFactory(township=township, name="会前辞职", mandate=False)
    MandateFactory(
        deputy=gone, status="resigned", end_date=datetime.date(2024, 1, 10), status_reason="辞职"
    )
    # Resigned effective the second day: on the first sitting's roll, not on the second's.
    between = DeputyFactory(township=township, name="次日辞职", mandate=False)
    MandateFactory(
        deputy=between,
        status="resigned",
        end_date=datetime.date(2024, 1, 22),
        status_reason="辞职",
    )
    client.force_login(staff)
    form = client.get(reverse("sessions:sitting_roll", args=[first.pk])).content.decode()
    assert "在任代表" in form and "次日辞职" in form and "会前辞职" not in form
    form = client.get(reverse("sessions:sitting_roll", args=[second.pk])).content.decode()
    assert "在任代表" in form and "次日辞职" not in form
    client.post(reverse("sessions:sitting_roll", args=[first.pk]), {f"d{gone.pk}": "present"})
    assert not SittingAttendance.objects.exists()  # not a field of the form: ignored
    with pytest.raises(ValidationError, match="不在当天的在任名单上"):
        sitting_set_attendance(sitting=second, statuses={between.pk: "present"}, by=staff)
    assert not SittingAttendance.objects.exists()


def test_saving_a_roll_with_nobody_marked_asks_first(client, staff, township):
    sitting = first_sitting(CongressSessionFactory(township=township, term=township.current_term))
    deputy = DeputyFactory(township=township)
    client.force_login(staff)
    url = reverse("sessions:sitting_roll", args=[sitting.pk])
    client.post(url, {f"d{deputy.pk}": "present"})
    response = client.post(url, {})
    assert "没有标记任何代表" in response.content.decode()
    assert SittingAttendance.objects.filter(sitting=sitting).count() == 1  # nothing wiped
    client.post(url, {"clear": "on"})
    assert not SittingAttendance.objects.filter(sitting=sitting).exists()
