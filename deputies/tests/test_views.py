import datetime
import re

import pytest
from django.urls import reverse

from congress.roles import Role
from congress.tests.factories import TownshipFactory
from deputies.models import Deputy, Mandate
from deputies.tests.factories import (
    ConstituencyFactory,
    DeputyFactory,
    DeputyGroupFactory,
    MandateFactory,
)

NEW_DEPUTY = {
    "name": " 李四 ",
    "gender": "female",
    "ethnicity": "汉族",
    "birth_month": "1975-03",
    "affiliation": "cpc",
    "education": "college",
    "occupation": "farmer",
    "work_unit": "",
    "phone": "13900000000",
    "address": "",
    "level": "county",
    "term": 18,
}


def test_staff_add_a_deputy_with_their_first_mandate(client, staff, constituency, deputy_group):
    client.force_login(staff)
    response = client.post(
        reverse("deputies:create"),
        {
            **NEW_DEPUTY,
            "constituency": constituency.pk,
            "group": deputy_group.pk,
        },
        follow=True,
    )
    deputy = Deputy.objects.get(name="李四")
    assert deputy.township == staff.township
    assert deputy.birth_month == datetime.date(1975, 3, 1)
    mandate = deputy.mandates.get()
    assert (mandate.level, mandate.term, mandate.status) == ("county", 18, "active")
    assert "已添加代表李四" in response.content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": ""}, "这个字段是必填项"),
        ({"birth_month": "1975-13"}, "请输入年月，如 1975-03"),
        ({"gender": "x"}, "选择一个有效的选项"),
        ({"term": "0"}, "确保该值大于或等于1"),
        ({"phone": "1395781"}, "请填写以1开头的11位手机号码"),
        # A right-to-left override would show 李四 reversed; a control character breaks exports.
        ({"name": "李\u202e四"}, "请删除第2个字符（紧接在“李”之后）"),
        ({"work_unit": "村委会\x07主任"}, "请删除第4个字符（紧接在“村委会”之后）"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_saved(
    client, staff, constituency, change, message
):
    before = Deputy.objects.count()
    client.force_login(staff)
    response = client.post(
        reverse("deputies:create"), {**NEW_DEPUTY, "constituency": constituency.pk, **change}
    )
    assert message in response.content.decode()
    assert Deputy.objects.count() == before
    assert not Mandate.objects.filter(deputy__name="李四").exists()


def test_another_townships_constituency_is_refused(client, staff):
    foreign = ConstituencyFactory(township=TownshipFactory())
    before = Deputy.objects.count()
    client.force_login(staff)
    response = client.post(reverse("deputies:create"), {**NEW_DEPUTY, "constituency": foreign.pk})
    assert "选择一个有效的选项" in response.content.decode()
    assert Deputy.objects.count() == before


def test_filters_apply_to_one_and_the_same_mandate(client, staff, township):
    """A former county deputy who is a township deputy in office is not 'a county deputy in
    office'."""
    both = DeputyFactory(township=township, name="在任县代表", mandate__level="county")
    former = DeputyFactory(township=township, name="卸任县代表", mandate__level="township")
    MandateFactory(
        deputy=former,
        level="county",
        term=17,
        status="resigned",
        end_date=datetime.date(2023, 1, 1),
        status_reason="辞职",
    )
    client.force_login(staff)
    page = client.get(reverse("deputies:list"), {"level": "county", "status": "active"})
    text = page.content.decode()
    assert both.name in text and former.name not in text
    page = client.get(reverse("deputies:list"), {"level": "county"})
    assert former.name in page.content.decode()


def test_search_by_name_and_filter_by_affiliation(client, staff, township):
    DeputyFactory(township=township, name="王小明", affiliation="cpc")
    DeputyFactory(township=township, name="王大明", affiliation="none")
    client.force_login(staff)
    text = client.get(reverse("deputies:list"), {"q": "王", "affiliation": "cpc"}).content.decode()
    assert "王小明" in text and "王大明" not in text


@pytest.mark.parametrize("role", [Role.STAFF, Role.MEMBER])
def test_roster_is_scoped_to_the_township(client, users, township, role):
    DeputyFactory(township=township, name="本镇代表")
    DeputyFactory(township=TownshipFactory(), name="外镇代表")
    client.force_login(users[role])
    page = client.get(reverse("deputies:list")).content.decode()
    assert "本镇代表" in page and "外镇代表" not in page


def test_phone_and_address_are_for_staff_only(client, users, township):
    deputy = DeputyFactory(township=township, phone="13912345678", address="练溪村8号")
    for role, visible in {Role.STAFF: True, Role.MEMBER: False}.items():
        client.force_login(users[role])
        for url in (reverse("deputies:list"), reverse("deputies:detail", args=[deputy.pk])):
            text = client.get(url).content.decode()
            assert ("13912345678" in text) is visible, (role, url)
            assert ("练溪村8号" in text) is visible or url.endswith("/deputies/"), (role, url)


PERMISSIONS = [
    # (role, url name, expected) — a deputy may open only their own record
    (Role.DEPUTY, "deputies:list", 403),
    (Role.UNIT, "deputies:list", 403),
    (Role.COUNTY, "deputies:list", 403),
    (Role.MEMBER, "deputies:create", 403),
    (Role.MEMBER, "deputies:export", 403),
    (Role.MEMBER, "deputies:ranking", 403),
    (Role.UNIT, "deputies:composition", 403),
    (Role.DEPUTY, "deputies:import", 403),
    (Role.UNIT, "deputies:me", 403),
    (Role.STAFF, "deputies:me", 403),
]


@pytest.mark.parametrize(("role", "url_name", "expected"), PERMISSIONS)
def test_permission_table(client, users, role, url_name, expected):
    client.force_login(users[role])
    assert client.get(reverse(url_name)).status_code == expected


def test_a_deputy_cannot_open_another_deputys_record(client, users, township):
    other = DeputyFactory(township=township)
    me = users[Role.DEPUTY].deputy
    client.force_login(users[Role.DEPUTY])
    assert client.get(reverse("deputies:detail", args=[other.pk])).status_code == 403
    assert client.get(reverse("deputies:me")).status_code == 200
    text = client.get(reverse("deputies:me")).content.decode()
    assert me.phone in text and other.phone not in text


def test_another_townships_staff_see_nothing_of_this_one(client, make_user, township):
    deputy = DeputyFactory(township=township, name="本镇代表")
    client.force_login(make_user(Role.STAFF, TownshipFactory()))
    assert "本镇代表" not in client.get(reverse("deputies:list")).content.decode()
    assert client.get(reverse("deputies:detail", args=[deputy.pk])).status_code == 404
    assert client.get(reverse("deputies:edit", args=[deputy.pk])).status_code == 404


def test_roster_query_count_is_constant(client, staff, django_assert_max_num_queries):
    for deputy in DeputyFactory.create_batch(60, township=staff.township):
        MandateFactory(deputy=deputy, level="county", term=17)
    deputies = Deputy.objects.filter(township=staff.township)  # and the deputy user's: 61
    client.force_login(staff)
    # 12 for the page, 1 for the unread notification count in the header.
    with django_assert_max_num_queries(13):
        roster = client.get(reverse("deputies:list"))
    assert roster.status_code == 200
    text = roster.content.decode()
    listed = [d for d in deputies if f'"{reverse("deputies:detail", args=[d.pk])}"' in text]
    assert len(listed) == 50  # a page of them
    assert "县人大代表 · 第十七届" in text
    with django_assert_max_num_queries(13):
        composition = client.get(reverse("deputies:composition"))
    assert composition.status_code == 200
    assert re.search(r"<td>男</td>\s*<td[^>]*>61</td>", composition.content.decode())


def test_composition_counts(client, staff, township):
    DeputyFactory.create_batch(3, township=township, gender="female", affiliation="cpc")
    DeputyFactory(township=township, gender="male", affiliation="none")
    client.force_login(staff)
    composition = client.get(reverse("deputies:composition")).context["composition"]
    # the deputy of the `users` fixture is male, no party
    assert dict(composition["gender"]) == {"女": 3, "男": 2}
    assert dict(composition["affiliation"]) == {"中共党员": 3, "群众": 2}


def test_export_respects_the_filters_and_imports_back(client, staff, township):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import load_workbook

    DeputyFactory(township=township, name="甲", mandate__level="county")
    DeputyFactory(township=township, name="乙", mandate__level="township")
    client.force_login(staff)
    response = client.get(reverse("deputies:export"), {"level": "county"})
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["甲"]
    assert sheet.cell(row=1, column=1).value == "姓名"
    # The exported file is a valid import: it matches the roster row for row.
    upload = SimpleUploadedFile("导出.xlsx", response.content)
    preview = client.get(client.post(reverse("deputies:import"), {"file": upload})["Location"])
    plan = preview.context["plan"]
    assert plan.is_valid and plan.unchanged_count == 1
    assert (plan.new_count, plan.update_count) == (0, 0)


def test_an_export_with_ended_mandates_imports_back_valid(client, staff, township):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import load_workbook

    deputy = DeputyFactory(township=township, name="丙")
    MandateFactory(
        deputy=deputy,
        level="county",
        term=17,
        status="recalled",
        end_date=datetime.date(2023, 5, 1),
        status_reason="依法罢免",
    )
    client.force_login(staff)
    response = client.get(reverse("deputies:export"), {"q": "丙"})
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(2, values_only=True)]
    county = next(row for row in rows if row["层级"] == "县人大代表")
    assert (county["履职状态"], county["任期终止日期"], county["原因"]) == (
        "罢免",
        "2023-05-01",
        "依法罢免",
    )
    upload = SimpleUploadedFile("导出.xlsx", response.content)
    preview = client.get(client.post(reverse("deputies:import"), {"file": upload})["Location"])
    plan = preview.context["plan"]
    assert plan.is_valid and plan.unchanged_count == 2


