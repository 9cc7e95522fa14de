"""The change of term (换届): the new term's first session ends the old term's mandates."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congress.registry import year_summaries
from congress.roles import Role
from deputies.models import Mandate
from deputies.selectors import deputies_in_office_on
from deputies.tests.factories import DeputyFactory, MandateFactory
from sessions.models import CongressSession
from sessions.services import term_start
from sessions.tests.factories import CongressSessionFactory

OPENING = datetime.date(2026, 12, 28)
FIRST_SESSION = {"start_date": "2026-12-28", "end_date": "2026-12-29", "venue": "镇政府大会议室"}


@pytest.fixture
def staff(make_user, township):
    return make_user(Role.STAFF, township)


@pytest.fixture
def terms(township):
    """Three deputies of term 18 (one also a county deputy); two elected for term 19, one of
    them re-elected and one new."""
    old = DeputyFactory.create_batch(3, township=township)
    MandateFactory(deputy=old[0], level=Mandate.Level.COUNTY, term=17)
    new = DeputyFactory(township=township, mandate=False, name="新当选代表")
    for deputy in (old[0], new):
        MandateFactory(deputy=deputy, term=19, start_date=None)
    CongressSessionFactory(township=township, term=18, number=3)
    return old, new


def in_office(township, day):
    return set(deputies_in_office_on(township=township, day=day, level="township"))


def test_a_new_term_ends_the_old_terms_mandates_on_its_first_day(township, staff, terms):
    old, new = terms
    assert len(in_office(township, OPENING)) == 4  # before: both terms count, as the issue found
    session = term_start(
        township=township,
        term=19,
        start_date=OPENING,
        end_date=OPENING + datetime.timedelta(1),
        venue="会场",
        by=staff,
    )
    township.refresh_from_db()
    assert township.current_term == 19
    assert (session.term, session.number) == (19, 1)
    assert in_office(township, OPENING - datetime.timedelta(1)) == set(old)
    assert in_office(township, OPENING) == {old[0], new}
    ended = Mandate.objects.filter(term=18)
    assert {(m.status, m.end_date, m.status_reason) for m in ended} == {
        ("expired", OPENING, "第十八届任期届满")
    }
    # The county mandate runs on the county's terms.
    assert Mandate.objects.get(level="county").status == "active"
    assert {m.start_date for m in Mandate.objects.filter(term=19)} == {OPENING}
    # The old term's session is still there and the history says who ended the mandates.
    assert CongressSession.objects.filter(term=18).exists()
    assert ended.first().history.first().history_user == staff


def test_the_year_counts_each_person_once_across_the_change(township, staff, terms):
    term_start(
        township=township,
        term=19,
        start_date=OPENING,
        end_date=OPENING,
        venue="会场",
        by=staff,
    )
    figures = {
        f.key: f.value
        for summary in year_summaries(township=township, year=2026)
        if summary.key == "deputies"
        for f in summary.figures
    }
    assert figures["township"] == 4  # three of term 18, one new; the re-elected one once
    assert figures["county"] == 1
    figures = {
        f.key: f.value
        for summary in year_summaries(township=township, year=2027)
        if summary.key == "deputies"
        for f in summary.figures
    }
    assert figures["township"] == 2


@pytest.mark.parametrize(
    ("term", "message"), [(20, "下一届应为第十九届"), (18, "下一届应为第十九届")]
)
def test_only_the_next_term_can_start(township, staff, terms, term, message):
    with pytest.raises(ValidationError, match=message):
        term_start(
            township=township,
            term=term,
            start_date=OPENING,
            end_date=OPENING,
            venue="会场",
            by=staff,
        )
    township.refresh_from_db()
    assert township.current_term == 18
    assert not Mandate.objects.filter(status="expired").exists()


def test_a_term_without_its_deputies_cannot_start(client, township, staff):
    DeputyFactory(township=township)
    client.force_login(staff)
    response = client.post(reverse("sessions:term_start"), {"term": 19, **FIRST_SESSION})
    assert "尚未登记第十九届的代表" in response.content.decode()
    township.refresh_from_db()
    assert township.current_term == 18
    assert not CongressSession.objects.exists()


def test_staff_start_the_term_from_the_page(client, township, staff, terms):
    client.force_login(staff)
    page = client.get(reverse("sessions:term_start")).content.decode()
    assert "本届是第十八届" in page
    assert "已登记第十九届代表2人；将结束的往届镇人大代表资格3个。" in page
    response = client.post(
        reverse("sessions:term_start"), {"term": 19, **FIRST_SESSION}, follow=True
    )
    text = response.content.decode()
    assert "第十九届人民代表大会第一次会议" in text
    assert "第十九届已随" in text
    township.refresh_from_db()
    assert township.current_term == 19
