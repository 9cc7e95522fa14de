"""Deputies' login accounts: made from the roster, deactivated when the last mandate ends."""

import datetime
import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from congress.accounts.services import account_set_active
from congress.models import JobRun, User
from congress.roles import Role
from congress.tests.factories import TownshipFactory
from deputies.models import Deputy, Mandate
from deputies.services import (
    deputy_account_create,
    deputy_accounts_create_missing,
    deputy_accounts_sync,
    deputy_link_account,
    deputy_username,
    mandate_add,
    mandate_update,
)
from deputies.tests.factories import DeputyFactory, MandateFactory
from deputies.tests.test_import import LABELS, row, seats, upload  # noqa: F401 - a fixture

ENDED = {"status": Mandate.Status.RESIGNED, "status_reason": "辞去代表职务"}


def end(mandate: Mandate, day: datetime.date) -> Mandate:
    """Staff record on the mandate's page that it ended on `day`."""
    return mandate_update(
        mandate=mandate,
        constituency=mandate.constituency,
        group=mandate.group,
        status=ENDED["status"],
        start_date=mandate.start_date,
        end_date=day,
        status_reason=ENDED["status_reason"],
    )


@pytest.fixture
def deputy_with_account(staff, township):
    deputy = DeputyFactory(township=township, name="张卫国", phone="13957810001")
    deputy_account_create(deputy=deputy, by=staff)
    deputy.refresh_from_db()
    return deputy


# ----------------------------------------------------------------------- usernames


def test_the_username_is_the_mobile_number_when_no_account_has_it(db, township):
    deputy = DeputyFactory(township=township, phone="13957810000")
    assert deputy_username(deputy, taken=set()) == "13957810000"
    assert deputy_username(deputy, taken={"13957810000"}) == f"d{deputy.pk}"


@pytest.mark.parametrize("phone", ["", "0578-8123456"])
def test_without_a_mobile_number_the_username_is_d_and_the_record_number(db, township, phone):
    deputy = DeputyFactory(township=township, phone=phone)
    assert deputy_username(deputy, taken=set()) == f"d{deputy.pk}"


def test_a_code_taken_by_hand_gets_a_suffix(db, township, make_user):
    deputy = DeputyFactory(township=township, phone="")
    make_user(Role.MEMBER, township, username=f"D{deputy.pk}")
    assert deputy_username(deputy, taken=set()) == f"d{deputy.pk}-2"


# ----------------------------------------------------------------------- creating accounts


def test_accounts_in_one_step_for_deputies_holding_a_mandate_without_one(staff, users, township):
    new = [DeputyFactory(township=township, name=f"新代表{i}") for i in range(3)]
    leaving = DeputyFactory(township=township, name="辞职代表")
    end(
        leaving.mandates.get(), timezone.localdate() + datetime.timedelta(days=30)
    )  # in office till then
    gone = DeputyFactory(township=township, name="已离任代表")
    end(gone.mandates.get(), timezone.localdate())
    DeputyFactory(township=TownshipFactory(), name="外镇代表")
    already = Deputy.objects.get(user=users[Role.DEPUTY])

    issued = deputy_accounts_create_missing(township=township, by=staff)

    assert sorted(item.user.full_name for item in issued) == sorted(
        [d.name for d in new] + ["辞职代表"]
    )
    for item in issued:
        deputy = Deputy.objects.get(user=item.user)
        assert item.user.username == deputy.phone
        assert item.user.check_password(item.password)
        assert (item.user.role, item.user.township, item.user.must_change_password) == (
            Role.DEPUTY,
            township,
            True,
        )
    assert Deputy.objects.get(pk=already.pk).user == users[Role.DEPUTY]
    assert (
        Deputy.objects.filter(name__in=["已离任代表", "外镇代表"], user__isnull=False).count() == 0
    )
    assert deputy_accounts_create_missing(township=township, by=staff) == []


