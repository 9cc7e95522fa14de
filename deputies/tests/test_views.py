import pytest
from django.urls import reverse

from congress.roles import Role
from congress.tests.factories import TownshipFactory
from deputies.models import Deputy
from deputies.tests.factories import ConstituencyFactory, DeputyFactory


def test_staff_add_a_deputy(client, staff, constituency, deputy_group):
    client.force_login(staff)
    response = client.post(
        reverse("deputies:create"),
        {
            "name": " 李四 ",
            "level": "county",
            "constituency": constituency.pk,
            "group": deputy_group.pk,
        },
        follow=True,
    )
    deputy = Deputy.objects.get(name="李四")
    assert deputy.township == staff.township and deputy.level == Deputy.Level.COUNTY
    assert "已添加代表李四" in response.content.decode()


def test_another_townships_constituency_is_refused(client, staff):
    foreign = ConstituencyFactory(township=TownshipFactory())
    before = Deputy.objects.count()
    client.force_login(staff)
    response = client.post(
        reverse("deputies:create"),
        {
            "name": "李四",
            "level": "township",
            "constituency": foreign.pk,
        },
    )
    assert "选择一个有效的选项" in response.content.decode()
    assert Deputy.objects.count() == before


def test_missing_name_is_a_chinese_error(client, staff, constituency):
    before = Deputy.objects.count()
    client.force_login(staff)
    response = client.post(
        reverse("deputies:create"),
        {
            "name": "",
            "level": "township",
            "constituency": constituency.pk,
        },
    )
    assert "这个字段是必填项" in response.content.decode()
    assert Deputy.objects.count() == before


@pytest.mark.parametrize("role", [Role.STAFF, Role.MEMBER])
def test_roster_is_scoped_to_the_township(client, users, township, role):
    DeputyFactory(township=township, name="本镇代表")
    DeputyFactory(township=TownshipFactory(), name="外镇代表")
    client.force_login(users[role])
    page = client.get(reverse("deputies:list")).content.decode()
    assert "本镇代表" in page and "外镇代表" not in page


def test_roster_query_count_is_constant(client, staff, django_assert_max_num_queries):
    DeputyFactory.create_batch(60, township=staff.township)
    client.force_login(staff)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("deputies:list")).status_code == 200
