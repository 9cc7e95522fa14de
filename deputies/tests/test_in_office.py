"""Who is in office on a day: the roll of a sitting, what quorum and majorities will count."""

import datetime

import pytest

from deputies.selectors import deputies_in_office_on
from deputies.tests.factories import DeputyFactory, MandateFactory

DAY = datetime.date(2024, 1, 21)
ONE = datetime.timedelta(days=1)


def on_roll(township, **kwargs) -> set[str]:
    return {d.name for d in deputies_in_office_on(township=township, day=DAY, **kwargs)}


@pytest.mark.parametrize(
    ("mandate", "in_office"),
    [
        ({"start_date": DAY - 100 * ONE}, True),
        ({"start_date": None}, True),  # no start date: from the start of the term
        ({"start_date": DAY}, True),  # starting that very day
        ({"start_date": DAY + ONE}, False),  # starting the day after
        ({"status": "resigned", "end_date": DAY - ONE, "status_reason": "辞职"}, False),
        # The end date is the first day out of office: resigned on the day of the sitting.
        ({"status": "resigned", "end_date": DAY, "status_reason": "辞职"}, False),
        ({"status": "transferred", "end_date": DAY + ONE, "status_reason": "调离"}, True),
        ({"status": "terminated", "end_date": None}, False),  # ended, date never entered
    ],
)
def test_the_edges_of_a_mandate(township, mandate, in_office):
    deputy = DeputyFactory(township=township, name="甲", mandate=False)
    MandateFactory(deputy=deputy, **{"start_date": datetime.date(2021, 12, 30), **mandate})
    assert ("甲" in on_roll(township)) is in_office


def test_level_and_term_narrow_the_roll(township):
    DeputyFactory(township=township, name="本届镇代表")
    DeputyFactory(township=township, name="县代表", mandate__level="county", mandate__term=17)
    DeputyFactory(township=township, name="上届镇代表", mandate__term=17)
    term = township.current_term
    assert on_roll(township, level="township", term=term) == {"本届镇代表"}
    assert on_roll(township, level="county") == {"县代表"}
    assert on_roll(township) == {"本届镇代表", "县代表", "上届镇代表"}


def test_a_deputy_with_two_seats_is_one_person_on_the_roll(township):
    deputy = DeputyFactory(township=township, name="两级代表")
    MandateFactory(deputy=deputy, level="county", term=17)
    assert list(deputies_in_office_on(township=township, day=DAY)) == [deputy]


def test_other_townships_deputies_are_not_on_the_roll(township):
    DeputyFactory(name="外镇代表")
    assert on_roll(township) == set()
