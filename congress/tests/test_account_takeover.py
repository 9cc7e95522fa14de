"""Staff cannot take over staff (penetration test, finding 1): a staff account, and what only
its holder was granted, is the county administrator's to reset, deactivate and grant; every
reset, grant and withdrawal is in the audit log with who, whom, when and why; the person whose
password was reset is told at their next login."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from congress.accounts.services import (
    account_issue_password,
    account_permissions_set,
    account_set_active,
)
from congress.models import AuthEvent, User
from congress.roles import Role

Kind = AuthEvent.Kind
PASSWORD = "pw-for-tests-1"
PETITIONER = "petitions.view_petitioner"


@pytest.fixture
def colleague(make_user, township):
    """Another staff account of the township, granted what no role carries."""
    user = make_user(Role.STAFF, township, username="colleague", full_name="刘同事")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="view_petitioner"))
    return User.objects.get(pk=user.pk)


def shown_password(response, username) -> str:
    found = re.search(
        rf'<td class="font-monospace">{re.escape(username)}</td>\s*'
        r'<td class="font-monospace fs-5" data-testid="password">([^<]+)</td>',
        response.content.decode(),
    )
    assert found, response.content.decode()[:2000]
    return found.group(1)


# ----------------------------------------------------------------------------- the finding


def test_staff_cannot_reset_a_colleagues_password_and_log_in_as_them(client, staff, colleague):
    """The attack as the penetration test ran it: POST the reset, read the new password off
    the page, log in as the colleague and read the petitioners' names."""
    client.force_login(staff)
    url = reverse("township:account_password", args=[colleague.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"reason": "测试"})
    assert response.status_code == 403
    colleague.refresh_from_db()
    assert colleague.check_password(PASSWORD) and not colleague.must_change_password
    assert not AuthEvent.objects.filter(kind=Kind.PASSWORD_RESET).exists()


@pytest.mark.parametrize("target", ["colleague", "self"])
def test_staff_cannot_deactivate_reactivate_or_grant_a_staff_account(
    client, staff, colleague, target
):
    account = colleague if target == "colleague" else staff
    with pytest.raises(PermissionDenied):
        account_issue_password(by=staff, user=account, reason="x")
    with pytest.raises(PermissionDenied):
        account_set_active(by=staff, user=account, active=False, reason="x")
    with pytest.raises(PermissionDenied):
        account_permissions_set(by=staff, user=account, granted={PETITIONER}, reason="x")
    client.force_login(staff)
    response = client.post(reverse("township:account_active", args=[account.pk]), {"reason": "x"})
    assert response.status_code == 403
    account.refresh_from_db()
    assert account.is_active
    assert account.has_perm(PETITIONER) is (target == "colleague")


def test_staff_grant_nothing_from_their_accounts_page(client, staff, colleague, users):
    """The page has no grant form and no buttons on staff rows; the old grant URL is gone."""
    client.force_login(staff)
    page = client.get(reverse("township:accounts")).content.decode()
    assert 'name="permission"' not in page
    assert reverse("township:account_password", args=[colleague.pk]) not in page
    assert reverse("township:account_active", args=[colleague.pk]) not in page
    assert "由县人大常委会管理员管理" in page
    member = users[Role.MEMBER]
    assert reverse("township:account_password", args=[member.pk]) in page
    response = client.post(f"/township/accounts/{colleague.pk}/permissions/", {"permission": ""})
    assert response.status_code == 404


def test_staff_create_no_staff_account(client, staff, township):
    from congress.accounts.services import account_create

    with pytest.raises(PermissionDenied):
        account_create(
            by=staff, township=township, role=Role.STAFF, username="sock", full_name="某"
        )
    client.force_login(staff)
    page = client.get(reverse("township:account_create")).content.decode()
    assert 'value="staff"' not in page


# ----------------------------------------------------------------------------- the county


