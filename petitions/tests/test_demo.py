"""The demo's letters and visits of 2024 and the staff account allowed to see who wrote."""

import pytest

from congress.models import Unit, User
from congress.roles import Role
from demo import year2024
from demo.oversight import petitions as demo_petitions
from petitions.models import Petition
from petitions.selectors import petitions_year_summary


@pytest.fixture
def found(township, users):
    units = {
        name: Unit.objects.create(township=township, name=name, kind=kind)
        for name, kind in year2024.UNITS
    }
    return {"township": township, "units": units, "staff": users[Role.STAFF]}


def test_the_years_letters_and_visits(found, township):
    demo_petitions.seed(found)
    assert User.objects.get(pk=found["staff"].pk).has_perm("petitions.view_petitioner")
    petitions = Petition.objects.filter(township=township)
    assert petitions.count() == 6
    assert {p.received_on.year for p in petitions} == {2024}
    assert {p.channel for p in petitions} == set(Petition.Channel.values)
    statuses = sorted(petitions.values_list("status", flat=True))
    assert statuses == [
        "accepted",
        "concluded",
        "concluded",
        "concluded",
        "concluded",
        "not_accepted",
    ]
    summary = petitions_year_summary(township=township, year=2024)
    assert (summary["received"], summary["concluded"], summary["on_time"]) == (6, 4, 4)
    demo_petitions.seed(found)  # again: nothing more
    assert petitions.count() == 6
