"""The Deputies Law Art 62 warning: two congress sessions missed without approved leave."""

import datetime

from django.urls import reverse

from deputies.tests.factories import DeputyFactory
from sessions.models import SittingAttendance
from sessions.selectors import absence_warnings
from sessions.tests.factories import CongressSessionFactory, first_sitting


def absent(deputy, session, status="absent"):
    SittingAttendance.objects.create(sitting=first_sitting(session), deputy=deputy, status=status)


def test_two_unexcused_absences_in_the_term_raise_the_art_62_warning(client, staff, township):
    first = CongressSessionFactory(township=township, term=township.current_term, number=1)
    second = CongressSessionFactory(township=township, term=township.current_term, number=2)
    older = CongressSessionFactory(township=township, term=township.current_term - 1, number=1)
    twice = DeputyFactory(township=township, name="两次缺席")
    once = DeputyFactory(township=township, name="一次缺席")
    excused = DeputyFactory(township=township, name="请假一次")
    old_term = DeputyFactory(township=township, name="上届缺席")
    absent(twice, first), absent(twice, second)
    absent(once, first)
    absent(excused, first), absent(excused, second, "leave")
    absent(old_term, older), absent(old_term, first)
    assert list(absence_warnings(township=township)) == [twice]
    client.force_login(staff)
    text = client.get(reverse("deputies:list")).content.decode()
    assert "未经批准两次不出席人代会" in text and "两次缺席" in text


def test_a_deputy_whose_mandate_ended_is_no_longer_warned(township):
    first = CongressSessionFactory(township=township, term=township.current_term, number=1)
    second = CongressSessionFactory(township=township, term=township.current_term, number=2)
    deputy = DeputyFactory(township=township)
    absent(deputy, first), absent(deputy, second)
    deputy.mandates.update(status="terminated", end_date=datetime.date(2024, 6, 1))
    assert not absence_warnings(township=township).exists()