def test_county_admin_resets_with_a_reason_and_the_audit_log_shows_it(
    client, county_admin, staff, colleague, township
):
    client.force_login(county_admin)
    url = reverse("county:staff_password", args=[township.pk])
    response = client.post(url, {"user": colleague.pk, "reason": ""})
    assert "这个字段是必填项" in response.content.decode()
    assert not User.objects.get(pk=colleague.pk).must_change_password

    response = client.post(url, {"user": colleague.pk, "reason": "本人来电，忘记密码"})
    new_password = shown_password(response, colleague.username)
    event = AuthEvent.objects.get(kind=Kind.PASSWORD_RESET)
    assert (event.user, event.actor, event.township, event.reason) == (
        colleague,
        county_admin,
        township,
        "本人来电，忘记密码",
    )

    # The township's staff read it in their audit log: whom, who, why.
    client.force_login(staff)
    log = client.get(reverse("auth_events"), {"kind": Kind.PASSWORD_RESET}).content.decode()
    assert "重置" in log or "初始密码" in log
    assert "刘同事" in log and county_admin.display_name in log and "本人来电，忘记密码" in log
    # The county administrator reads it on the township's page.
    client.force_login(county_admin)
    page = client.get(reverse("county:township", args=[township.pk])).content.decode()
    assert "本人来电，忘记密码" in page and "刘同事" in page

    # The colleague is told at the next login, once.
    client.logout()
    response = client.post(
        reverse("login"), {"username": "colleague", "password": new_password}, follow=True
    )
    told = response.content.decode()
    assert "您的密码已于" in told and county_admin.display_name in told
    assert "本人来电，忘记密码" in told and "如非本人申请" in told
    client.logout()
    response = client.post(
        reverse("login"), {"username": "colleague", "password": new_password}, follow=True
    )
    assert "您的密码已于" not in response.content.decode()


def test_county_admin_grants_and_withdraws_with_reasons(
    client, county_admin, staff, colleague, township
):
    client.force_login(county_admin)
    url = reverse("county:staff_permissions", args=[township.pk, staff.pk])
    page = client.get(url).content.decode()
    assert "可查看信访人身份" in page or "信访" in page
    response = client.post(url, {"permissions": [PETITIONER], "reason": ""})
    assert "这个字段是必填项" in response.content.decode()
    assert not User.objects.get(pk=staff.pk).has_perm(PETITIONER)

    client.post(url, {"permissions": [PETITIONER], "reason": "镇人大主席团书面申请"})
    assert User.objects.get(pk=staff.pk).has_perm(PETITIONER)
    client.post(
        reverse("county:staff_permissions", args=[township.pk, colleague.pk]),
        {"reason": "调离信访岗位"},
    )
    assert not User.objects.get(pk=colleague.pk).has_perm(PETITIONER)
    rows = list(
        AuthEvent.objects.filter(kind__in=[Kind.PERMISSION_GRANTED, Kind.PERMISSION_REVOKED])
        .order_by("pk")
        .values_list("kind", "user", "actor", "reason")
    )
    assert rows == [
        (Kind.PERMISSION_GRANTED, staff.pk, county_admin.pk, "镇人大主席团书面申请"),
        (Kind.PERMISSION_REVOKED, colleague.pk, county_admin.pk, "调离信访岗位"),
    ]
    client.force_login(staff)
    log = client.get(reverse("auth_events")).content.decode()
    assert "授予权限" in log and "收回权限" in log
    assert "镇人大主席团书面申请" in log and "调离信访岗位" in log


def test_county_admin_deactivates_a_staff_account_with_a_reason(
    client, county_admin, colleague, township
):
    client.force_login(county_admin)
    url = reverse("county:staff_active", args=[township.pk, colleague.pk])
    client.post(url, {"reason": "已调离镇人大办"})
    colleague.refresh_from_db()
    assert not colleague.is_active
    event = AuthEvent.objects.get(kind=Kind.ACCOUNT_DEACTIVATED)
    assert (event.user, event.actor, event.reason) == (colleague, county_admin, "已调离镇人大办")


def test_county_admin_manages_no_other_account_through_the_staff_pages(
    client, county_admin, users, township
):
    client.force_login(county_admin)
    deputy = users[Role.DEPUTY]
    for name in ("county:staff_active", "county:staff_permissions"):
        url = reverse(name, args=[township.pk, deputy.pk])
        assert client.post(url, {"reason": "x"}).status_code == 404
    with pytest.raises(PermissionDenied):
        account_set_active(by=county_admin, user=deputy, active=False, reason="x")


def test_a_reason_is_one_line_of_visible_text(county_admin, staff):
    with pytest.raises(ValidationError) as refused:
        account_issue_password(by=county_admin, user=staff, reason="本人\u202e来电")
    assert "reason" in refused.value.message_dict
    with pytest.raises(ValidationError):
        account_issue_password(by=county_admin, user=staff, reason="长" * 201)
    staff.refresh_from_db()
    assert not staff.must_change_password