def test_two_deputies_sharing_a_mobile_number_get_different_usernames(staff, township):
    DeputyFactory(township=township, name="甲", phone="13957810000")
    DeputyFactory(township=township, name="乙", phone="13957810000")
    deputy_accounts_create_missing(township=township, by=staff)
    usernames = {
        d.user.username: d for d in Deputy.objects.filter(township=township, phone="13957810000")
    }
    assert len(usernames) == 2
    coded = [d for name, d in usernames.items() if name != "13957810000"]
    assert "13957810000" in usernames and coded[0].user.username == f"d{coded[0].pk}"


def test_staff_create_accounts_for_their_own_townships_deputies_only(staff):
    stranger = DeputyFactory(township=TownshipFactory())
    with pytest.raises(PermissionDenied):
        deputy_account_create(deputy=stranger, by=staff)
    stranger.refresh_from_db()
    assert stranger.user is None


def test_one_account_per_deputy_and_none_for_a_deputy_out_of_office(staff, deputy_with_account):
    with pytest.raises(ValidationError, match="张卫国已有登录账号"):
        deputy_account_create(deputy=deputy_with_account, by=staff)
    gone = DeputyFactory(township=staff.township, name="李春华")
    end(gone.mandates.get(), datetime.date(2024, 6, 1))
    with pytest.raises(ValidationError, match="李春华已无在任的代表职务，不能创建登录账号"):
        deputy_account_create(deputy=gone, by=staff)
    assert not User.objects.filter(full_name="李春华").exists()


# ----------------------------------------------------------------------- deactivation


def test_ending_the_last_mandate_deactivates_the_account(staff, deputy_with_account):
    user = deputy_with_account.user
    county = mandate_add(
        deputy=deputy_with_account,
        level=Mandate.Level.COUNTY,
        term=17,
        constituency=deputy_with_account.mandates.get().constituency,
    )
    township_seat = deputy_with_account.mandates.get(level=Mandate.Level.TOWNSHIP)
    end(township_seat, timezone.localdate())
    user.refresh_from_db()
    assert user.is_active  # the county seat still runs
    end(county, timezone.localdate())
    user.refresh_from_db()
    assert not user.is_active
    assert user.history.first().is_active is False  # the deactivation is in its history


def test_an_end_date_ahead_deactivates_on_that_day_through_the_daily_job(
    staff, deputy_with_account
):
    user = deputy_with_account.user
    with freeze_time("2025-03-10 09:00"):
        end(deputy_with_account.mandates.get(), datetime.date(2025, 4, 1))
    user.refresh_from_db()
    assert user.is_active
    with freeze_time("2025-03-31 23:30"):  # 07:30 on 1 April in Asia/Shanghai: the job's hour
        call_command("run_scheduled", "--job", "deputies.accounts_sync", stdout=io.StringIO())
    user.refresh_from_db()
    assert not user.is_active
    assert JobRun.objects.get(job="deputies.accounts_sync").day == datetime.date(2025, 4, 1)


def test_the_day_before_the_end_date_the_daily_job_leaves_the_account(staff, deputy_with_account):
    user = deputy_with_account.user
    with freeze_time("2025-03-10 09:00"):
        end(deputy_with_account.mandates.get(), datetime.date(2025, 4, 1))
    assert deputy_accounts_sync(today=datetime.date(2025, 3, 31)) == 0
    assert deputy_accounts_sync(today=datetime.date(2025, 4, 1)) == 1
    user.refresh_from_db()
    assert not user.is_active
    assert deputy_accounts_sync(today=datetime.date(2025, 4, 2)) == 0  # done once


def test_an_import_that_ends_the_mandate_deactivates_the_account(client, staff, seats):  # noqa: F811
    client.force_login(staff)
    client.post(upload(client, [row(1)]))
    deputy = Deputy.objects.get(name="代表001")
    deputy_account_create(deputy=deputy, by=staff)
    resigned = LABELS["status"]["resigned"]
    ended = row(1, status=resigned, end_date="2024-06-01", status_reason="辞去代表职务")
    client.post(upload(client, [ended]))
    deputy.refresh_from_db()
    assert deputy.mandates.get().status == Mandate.Status.RESIGNED
    assert not deputy.user.is_active


