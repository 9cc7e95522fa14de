import pytest
from django.core.exceptions import ValidationError

from congress.roles import Role
from congress.tests.factories import TownshipFactory
from deputies.services import deputy_link_account, deputy_update
from deputies.tests.factories import DeputyFactory


def test_an_account_links_to_one_deputy_only(users, township):
    taken = users[Role.DEPUTY]
    other = DeputyFactory(township=township)
    with pytest.raises(ValidationError, match="该账号已关联其他代表"):
        deputy_link_account(deputy=other, user=taken)
    other.refresh_from_db()
    assert other.user is None


@pytest.mark.parametrize("role", [Role.STAFF, Role.UNIT])
def test_only_a_deputy_account_of_the_township_can_be_linked(users, township, make_user, role):
    deputy = DeputyFactory(township=township)
    with pytest.raises(ValidationError, match="请选择本镇的代表账号"):
        deputy_link_account(deputy=deputy, user=users[role])
    foreign = make_user(Role.DEPUTY, TownshipFactory())
    with pytest.raises(ValidationError, match="请选择本镇的代表账号"):
        deputy_link_account(deputy=deputy, user=foreign)


def test_self_service_changes_only_contact_details(township):
    deputy = DeputyFactory(township=township)
    with pytest.raises(ValidationError, match="此处不能修改以下内容：name"):
        deputy_update(deputy=deputy, fields=["phone", "address"], phone="1", name="改名")


def test_one_list_of_personal_details_serves_form_services_workbook_and_import():
    from deputies.excel import COLUMNS
    from deputies.forms import DeputyProfileForm
    from deputies.models import DEPUTY_DETAILS
    from deputies.services import PROFILE_FIELDS
    from deputies.services.importing import PERSON_FIELDS

    details = list(DEPUTY_DETAILS)
    form_fields = list(DeputyProfileForm.base_fields)
    assert [f for f in form_fields if f in details] == details
    assert set(details) <= set(PROFILE_FIELDS)
    assert [column.key for column in COLUMNS][: len(details)] == details
    assert ["name", *PERSON_FIELDS] == details


def test_a_phone_number_is_checked_when_a_deputy_is_updated(township):
    deputy = DeputyFactory(township=township)
    with pytest.raises(ValidationError, match="请填写以1开头的11位手机号码"):
        deputy_update(deputy=deputy, fields=["phone", "address"], phone="1395781")
    deputy.refresh_from_db()
    assert deputy.phone != "1395781"
