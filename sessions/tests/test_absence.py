"""The Deputies Law Art 62 warning: two congress sessions missed without approved leave."""

import datetime

from django.urls import reverse

from deputies.tests.factories import DeputyFactory
from sessions.models import Sitting, SittingAttendance
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


def test_the_warning_names_twenty_and_counts_the_rest(client, staff, township, monkeypatch):
    """A long warning: the first WARNING_NAMES_SHOWN by name, then how many more."""
    from deputies.selectors import roster as roster_selectors

    monkeypatch.setattr(roster_selectors, "WARNING_NAMES_SHOWN", 2)
    first = CongressSessionFactory(township=township, term=township.current_term, number=1)
    second = CongressSessionFactory(township=township, term=township.current_term, number=2)
    for name in ("甲", "乙", "丙", "丁"):
        deputy = DeputyFactory(township=township, name=name)
        absent(deputy, first), absent(deputy, second)
    client.force_login(staff)
    page = client.get(reverse("deputies:list")).content.decode()
    warning = page.split('data-testid="roster-warning-')[1].split("</div>")[0]
    assert warning.count('class="alert-link"') == 2
    assert "，另有2人" in warning


def test_present_at_another_sitting_of_the_session_is_not_a_missed_session(township):
    first = CongressSessionFactory(township=township, term=township.current_term, number=1)
    second = CongressSessionFactory(township=township, term=township.current_term, number=2)
    came_back = DeputyFactory(township=township)
    absent(came_back, first), absent(came_back, second)
    later_sitting = Sitting.objects.create(
        session=second, date=first_sitting(second).date + datetime.timedelta(days=1)
    )
    SittingAttendance.objects.create(sitting=later_sitting, deputy=came_back, status="present")
    assert not absence_warnings(township=township).exists()
    SittingAttendance.objects.filter(sitting=later_sitting).update(status="absent")
    assert list(absence_warnings(township=township)) == [came_back]
