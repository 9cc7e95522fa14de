"""Login accounts made in the app: initial passwords, staff's accounts page, units, the county
administrator's townships, the slips, and the first login that must set one's own password."""

import datetime
import re

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import identify_hasher
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.urls import reverse
from freezegun import freeze_time
from pypdf import PdfReader

from congress.accounts.passwords import DIGITS, LOWER, UPPER, initial_password_new
from congress.accounts.services import (
    account_create,
    account_issue_password,
    account_set_active,
    township_create,
)
from congress.accounts.slips import SLIPS_TOKEN_MAX_AGE, slips_token
from congress.models import AuthEvent, Township, Unit, User
from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from reports.tests.test_reports import pdf_text

PASSWORD = "pw-for-tests-1"
LOOK_ALIKES = set("0O1lI")


def log_in(client, username: str, password: str) -> bool:
    """Through the login page: the lockout backend needs the request, as a browser sends it."""
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302


def issue(client, url, **data):
    """POST to a page that issues initial passwords; returns the response and the passwords
    it shows (username -> password), read from the page as a user would."""
    response = client.post(url, data)
    page = response.content.decode()
    rows = re.findall(
        r'<td class="font-monospace">([^<]+)</td>\s*<td class="font-monospace fs-5" '
        r'data-testid="password">([^<]+)</td>',
        page,
    )
    return response, dict(rows)


def slips_of(client, response) -> bytes:
    """Download the slips from the page that showed the passwords, as its button does."""
    token = re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)
    download = client.post(reverse("slips"), {"token": token})
    assert download.status_code == 200, download.content[:500]
    assert download["Content-Type"] == "application/pdf"
    assert "no-store" in download["Cache-Control"]
    return download.content


# ----------------------------------------------------------------------- initial passwords


def test_initial_passwords_are_strong_readable_and_pass_the_rules(db, township):
    user = User(username="13957810000", full_name="张卫国", role=Role.DEPUTY, township=township)
    passwords = {initial_password_new(user=user) for _ in range(300)}
    assert len(passwords) == 300
    for password in passwords:
        assert len(password) >= 8
        classes = [set(password) & set(chars) for chars in (UPPER, LOWER, DIGITS)]
        assert all(classes), password  # three classes: upper, lower, digits
        assert not set(password) & LOOK_ALIKES, password
        assert user.username not in password
        validate_password(password, user=user)  # the site's own rules, whatever they become


def test_an_initial_password_never_contains_the_username(db, township):
    user = User(username="a", role=Role.UNIT, township=township)  # in 1 of 3 random passwords
    for _ in range(50):
        assert "a" not in initial_password_new(user=user).lower()


def test_initial_password_is_stored_hashed_and_rehashed_at_the_first_login(staff, township):
    issued = account_create(
        by=staff, township=township, role=Role.MEMBER, username="lijh", full_name="李建华"
    )
    user = User.objects.get(pk=issued.user.pk)
    assert issued.password not in user.password
    assert identify_hasher(user.password).algorithm == "pbkdf2_sha256_initial"
    assert user.must_change_password
    request = RequestFactory().post(reverse("login"))
    assert authenticate(request, username="lijh", password=issued.password) == user
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm != "pbkdf2_sha256_initial"


# ----------------------------------------------------------------------- services


def test_staff_create_accounts_of_their_township_only(staff, township, unit):
    issued = account_create(
        by=staff,
        township=township,
        role=Role.UNIT,
        username="zhaozq",
        full_name=" 赵志强 ",
        unit=unit,
    )
    user = issued.user
    assert (user.role, user.township, user.unit, user.full_name) == (
        Role.UNIT,
        township,
        unit,
        "赵志强",
    )
    assert list(user.groups.values_list("name", flat=True)) == [Role.UNIT]
    with pytest.raises(PermissionDenied):
        account_create(
            by=staff, township=TownshipFactory(), role=Role.MEMBER, username="x", full_name="某"
        )


