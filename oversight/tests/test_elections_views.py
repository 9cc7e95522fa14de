"""The election supervision pages: staff record, members read, nobody else; the table of
villages and stages; a past day entered and a later one refused."""

import pytest
from django.urls import reverse
from freezegun import freeze_time

from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.tests.factories import DeputyFactory
from oversight.models import ElectionObservation
from oversight.tests.factories import ElectionObservationFactory

pytestmark = pytest.mark.django_db

OK, X = 200, 403
S, M, D, U, C, CA = (
    Role.STAFF,
    Role.MEMBER,
    Role.DEPUTY,
    Role.UNIT,
    Role.COUNTY,
    Role.COUNTY_ADMIN,
)
# fmt: off
TABLE = {
    "elections":       {S: OK, M: OK, D: X, U: X, C: X, CA: X},
    "election_create": {S: OK, M: X,  D: X, U: X, C: X, CA: X},
    "election_edit":   {S: OK, M: X,  D: X, U: X, C: X, CA: X},
}
# fmt: on


@pytest.mark.parametrize(
    ("name", "role", "expected"),
    [(name, role, status) for name, row in TABLE.items() for role, status in row.items()],
)
def test_staff_record_members_read_nobody_else(client, users, township, name, role, expected):
    observation = ElectionObservationFactory(township=township)
    args = [observation.pk] if name == "election_edit" else []
    client.force_login(users[role])
    assert client.get(reverse(f"oversight:{name}", args=args)).status_code == expected


@freeze_time("2024-11-20 09:00:00+08:00")
def test_staff_record_last_months_observation_and_see_it_ticked(client, staff, township):
    village = UnitFactory(township=township, name="路堰村村民委员会", kind="village")
    UnitFactory(township=township, name="镇财政所", kind="station")
    observers = [DeputyFactory(township=township, name=n) for n in ("李建华", "张卫国")]
    DeputyFactory(township=TownshipFactory(), name="别镇代表")
    client.force_login(staff)

    form = client.get(reverse("oversight:election_create")).context["form"]
    assert [u.name for u in form.fields["village"].queryset] == ["路堰村村民委员会"]
    offered = {d.name for d in form.fields["observers"].queryset}
    assert {"李建华", "张卫国"} <= offered and "别镇代表" not in offered

    response = client.post(
        reverse("oversight:election_create"),
        {
            "village": village.pk,
            "stage": "registration",
            "date": "2024-10-08",
            "observers": [d.pk for d in observers],
            "other_observers": "",
            "issues": "外出务工人员选民登记告知不到位",
            "notes": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("oversight:elections") + "?year=2024"
    page = client.get(response["Location"]).content.decode()
    assert "外出务工人员选民登记告知不到位" in page
    assert "李建华" in page and "张卫国" in page
    assert page.count("✓") == 1


@freeze_time("2024-11-20 09:00:00+08:00")
def test_a_later_day_is_refused_on_the_form_in_chinese(client, staff, township):
    village = UnitFactory(township=township, kind="village")
    client.force_login(staff)
    response = client.post(
        reverse("oversight:election_create"),
        {
            "village": village.pk,
            "stage": "voting",
            "date": "2024-11-21",
            "observers": [DeputyFactory(township=township).pk],
        },
    )
    assert response.status_code == 200
    assert "日期不能晚于今天" in response.content.decode()
    assert not ElectionObservation.objects.exists()


def test_staff_correct_an_observation(client, staff, township):
    observation = ElectionObservationFactory(township=township, other_observers="徐雪梅")
    client.force_login(staff)
    url = reverse("oversight:election_edit", args=[observation.pk])
    assert "徐雪梅" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "village": observation.village_id,
            "stage": "nomination",
            "date": "2024-10-20",
            "other_observers": "徐雪梅",
            "issues": "提名公示时间不足",
        },
    )
    assert response.status_code == 302
    observation.refresh_from_db()
    assert (observation.stage, observation.issues) == ("nomination", "提名公示时间不足")


def test_another_townships_observation_is_not_found(client, staff):
    foreign = ElectionObservationFactory(township=TownshipFactory())
    client.force_login(staff)
    url = reverse("oversight:election_edit", args=[foreign.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"stage": "voting"}).status_code == 404


def test_the_list_reads_many_villages_in_a_fixed_number_of_queries(
    client, users, township, django_assert_max_num_queries
):
    deputies = DeputyFactory.create_batch(3, township=township)
    for n in range(12):
        village = UnitFactory(township=township, name=f"第{n}村", kind="village")
        for stage in ("registration", "nomination", "voting"):
            observation = ElectionObservationFactory(
                township=township, village=village, stage=stage, issues=f"问题{n}"
            )
            observation.observers.set(deputies)
    client.force_login(users[M])
    with django_assert_max_num_queries(9):
        response = client.get(reverse("oversight:elections") + "?year=2024")
    page = response.content.decode()
    assert page.count("✓") == 36
    assert "问题11" in page
    assert reverse("oversight:election_create") not in page  # members read only
