import datetime

import pytest
from django.core.exceptions import ValidationError

from congress.roles import Role
from congress.tests.factories import TownshipFactory
from deputies.services import deputy_link_account, deputy_update, mandate_status_errors
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


START = datetime.date(2021, 12, 30)


@pytest.mark.parametrize("status", ["resigned", "recalled", "terminated", "transferred"])
def test_a_mandate_that_ended_needs_its_end_date_and_reason(status):
    errors = mandate_status_errors(
        status=status, start_date=START, end_date=None, status_reason=" "
    )
    assert set(errors) == {"end_date", "status_reason"}
    assert not mandate_status_errors(
        status=status, start_date=START, end_date=START, status_reason="辞职"
    )  # ending on the first day itself is allowed


def test_a_mandate_in_office_has_no_end_date_and_nothing_ends_before_it_starts():
    active = {"status": "active", "start_date": START, "status_reason": ""}
    assert mandate_status_errors(**active, end_date=None) == {}
    assert mandate_status_errors(**active, end_date=START) == {
        "end_date": "在任的代表职务不应有任期终止日期。"
    }
    early = START - datetime.timedelta(days=1)
    ended = {"status": "resigned", "start_date": START, "status_reason": "辞职"}
    assert mandate_status_errors(**ended, end_date=early) == {
        "end_date": "任期终止日期不能早于任期开始日期。"
    }