@pytest.mark.parametrize("role", [Role.COUNTY, Role.COUNTY_ADMIN])
def test_staff_create_no_county_account(staff, township, role):
    with pytest.raises(PermissionDenied):
        account_create(by=staff, township=township, role=role, username="x", full_name="某")
    assert not User.objects.filter(username="x").exists()


@pytest.mark.parametrize("role", [Role.MEMBER, Role.DEPUTY, Role.UNIT, Role.COUNTY])
def test_other_roles_create_no_account(users, township, role):
    with pytest.raises(PermissionDenied):
        account_create(
            by=users[role], township=township, role=Role.MEMBER, username="x", full_name="某"
        )


def test_usernames_are_unique_in_any_letter_case(staff, township, make_user):
    make_user(Role.MEMBER, township, username="LiJH")
    with pytest.raises(ValidationError) as error:
        account_create(
            by=staff, township=township, role=Role.MEMBER, username="lijh ", full_name="李"
        )
    assert error.value.message_dict["username"] == ["用户名“lijh”已被使用。"]


def test_a_username_has_no_spaces_and_the_error_says_so_on_its_field(county_admin):
    with pytest.raises(ValidationError) as error:
        township_create(
            by=county_admin,
            name="新城镇",
            county="遂昌县",
            current_term=18,
            staff_username="陈 丽萍",
            staff_full_name="陈丽萍",
        )
    assert error.value.message_dict["staff_username"][0].startswith("请输入合法的用户名。")
    assert not Township.objects.filter(name="新城镇").exists()


def test_a_unit_account_needs_a_unit_of_the_township(staff, township):
    with pytest.raises(ValidationError) as error:
        account_create(by=staff, township=township, role=Role.UNIT, username="u", full_name="某")
    assert error.value.message_dict["unit"] == ["请选择此人所在的承办单位。"]
    with pytest.raises(ValidationError):
        account_create(
            by=staff,
            township=township,
            role=Role.UNIT,
            username="u",
            full_name="某",
            unit=UnitFactory(),  # another township's
        )
    assert not User.objects.filter(username="u").exists()


def test_a_new_initial_password_replaces_the_forgotten_one(staff, users, township):
    deputy = users[Role.DEPUTY]
    issued = account_issue_password(by=staff, user=deputy, reason="本人来电申请")
    deputy.refresh_from_db()
    assert deputy.must_change_password
    assert not deputy.check_password(PASSWORD)
    assert deputy.check_password(issued.password)


def test_staff_issue_no_password_to_another_township(staff):
    other = TownshipFactory()
    stranger = User.objects.create(username="s", role=Role.MEMBER, township=other)
    with pytest.raises(PermissionDenied):
        account_issue_password(by=staff, user=stranger, reason="本人来电申请")


def test_a_deactivated_account_is_reactivated_before_a_new_password(staff, users):
    member = users[Role.MEMBER]
    account_set_active(by=staff, user=member, active=False, reason="已调离")
    with pytest.raises(ValidationError, match="此账号已停用，请先启用"):
        account_issue_password(by=staff, user=member, reason="本人来电申请")


def test_a_deactivated_account_cannot_log_in(client, staff, users):
    member = users[Role.MEMBER]
    account_set_active(by=staff, user=member, active=False, reason="已调离")
    assert not log_in(client, member.username, PASSWORD)
    account_set_active(by=staff, user=member, active=True, reason="调回")
    assert log_in(client, member.username, PASSWORD)


def test_staff_cannot_deactivate_themselves(staff):
    with pytest.raises(PermissionDenied):  # a staff account is the county administrator's
        account_set_active(by=staff, user=staff, active=False, reason="离职")


# ----------------------------------------------------------------------- the county