def test_staff_cannot_reactivate_the_account_of_a_deputy_out_of_office(
    client, staff, deputy_with_account
):
    end(deputy_with_account.mandates.get(), timezone.localdate())
    user = deputy_with_account.user
    with pytest.raises(ValidationError, match="张卫国已无在任的代表职务，其登录账号不能启用"):
        account_set_active(by=staff, user=user, active=True, reason="本人恢复代表资格")
    client.force_login(staff)
    url = reverse("township:account_active", args=[user.pk])
    response = client.post(url, {"reason": "本人恢复代表资格"})
    assert "张卫国已无在任的代表职务，其登录账号不能启用。" in response.content.decode()
    user.refresh_from_db()
    assert not user.is_active


def test_a_deputy_back_in_office_may_be_reactivated(staff, deputy_with_account):
    mandate = deputy_with_account.mandates.get()
    end(mandate, timezone.localdate())
    MandateFactory(deputy=deputy_with_account, term=19)
    account_set_active(by=staff, user=deputy_with_account.user, active=True, reason="当选连任")
    assert User.objects.get(pk=deputy_with_account.user_id).is_active


def test_accounts_not_linked_or_not_deputies_are_left_alone(staff, township, make_user):
    loose = make_user(Role.DEPUTY, township)  # linked to no deputy record
    gone = DeputyFactory(township=township)
    end(gone.mandates.get(), datetime.date(2024, 6, 1))
    deputy_link_account(deputy=gone, user=None)
    assert deputy_accounts_sync(today=datetime.date(2025, 1, 1)) == 0
    loose.refresh_from_db()
    assert loose.is_active


# ----------------------------------------------------------------------- pages


def test_create_one_deputys_account_from_their_page(client, staff, township):
    deputy = DeputyFactory(township=township, name="王建国", phone="13957810002")
    client.force_login(staff)
    page = client.get(reverse("deputies:detail", args=[deputy.pk])).content.decode()
    url = reverse("deputies:account_create", args=[deputy.pk])
    assert f'href="{url}"' in page
    response = client.post(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = re.search(r'data-testid="password">([^<]+)<', response.content.decode()).group(1)
    deputy.refresh_from_db()
    assert deputy.user.username == "13957810002"
    assert deputy.user.check_password(password)
    again = client.post(url, follow=True)
    assert "王建国已有登录账号。" in again.content.decode()


def test_the_bulk_page_lists_who_gets_an_account_with_a_fixed_number_of_queries(
    client, staff, township, django_assert_max_num_queries
):
    DeputyFactory.create_batch(30, township=township)
    client.force_login(staff)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("deputies:accounts_create")).content.decode()
    assert "以下30位在任代表尚无登录账号" in page
    response = client.post(reverse("deputies:accounts_create"))
    assert "已为30位代表创建登录账号" in response.content.decode()
    assert response.content.decode().count('data-testid="password"') == 30
    response = client.post(reverse("deputies:accounts_create"), follow=True)
    assert "所有在任代表都已有登录账号。" in response.content.decode()


def test_another_townships_deputy_answers_404(client, staff):
    stranger = DeputyFactory(township=TownshipFactory())
    client.force_login(staff)
    url = reverse("deputies:account_create", args=[stranger.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    stranger.refresh_from_db()
    assert stranger.user is None


@pytest.mark.parametrize("role", [Role.MEMBER, Role.DEPUTY, Role.COUNTY_ADMIN])
def test_only_staff_create_deputies_accounts(client, users, township, role):
    deputy = DeputyFactory(township=township)
    client.force_login(users[role])
    assert client.post(reverse("deputies:accounts_create")).status_code == 403
    assert client.post(reverse("deputies:account_create", args=[deputy.pk])).status_code == 403
    deputy.refresh_from_db()
    assert deputy.user is None
