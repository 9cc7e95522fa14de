"""The first-run checklist on a new township's staff home: each step ticked from the records,
in a fixed number of queries, gone once every step is done."""

import datetime

import pytest
from django.urls import reverse

from congress.models import User
from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.models import Mandate
from deputies.tests.factories import (
    ConstituencyFactory,
    DeputyFactory,
    DeputyGroupFactory,
    MandateFactory,
)
from sessions.selectors.first_run import first_run_checklist
from sessions.tests.factories import CongressSessionFactory


@pytest.fixture
def new_township(db):
    return TownshipFactory(current_term=19)


@pytest.fixture
def new_staff(new_township, make_user):
    return make_user(Role.STAFF, new_township)


def ticks(user) -> dict[str, tuple[bool, int]]:
    return {step.key: (step.done, step.count) for step in first_run_checklist(user=user)}


def test_a_new_township_has_every_step_to_do_and_sees_the_panel_first(client, new_staff):
    assert ticks(new_staff) == {
        "groups": (False, 0),
        "constituencies": (False, 0),
        "units": (False, 0),
        "roster": (False, 0),
        "accounts": (False, 0),
        "session": (False, 0),
    }
    client.force_login(new_staff)
    text = client.get(reverse("home")).content.decode()
    assert 'data-testid="first-run"' in text
    assert "已完成0/6步" in text
    assert text.index('data-testid="first-run"') < text.index('data-testid="figures"')
    for url in ("deputies:groups", "deputies:constituencies", "township:units", "sessions:create"):
        assert f'href="{reverse(url)}"' in text


def test_ticks_follow_the_records(client, new_township, new_staff, make_user):
    other = TownshipFactory()  # another township's records tick nothing here
    DeputyFactory(township=other)
    UnitFactory(township=other)
    CongressSessionFactory(township=other, term=19)
    assert not any(done for done, _count in ticks(new_staff).values())

    group = DeputyGroupFactory(township=new_township)
    constituency = ConstituencyFactory(township=new_township)
    unit = UnitFactory(township=new_township)
    UnitFactory(township=new_township, is_active=False)  # a unit no longer in use: not counted
    deputies = [
        DeputyFactory(township=new_township, mandate__group=group, mandate__constituency=c)
        for c in (constituency, constituency)
    ]
    # Last term's deputy and a deputy who resigned do not make this term's roster.
    seat = {"group": group, "constituency": constituency}
    DeputyFactory(
        township=new_township, mandate__term=18, **{f"mandate__{k}": v for k, v in seat.items()}
    )
    MandateFactory(
        deputy=DeputyFactory(township=new_township, mandate=False),
        **seat,
        status=Mandate.Status.RESIGNED,
        end_date=datetime.date(2024, 3, 1),
    )
    assert ticks(new_staff) == {
        "groups": (True, 1),
        "constituencies": (True, 1),
        "units": (True, 1),
        "roster": (True, 2),
        "accounts": (False, 0),
        "session": (False, 0),
    }

    deputies[0].user = make_user(Role.DEPUTY, new_township)
    deputies[0].save(update_fields=["user"])
    assert ticks(new_staff)["accounts"] == (False, 1)  # the unit has no account yet
    make_user(Role.UNIT, new_township, unit=unit)
    steps = {step.key: step for step in first_run_checklist(user=new_staff)}
    assert (steps["accounts"].done, steps["accounts"].count) == (True, 2)
    assert steps["accounts"].detail == "代表已开通1/2个，承办单位已开通1/1个"

    CongressSessionFactory(township=new_township, term=18)  # last term's
    assert ticks(new_staff)["session"] == (False, 0)
    CongressSessionFactory(township=new_township, term=19)
    assert ticks(new_staff)["session"] == (True, 1)

    client.force_login(new_staff)
    assert 'data-testid="first-run"' not in client.get(reverse("home")).content.decode()


def test_the_checklist_takes_one_query_however_many_records(
    new_township, new_staff, make_user, django_assert_max_num_queries
):
    for _n in range(30):
        unit = UnitFactory(township=new_township)
        make_user(Role.UNIT, new_township, unit=unit)
        deputy = DeputyFactory(township=new_township)
        deputy.user = make_user(Role.DEPUTY, new_township)
        deputy.save(update_fields=["user"])
    # As every request loads the user (congress.security.backends): with the township.
    staff = User.objects.select_related("township").get(pk=new_staff.pk)
    with django_assert_max_num_queries(1):  # every count a subquery of the township
        steps = first_run_checklist(user=staff)
    assert [step.count for step in steps] == [30, 30, 30, 30, 60, 0]


def test_only_staff_see_it(client, new_township, make_user):
    client.force_login(make_user(Role.MEMBER, new_township))
    assert 'data-testid="first-run"' not in client.get(reverse("home")).content.decode()