def test_county_admin_creates_a_township_whose_staff_logs_in_and_must_change_password(
    client, county_admin
):
    township, issued = township_create(
        by=county_admin,
        name="新城镇",
        county="遂昌县",
        current_term=18,
        staff_username="xc-renda",
        staff_full_name="陈丽萍",
    )
    staff = issued.user
    assert (staff.role, staff.township, staff.must_change_password) == (Role.STAFF, township, True)
    assert staff.has_perm("congress.add_user")

    assert log_in(client, "xc-renda", issued.password)
    response = client.get(reverse("deputies:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change")
    page = client.get(response["Location"]).content.decode()
    assert "您使用的是工作人员发放的初始密码。请先设置您自己的密码再继续使用" in page

    response = client.post(
        reverse("password_change"),
        {
            "old_password": issued.password,
            "new_password1": "Xinchengzhen-2025",
            "new_password2": "Xinchengzhen-2025",
        },
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert not staff.must_change_password
    assert client.get(reverse("deputies:list")).status_code == 200  # still logged in


def test_a_township_and_its_staff_are_created_together_or_not_at_all(county_admin, township):
    User.objects.create(username="taken", role=Role.MEMBER, township=township)
    with pytest.raises(ValidationError) as error:
        township_create(
            by=county_admin,
            name=township.name,
            county="遂昌县",
            current_term=18,
            staff_username="TAKEN",
            staff_full_name="",
        )
    assert error.value.message_dict == {
        "name": ["已有同名乡镇。"],
        "staff_username": ["用户名“TAKEN”已被使用。"],
        "staff_full_name": ["请填写姓名。"],
    }
    assert Township.objects.count() == 1


@pytest.mark.parametrize("role", [Role.STAFF, Role.COUNTY])
def test_only_the_county_admin_creates_townships(users, role):
    with pytest.raises(PermissionDenied):
        township_create(
            by=users[role],
            name="新城镇",
            county="遂昌县",
            current_term=18,
            staff_username="x",
            staff_full_name="某",
        )


def test_county_admin_issues_passwords_to_staff_only(county_admin, users):
    issued = account_issue_password(by=county_admin, user=users[Role.STAFF], reason="本人来电")
    assert issued.user.must_change_password
    with pytest.raises(PermissionDenied):
        account_issue_password(by=county_admin, user=users[Role.DEPUTY], reason="本人来电")


# ----------------------------------------------------------------------- first login


@pytest.fixture
def newcomer(staff, township):
    """A presidium member just given an account, logged in with the initial password."""
    return account_create(
        by=staff, township=township, role=Role.MEMBER, username="newcomer", full_name="新成员"
    )


@pytest.mark.parametrize(
    "url", ["/", "/deputies/", "/proposals/", "/notifications/", "/accounts/profile/"]
)
def test_a_user_with_an_initial_password_is_sent_to_set_their_own(client, newcomer, url):
    client.force_login(newcomer.user)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change")


def test_logging_out_and_the_open_pages_stay_reachable(client, newcomer):
    client.force_login(newcomer.user)
    assert client.get(reverse("password_change")).status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/static/favicon.svg").status_code == 200
    assert client.post(reverse("set_language"), {"language": "en", "next": "/"}).status_code == 302
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_new_password_may_not_be_the_initial_one(client, newcomer):
    client.force_login(newcomer.user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": newcomer.password,
            "new_password1": newcomer.password,
            "new_password2": newcomer.password,
        },
    )
    assert response.status_code == 200
    assert "新密码不能与最近5次使用过的密码相同。" in response.content.decode()
    newcomer.user.refresh_from_db()
    assert newcomer.user.must_change_password


def test_the_forgot_password_link_says_whom_to_ask(client, db):
    login = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("password_forgot")}"' in login
    page = client.get(reverse("password_forgot"))
    assert page.status_code == 200
    assert "请联系镇人大办（为您开通账号的工作人员）重发初始密码" in page.content.decode()


# ----------------------------------------------------------------------- pages and slips