def test_ending_a_mandate_needs_a_date_and_a_reason(client, staff, township):
    deputy = DeputyFactory(township=township)
    mandate = deputy.mandates.get()
    client.force_login(staff)
    url = reverse("deputies:mandate_edit", args=[deputy.pk, mandate.pk])
    data = {
        "constituency": mandate.constituency_id,
        "group": mandate.group_id,
        "status": "resigned",
        "start_date": "2021-12-30",
        "end_date": "",
        "status_reason": "",
    }
    text = client.post(url, data).content.decode()
    assert "请填写代表职务终止的日期" in text and "请填写代表职务终止的原因" in text
    mandate.refresh_from_db()
    assert mandate.status == "active"
    client.post(url, {**data, "end_date": "2024-06-01", "status_reason": "工作调动"})
    mandate.refresh_from_db()
    assert (mandate.status, mandate.status_reason) == ("resigned", "工作调动")


def test_a_second_mandate_at_the_same_level_and_term_is_refused(client, staff, township):
    deputy = DeputyFactory(township=township)
    mandate = deputy.mandates.get()
    client.force_login(staff)
    response = client.post(
        reverse("deputies:mandate_add", args=[deputy.pk]),
        {
            "level": mandate.level,
            "term": mandate.term,
            "constituency": mandate.constituency_id,
        },
    )
    assert "该代表在本届已有同一层级的代表职务" in response.content.decode()
    assert deputy.mandates.count() == 1


