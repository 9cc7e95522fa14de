import pytest
from django.urls import reverse

from congress.roles import Role
from congress.tests.factories import TownshipFactory
from deputies.tests.factories import DeputyFactory


def test_staff_read_who_changed_what(client, staff, township):
    client.force_login(staff)
    deputy = DeputyFactory(township=township, name="张三")
    # A change made through a request is attributed to the user who made it.
    deputy.name = "张三丰"
    deputy._history_user = staff
    deputy.save()

    page = client.get(reverse("history", args=["deputy", deputy.pk])).content.decode()
    assert "张三丰" in page and "张三" in page
    assert staff.display_name in page


@pytest.mark.parametrize("role", [Role.MEMBER, Role.DEPUTY, Role.UNIT, Role.COUNTY])
def test_other_roles_cannot_read_history(client, users, township, role):
    deputy = DeputyFactory(township=township)
    client.force_login(users[role])
    assert client.get(reverse("history", args=["deputy", deputy.pk])).status_code == 404


def test_staff_of_another_township_cannot_read_history(client, make_user, township):
    deputy = DeputyFactory(township=township)
    client.force_login(make_user(Role.STAFF, TownshipFactory()))
    assert client.get(reverse("history", args=["deputy", deputy.pk])).status_code == 404


def test_unknown_model_is_404(client, staff):
    client.force_login(staff)
    assert client.get(reverse("history", args=["user", staff.pk])).status_code == 404


def test_a_deputys_history_includes_their_mandates(client, staff, township):
    from deputies.services import mandate_update

    deputy = DeputyFactory(township=township)
    mandate = deputy.mandates.get()
    mandate_update(
        mandate=mandate,
        constituency=mandate.constituency,
        group=mandate.group,
        status="resigned",
        start_date=mandate.start_date,
        end_date=mandate.start_date,
        status_reason="因工作调动辞职",
    )
    client.force_login(staff)
    page = client.get(reverse("history", args=["deputy", deputy.pk])).content.decode()
    assert "因工作调动辞职" in page
    assert "履职状态" in page  # the field's Chinese name, not "status"


def test_history_speaks_in_labels_and_names_not_codes_and_ids(client, staff, township):
    from deputies.services import mandate_update
    from deputies.tests.factories import ConstituencyFactory

    deputy = DeputyFactory(township=township)
    mandate = deputy.mandates.get()
    third = ConstituencyFactory(township=township, name="第三选区")
    before = mandate.constituency.name
    mandate_update(
        mandate=mandate,
        constituency=third,
        group=mandate.group,
        status="resigned",
        start_date=mandate.start_date,
        end_date=mandate.start_date,
        status_reason="辞职",
    )
    client.force_login(staff)
    page = client.get(reverse("history", args=["deputy", deputy.pk])).content.decode()
    assert "在任 → 辞职" in page
    assert f"{before} → 第三选区" in page
    assert f"→ {third.pk}<" not in page and "active" not in page
    assert f"{deputy.name} 镇人大代表 第十八届" in page  # the mandate named, not numbered


def test_a_linked_account_shows_by_name(client, staff, township, make_user):
    from deputies.services import deputy_link_account

    deputy = DeputyFactory(township=township)
    account = make_user(Role.DEPUTY, township, full_name="李代表")
    deputy_link_account(deputy=deputy, user=account)
    client.force_login(staff)
    page = client.get(reverse("history", args=["deputy", deputy.pk])).content.decode()
    assert "— → 李代表" in page