def test_accounts_page_lists_the_township_only_with_a_fixed_number_of_queries(
    client, staff, township, make_user, django_assert_max_num_queries
):
    units = UnitFactory.create_batch(5, township=township)
    for i in range(40):
        make_user(Role.UNIT, township, unit=units[i % 5], full_name=f"承办人{i}")
    make_user(Role.MEMBER, TownshipFactory(), username="elsewhere")
    client.force_login(staff)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("township:accounts"))
    table = response.content.decode().split('data-testid="accounts"')[1]
    assert "承办人39" in table and staff.username in table and "elsewhere" not in table
    only_units = client.get(reverse("township:accounts"), {"role": "unit"}).content.decode()
    table = only_units.split('data-testid="accounts"')[1]
    assert staff.username not in table and "承办人0" in table


def test_staff_add_a_unit_account_and_print_its_slip(client, staff, township, unit, tmp_path):
    client.force_login(staff)
    response, shown = issue(
        client,
        reverse("township:account_create"),
        full_name="赵志强",
        username="zhaozq",
        role="unit",
        unit=unit.pk,
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert set(shown) == {"zhaozq"}
    user = User.objects.get(username="zhaozq")
    assert user.check_password(shown["zhaozq"]) and user.unit == unit

    path = tmp_path / "slip.pdf"
    path.write_bytes(slips_of(client, response))
    text = pdf_text(path)
    for words in (township.name, "登录账号通知单", "赵志强", "承办单位", "zhaozq", shown["zhaozq"]):
        assert words in text
    assert "http://testserver/accounts/login/" in text  # the address they were issued at
    assert "首次登录后请立即设置您自己的密码" in text
    assert "请向镇人大办申请重发初始密码" in text


def test_the_slips_have_one_page_per_person(staff, township, tmp_path):
    issued = [
        account_create(
            by=staff, township=township, role=Role.MEMBER, username=f"m{i}", full_name=f"成员{i}"
        )
        for i in range(3)
    ]
    from congress.accounts.slips import slips_from_token, slips_pdf

    slips = slips_from_token(token=slips_token(issued=issued, by=staff), user=staff)
    pdf = slips_pdf(slips=slips, site_url="http://testserver")
    path = tmp_path / "slips.pdf"
    path.write_bytes(pdf)
    pages = PdfReader(path).pages
    assert len(pages) == 3
    for page, item in zip(pages, issued, strict=True):
        text = page.extract_text()
        assert item.user.full_name in text and item.password in text


def test_slips_are_for_their_issuer_and_only_for_a_while(client, staff, users, township):
    issued = account_create(
        by=staff, township=township, role=Role.MEMBER, username="m1", full_name="成员"
    )
    with freeze_time("2025-03-01 09:00"):
        token = slips_token(issued=[issued], by=staff)
    client.force_login(users[Role.MEMBER])  # someone else holding the token
    with freeze_time("2025-03-01 09:05"):
        response = client.post(reverse("slips"), {"token": token})
    assert response.status_code == 400
    client.force_login(staff)
    later = datetime.datetime(2025, 3, 1, 9, 0) + datetime.timedelta(seconds=SLIPS_TOKEN_MAX_AGE)
    with freeze_time(later + datetime.timedelta(seconds=1)):
        response = client.post(reverse("slips"), {"token": token})
    assert response.status_code == 400
    assert "登录通知单已无法下载" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert client.post(reverse("slips"), {"token": token + "x"}).status_code == 400


def test_account_form_errors_are_chinese_and_nothing_is_saved(client, staff, make_user, township):
    make_user(Role.MEMBER, township, username="lijh")
    client.force_login(staff)
    count = User.objects.count()
    response = client.post(
        reverse("township:account_create"),
        {"full_name": "李建华", "username": "LIJH", "role": "unit"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "用户名“LIJH”已被使用。" in page
    assert "请选择此人所在的承办单位。" in page
    assert User.objects.count() == count
    response = client.post(
        reverse("township:account_create"),
        {"full_name": "某", "username": "x", "role": "county_admin"},
    )
    assert "选择一个有效的选项" in response.content.decode()
    assert not User.objects.filter(username="x").exists()


def test_a_new_initial_password_from_the_accounts_page(client, staff, users):
    deputy = users[Role.DEPUTY]
    client.force_login(staff)
    url = reverse("township:account_password", args=[deputy.pk])
    assert deputy.username in client.get(url).content.decode()  # asked first
    response = client.post(url, {"reason": " "})
    assert "这个字段是必填项" in response.content.decode()
    assert not User.objects.get(pk=deputy.pk).must_change_password
    response, shown = issue(client, url, reason="本人来电申请")
    assert "no-store" in response["Cache-Control"]
    deputy.refresh_from_db()
    assert deputy.check_password(shown[deputy.username]) and deputy.must_change_password


def test_another_townships_accounts_answer_404(client, staff):
    stranger = User.objects.create(username="s", role=Role.MEMBER, township=TownshipFactory())
    client.force_login(staff)
    assert client.get(reverse("township:account_password", args=[stranger.pk])).status_code == 404
    response = client.post(
        reverse("township:account_password", args=[stranger.pk]), {"reason": "本人来电"}
    )
    assert response.status_code == 404
    response = client.post(reverse("township:account_active", args=[stranger.pk]), {"reason": "x"})
    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.is_active and not stranger.must_change_password


def test_deactivate_and_reactivate_from_the_accounts_page(client, staff, users):
    member = users[Role.MEMBER]
    client.force_login(staff)
    url = reverse("township:account_active", args=[member.pk])
    assert "停用" in client.get(url).content.decode()  # asked first, with the reason
    response = client.post(url, {"reason": ""})
    assert "这个字段是必填项" in response.content.decode()
    response = client.post(url, {"reason": "已调离镇机关"}, follow=True)
    assert f"{member.display_name}的账号已停用，不能再登录。" in response.content.decode()
    member.refresh_from_db()
    assert not member.is_active
    client.post(url, {"reason": "调回镇机关"})
    member.refresh_from_db()
    assert member.is_active
    assert list(AuthEvent.objects.filter(user=member).values_list("kind", "actor", "reason")) == [
        (AuthEvent.Kind.ACCOUNT_REACTIVATED, staff.pk, "调回镇机关"),
        (AuthEvent.Kind.ACCOUNT_DEACTIVATED, staff.pk, "已调离镇机关"),
    ]
    response = client.post(reverse("township:account_active", args=[staff.pk]), {"reason": "x"})
    assert response.status_code == 403


# ----------------------------------------------------------------------- handling units


def test_staff_add_rename_and_deactivate_units(client, staff, township, unit):
    client.force_login(staff)
    response = client.post(reverse("township:units"), {"name": "镇财政所", "kind": "station"})
    assert response.status_code == 302
    added = Unit.objects.get(township=township, name="镇财政所")
    assert added.is_active

    response = client.post(reverse("township:units"), {"name": unit.name, "kind": "office"})
    assert "已有同名承办单位。" in response.content.decode()

    url = reverse("township:unit_edit", args=[added.pk])
    client.post(url, {"name": "镇财政所（新）", "kind": "station"})  # is_active left unticked
    added.refresh_from_db()
    assert (added.name, added.is_active) == ("镇财政所（新）", False)
    page = client.get(reverse("township:units")).content.decode()
    assert "镇财政所（新）" in page and "已停用" in page


def test_units_of_another_township_answer_404(client, staff):
    other = UnitFactory()
    client.force_login(staff)
    url = reverse("township:unit_edit", args=[other.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "改名", "kind": "office"}).status_code == 404
    other.refresh_from_db()
    assert other.name != "改名"


def test_members_see_units_but_do_not_add_them(client, users, unit):
    client.force_login(users[Role.MEMBER])
    assert unit.name in client.get(reverse("township:units")).content.decode()
    assert (
        client.post(reverse("township:units"), {"name": "新单位", "kind": "office"}).status_code
        == 403
    )


# ----------------------------------------------------------------------- the county's pages


def test_county_admin_lists_every_township_with_a_fixed_number_of_queries(
    client, county_admin, django_assert_max_num_queries
):
    for township in TownshipFactory.create_batch(30):
        User.objects.create(username=f"s{township.pk}", role=Role.STAFF, township=township)
    client.force_login(county_admin)
    with django_assert_max_num_queries(6):
        page = client.get(reverse("county:townships")).content.decode()
    assert page.count('href="/county/') >= 31


def test_county_admin_creates_a_township_in_the_app(client, county_admin):
    client.force_login(county_admin)
    response, shown = issue(
        client,
        reverse("county:township_create"),
        name="青溪乡",
        kind="xiang",
        county="遂昌县",
        current_term="18",
        staff_full_name="陈丽萍",
        staff_username="xc-renda",
    )
    assert "乡镇已创建" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    township = Township.objects.get(name="青溪乡")
    assert township.kind == Township.Kind.XIANG and township.short_kind == "乡"
    staff = User.objects.get(username="xc-renda")
    assert staff.township == township and staff.check_password(shown["xc-renda"])
    page = client.get(reverse("county:township", args=[township.pk])).content.decode()
    assert "xc-renda" in page and "尚未修改初始密码" in page


def test_township_form_errors_save_nothing(client, county_admin, township):
    client.force_login(county_admin)
    response = client.post(
        reverse("county:township_create"),
        {
            "name": township.name,
            "county": "遂昌县",
            "current_term": "0",
            "staff_full_name": "陈丽萍",
            "staff_username": "xc-renda",
        },
    )
    assert response.status_code == 200
    assert Township.objects.count() == 1 and not User.objects.filter(username="xc-renda").exists()
    assert "确保该值大于或等于1" in response.content.decode()
    assert "请选择是镇、乡还是民族乡。" in response.content.decode()


def test_county_admin_gives_a_townships_staff_a_new_password(client, county_admin, users, township):
    staff = users[Role.STAFF]
    client.force_login(county_admin)
    url = reverse("county:staff_password", args=[township.pk])
    response, shown = issue(client, url, user=staff.pk, reason="本人来电，忘记密码")
    staff.refresh_from_db()
    assert staff.check_password(shown[staff.username])
    # Another township's staff, or this township's deputy, are not among the choices.
    other_staff = User.objects.create(username="o", role=Role.STAFF, township=TownshipFactory())
    for stranger in (other_staff, users[Role.DEPUTY]):
        response = client.post(url, {"user": stranger.pk, "reason": "本人来电"})
        assert "选择一个有效的选项" in response.content.decode()
        stranger.refresh_from_db()
        assert not stranger.must_change_password


def test_county_admin_adds_a_staff_account(client, county_admin, township):
    client.force_login(county_admin)
    url = reverse("county:staff_create", args=[township.pk])
    response, shown = issue(client, url, full_name="周海燕", username="zhouhy")
    user = User.objects.get(username="zhouhy")
    assert (user.role, user.township) == (Role.STAFF, township)
    assert user.check_password(shown["zhouhy"])


def test_county_admin_reads_no_townships_deputies_or_proposals(client, county_admin, users):
    client.force_login(county_admin)
    for url in ("deputies:list", "proposals:list", "township:accounts", "reports:list"):
        assert client.get(reverse(url)).status_code == 403, url
    assert client.get(reverse("county:township", args=[999_999])).status_code == 404


def test_staff_do_not_use_the_county_pages(client, staff, township):
    client.force_login(staff)
    assert client.get(reverse("county:township", args=[township.pk])).status_code == 403
    response = client.post(reverse("county:staff_password", args=[township.pk]), {"user": staff.pk})
    assert response.status_code == 403