def test_groups_under_three_deputies_are_flagged_not_blocked(client, staff, township):
    small = DeputyGroupFactory(township=township, name="小小组")
    DeputyFactory(township=township, mandate__group=small)
    client.force_login(staff)
    response = client.post(
        reverse("deputies:groups"), {"name": "新小组", "description": ""}, follow=True
    )
    text = response.content.decode()
    assert "已保存代表小组新小组" in text
    assert "不足3人" in text


def test_duplicate_constituency_name_is_a_chinese_error(client, staff, constituency):
    client.force_login(staff)
    response = client.post(
        reverse("deputies:constituencies"), {"name": constituency.name, "description": ""}
    )
    assert "已有同名选区" in response.content.decode()


def test_staff_link_a_deputy_to_a_login_account(client, staff, users, township, make_user):
    deputy = DeputyFactory(township=township, name="待关联")
    account = make_user(Role.DEPUTY, township, username="daibiao2")
    client.force_login(staff)
    url = reverse("deputies:edit", args=[deputy.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "photo"}
    data["birth_month"] = ""
    client.post(url, {**data, "user": account.pk})
    deputy.refresh_from_db()
    assert deputy.user == account
    # an account already linked to another deputy is refused
    taken = users[Role.DEPUTY]
    other = DeputyFactory(township=township)
    response = client.post(
        reverse("deputies:edit", args=[other.pk]),
        {
            **data,
            "name": other.name,
            "user": taken.pk,
        },
    )
    assert "登录账号 的 代表 已存在" in response.content.decode()
    other.refresh_from_db()
    assert other.user is None


def test_a_deputy_cannot_save_a_phone_number_cut_short(client, users):
    deputy = users[Role.DEPUTY].deputy
    client.force_login(users[Role.DEPUTY])
    response = client.post(reverse("deputies:me_edit"), {"phone": "1395781", "address": "新地址"})
    assert "请填写以1开头的11位手机号码" in response.content.decode()
    deputy.refresh_from_db()
    assert deputy.address != "新地址"
    client.post(reverse("deputies:me_edit"), {"phone": "0578-8123456-801", "address": "新地址"})
    deputy.refresh_from_db()
    assert (deputy.phone, deputy.address) == ("0578-8123456-801", "新地址")


def test_the_name_search_says_full_name_and_the_seat_tables_say_name(client, staff):
    client.force_login(staff)
    text = client.get(reverse("deputies:list")).content.decode()
    assert 'for="id_q">姓名</label>' in text
    for url in ("deputies:constituencies", "deputies:groups"):
        text = client.get(reverse(url)).content.decode()
        assert "<th>名称</th>" in text and "<th>姓名</th>" not in text


def test_a_new_deputy_defaults_to_a_township_seat(client, staff):
    client.force_login(staff)
    text = client.get(reverse("deputies:create")).content.decode()
    assert '<option value="township" selected>镇人大代表</option>' in text


def test_the_import_template_downloads_under_a_chinese_name(client, staff):
    from urllib.parse import quote

    client.force_login(staff)
    response = client.get(reverse("deputies:import_template"))
    expected = "attachment; filename*=UTF-8''" + quote("代表名册导入模板.xlsx")
    assert response["Content-Disposition"] == expected
