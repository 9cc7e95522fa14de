"""Rules of the visibility layer that the penetration test found no test holding (finding 7):
every account of a township's role has its township (a database constraint; the county's
roles none), `visible_to` returns nothing for a user it cannot place, and READS alone keeps
letters and visits (信访) from presidium members, whatever permissions they are given."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from django.urls import reverse

from congress.models import User
from congress.roles import COUNTY_ROLES, READS, TOWNSHIP_ROLES, Role
from congress.scoping import visible_to
from congress.tests.factories import TownshipFactory
from petitions.tests.factories import PetitionFactory
from proposals.tests.factories import ProposalFactory


@pytest.mark.parametrize(
    ("role", "with_township", "with_unit"),
    [
        *((role, False, role == Role.UNIT) for role in sorted(TOWNSHIP_ROLES)),  # no township
        *((role, True, False) for role in sorted(COUNTY_ROLES)),  # a county role with one
        (Role.UNIT, True, False),  # a unit's account without its unit
    ],
)
def test_the_database_refuses_an_account_it_could_not_place(
    db, unit, role, with_township, with_unit
):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(
            username="misplaced",
            role=role,
            township=unit.township if with_township else None,
            unit=unit if with_unit else None,
        )


def test_the_database_takes_every_placed_account(db, unit):
    for number, role in enumerate(TOWNSHIP_ROLES):
        User.objects.create(
            username=f"placed{number}",
            role=role,
            township=unit.township,
            unit=unit if role == Role.UNIT else None,
        )
    for role in COUNTY_ROLES:
        User.objects.create(username=f"county-{role}", role=role)
    User.objects.create(username="admin-own", role="")  # the admin's own accounts
    assert User.objects.count() == len(TOWNSHIP_ROLES) + len(COUNTY_ROLES) + 1


@pytest.fixture
def rows_in_two_townships(users, township):
    """Proposals and letters in the users' township and in another one."""
    other = TownshipFactory()
    for place in (township, other):
        ProposalFactory(township=place)
        PetitionFactory(township=place)
    return other


@pytest.mark.parametrize("role", sorted(TOWNSHIP_ROLES))
def test_visible_to_shows_nothing_to_a_township_role_without_a_township(
    rows_in_two_townships, unit, role
):
    """An account the constraint would refuse (made in memory here): for every model READS
    lists, not one row of any township."""
    homeless = User(pk=10_000, username="homeless", role=role, township=None, unit=unit)
    seen = {
        label: visible_to(apps.get_model(label).objects.all(), homeless).count() for label in READS
    }
    assert not any(seen.values()), {label: n for label, n in seen.items() if n}


def test_the_rows_exist_for_the_placed_staff(rows_in_two_townships, staff):
    """The test above proves something only because the rows are there for someone."""
    from petitions.models import Petition
    from proposals.models import Proposal

    assert visible_to(Proposal.objects.all(), staff).count() == 1
    assert visible_to(Petition.objects.all(), staff).count() == 1


def test_reads_alone_keeps_letters_and_visits_from_members(client, users, township):
    """A member given every petition permission (as the admin could) still reads no letter:
    READS has no member line for them."""
    member = users[Role.MEMBER]
    member.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="petitions",
            codename__in=["view_petition", "change_petition", "view_petitioner"],
        )
    )
    petition = PetitionFactory(township=township, subject="反映村道破损")
    from petitions.models import Petition

    member = User.objects.get(pk=member.pk)
    assert member.has_perm("petitions.view_petition")
    assert not visible_to(Petition.objects.all(), member).exists()
    client.force_login(member)
    response = client.get(reverse("petitions:list"))
    assert "反映村道破损" not in response.content.decode()
    assert client.get(reverse("petitions:detail", args=[petition.pk])).status_code == 404
    assert petition.name not in client.get(reverse("petitions:list")).content.decode()
