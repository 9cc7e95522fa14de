"""A township's kind decides its words, and the county administrator can correct it."""

import pytest
from django.urls import reverse

from congress.models import Township
from congress.roles import Role

pytestmark = pytest.mark.django_db


def _edit(client, township, **changes):
    data = {"name": township.name, "kind": township.kind, "county": township.county}
    return client.post(reverse("county:township_edit", args=[township.pk]), {**data, **changes})


def test_the_county_administrator_turns_a_town_into_a_xiang(client, users, township):
    staff = users[Role.STAFF]
    client.force_login(staff)
    assert "镇人民政府" in client.get(reverse("proposals:create")).content.decode()

    client.force_login(users[Role.COUNTY_ADMIN])
    response = _edit(client, township, kind="xiang", all_signers_rate="on")
    assert response.status_code == 302
    township.refresh_from_db()
    assert township.kind == Township.Kind.XIANG and township.all_signers_rate
    assert township.history.first().history_user == users[Role.COUNTY_ADMIN]

    client.force_login(staff)
    page = client.get(reverse("proposals:create")).content.decode()
    assert "乡人民政府" in page and "镇人民政府" not in page


def test_a_bad_edit_saves_nothing(client, users, township):
    client.force_login(users[Role.COUNTY_ADMIN])
    response = _edit(client, township, name=" ", kind="xiang")
    assert response.status_code == 200 and "这个字段是必填项。" in response.content.decode()
    township.refresh_from_db()
    assert township.kind == Township.Kind.TOWN


@pytest.mark.parametrize("role", [Role.STAFF, Role.MEMBER, Role.COUNTY])
def test_only_the_county_administrator_edits_a_township(client, users, township, role):
    client.force_login(users[role])
    assert _edit(client, township, kind="xiang").status_code in {403, 404}
    township.refresh_from_db()
    assert township.kind == Township.Kind.TOWN
