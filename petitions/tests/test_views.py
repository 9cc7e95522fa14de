"""Letters and visits pages: staff only, and who wrote or visited only for staff allowed to see
it, on every page, in the export and nowhere else."""

import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from freezegun import freeze_time
from openpyxl import load_workbook

from congress import registry
from congress.models import User
from congress.roles import Role
from petitions.models import Petition, PetitionPolicy, PetitionReply
from petitions.services import petition_move
from petitions.tests.factories import PetitionFactory

S, M, D, U, C, CA = (
    Role.STAFF,
    Role.MEMBER,
    Role.DEPUTY,
    Role.UNIT,
    Role.COUNTY,
    Role.COUNTY_ADMIN,
)
NAME, CONTACT, ADDRESS = "王五", "13812345678", "溪口村3号"
SECRETS = (NAME, CONTACT, ADDRESS)
HIDDEN = "（身份信息已隐藏）"


def allowed(user: User) -> User:
    user.user_permissions.add(Permission.objects.get(codename="view_petitioner"))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def clerk(township, make_user, users):
    """Staff allowed to see who wrote; users[S] is staff who is not."""
    return allowed(make_user(S, township))


@pytest.fixture
def petition(township, unit, clerk):
    petition = PetitionFactory(
        township=township,
        name=NAME,
        contact=CONTACT,
        address=ADDRESS,
        subject="道路破损",
        content="村道坑洼影响出行",
        unit=unit,
        received_on=datetime.date(2024, 6, 3),
        accept_by=datetime.date(2024, 6, 18),
    )
    PetitionReply.objects.create(
        petition=petition,
        direction="to_person",
        date=datetime.date(2024, 6, 10),
        text="已转交承办单位",
        recorded_by=clerk,
    )
    return petition


def every_page(petition) -> list[str]:
    pk = petition.pk
    return [
        reverse("petitions:list"),
        reverse("petitions:list") + "?year=2024&status=received",
        reverse("petitions:detail", args=[pk]),
        reverse("petitions:edit", args=[pk]),
        reverse("petitions:move", args=[pk, "accept"]),
        reverse("petitions:move", args=[pk, "decline"]),
        reverse("petitions:reply", args=[pk]),
        reverse("petitions:policy"),
        reverse("home"),
    ]


def export_text(client, query="") -> str:
    response = client.get(reverse("petitions:list") + f"?{query}&format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    return "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row)


# ------------------------------------------------------------------------ who opens what


@pytest.mark.parametrize("role", [M, D, U, C, CA])
def test_no_one_but_staff_opens_a_petition_page(client, petition, users, role):
    client.force_login(allowed(users[role]))  # even holding the identity permission
    for url in [*every_page(petition)[:-1], reverse("petitions:create")]:
        assert client.get(url).status_code in {403, 404}, url
        assert client.post(url, {}).status_code in {403, 404, 405}, url
    assert Petition.objects.get(pk=petition.pk).status == "received"


def test_staff_register_only_when_allowed_to_see_the_person(client, users, clerk):
    client.force_login(users[S])
    assert client.get(reverse("petitions:create")).status_code == 403
    client.force_login(clerk)
    assert client.get(reverse("petitions:create")).status_code == 200


# ------------------------------------------------------------------------ the identity


def test_staff_without_the_permission_never_see_the_person(client, petition, users):
    client.force_login(users[S])
    for url in every_page(petition):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for secret in SECRETS:
            assert secret not in html, (url, secret)
    for url in every_page(petition)[:3]:
        assert HIDDEN in client.get(url).content.decode(), url
    text = export_text(client)
    assert "道路破损" in text and HIDDEN in text
    for secret in SECRETS:
        assert secret not in text
    # Searching by name finds nothing for them; the subject still finds it.
    page = client.get(reverse("petitions:list") + f"?q={NAME}")
    assert list(page.context["petitions"]) == []
    page = client.get(reverse("petitions:list") + "?q=道路")
    assert list(page.context["petitions"]) == [petition]


def test_staff_with_the_permission_see_the_person_everywhere(client, petition, clerk):
    client.force_login(clerk)
    for url in every_page(petition)[:4]:
        html = client.get(url).content.decode()
        assert NAME in html and HIDDEN not in html, url
    detail = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert CONTACT in detail and ADDRESS in detail
    edit = client.get(reverse("petitions:edit", args=[petition.pk])).content.decode()
    assert CONTACT in edit and ADDRESS in edit
    text = export_text(client)
    assert all(secret in text for secret in SECRETS)
    page = client.get(reverse("petitions:list") + f"?q={NAME}")
    assert list(page.context["petitions"]) == [petition]


def test_petitions_have_no_history_page(client, petition, users):
    """simple_history keeps former names: the history page does not cover letters and visits
    (each one's page shows its course instead)."""
    models = {kind.model.lower() for kind in registry.history_kinds}
    assert not {m for m in models if "petition" in m}
    client.force_login(users[S])
    url = reverse("history", args=["petition", petition.pk])
    assert client.get(url).status_code == 404


@freeze_time("2024-06-15 09:00:00+08:00")
def test_notifications_name_no_one(client, petition, users):
    registry.run_job("oversight.petition_deadlines", today=datetime.date(2024, 6, 15))
    client.force_login(users[S])
    html = client.get(reverse("notification_list")).content.decode()
    assert "道路破损" in html
    for secret in SECRETS:
        assert secret not in html


def test_editing_without_the_permission_keeps_the_person(client, petition, users, township):
    client.force_login(users[S])
    form = client.get(reverse("petitions:edit", args=[petition.pk])).context["form"]
    assert not {"name", "contact", "address"} & set(form.fields)
    response = client.post(
        reverse("petitions:edit", args=[petition.pk]),
        {
            "received_on": "2024-06-03",
            "channel": "letter",
            "people": 2,
            "category": "infrastructure",
            "subject": "村道破损",
            "content": "村道坑洼影响出行",
            "unit": "",
            # Posted anyway: not on the form, so ignored.
            "name": "",
            "contact": "",
        },
    )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert (petition.name, petition.contact, petition.address) == SECRETS
    assert (petition.subject, petition.people, petition.unit) == ("村道破损", 2, None)


# ------------------------------------------------------------------------ the forms


@freeze_time("2024-07-01 10:00:00+08:00")
def test_staff_register_and_handle_one_by_the_pages(client, clerk, unit):
    client.force_login(clerk)
    response = client.post(
        reverse("petitions:create"),
        {
            "received_on": "2024-06-28",
            "channel": "visit",
            "name": "赵六",
            "contact": "",
            "address": "",
            "people": 3,
            "category": "environment",
            "subject": "河道垃圾",
            "content": "溪边垃圾堆积",
            "unit": unit.pk,
        },
    )
    petition = Petition.objects.get(subject="河道垃圾")
    assert response["Location"] == reverse("petitions:detail", args=[petition.pk])
    assert petition.accept_by == datetime.date(2024, 7, 13)
    detail = client.get(response["Location"]).content.decode()
    assert "2024-07-13前受理" in detail and "赵六" in detail
    move = reverse("petitions:move", args=[petition.pk, "decline"])
    response = client.post(move, {"decline-on": "2024-07-01", "decline-note": ""})
    assert response.status_code == 200 and "不予受理的理由" in response.content.decode()
    petition.refresh_from_db()
    assert petition.status == "received"
    move = reverse("petitions:move", args=[petition.pk, "accept"])
    response = client.post(move, {"accept-on": "2024-06-30", "accept-note": ""})
    assert response.status_code == 302
    petition.refresh_from_db()
    assert (petition.status, petition.conclude_by) == ("accepted", datetime.date(2024, 8, 29))
    response = client.post(
        reverse("petitions:reply", args=[petition.pk]),
        {"direction": "from_unit", "date": "2024-07-01", "text": "已清理"},
    )
    assert response.status_code == 302 and petition.replies.get().text == "已清理"
    move = reverse("petitions:move", args=[petition.pk, "conclude"])
    response = client.post(move, {"conclude-on": "2024-07-01", "conclude-result": ""})
    assert "请填写办理结果。" in response.content.decode() or response.context["form"].errors
    response = client.post(move, {"conclude-on": "2024-07-01", "conclude-result": "垃圾已清运"})
    assert response.status_code == 302
    petition.refresh_from_db()
    assert (petition.status, petition.result) == ("concluded", "垃圾已清运")


def test_an_unknown_move_is_404(client, petition, users):
    client.force_login(users[S])
    assert client.get(reverse("petitions:move", args=[petition.pk, "x"])).status_code == 404


def test_staff_set_the_townships_deadlines(client, users, township):
    client.force_login(users[S])
    page = client.get(reverse("petitions:policy"))
    assert page.context["form"].initial["accept_days"] == 15
    response = client.post(reverse("petitions:policy"), {"accept_days": 0, "conclude_days": 60})
    assert response.status_code == 200 and not PetitionPolicy.objects.exists()
    response = client.post(reverse("petitions:policy"), {"accept_days": 10, "conclude_days": 30})
    assert response.status_code == 302
    policy = PetitionPolicy.objects.get(township=township)
    assert (policy.accept_days, policy.conclude_days) == (10, 30)


@freeze_time("2024-07-01 10:00:00+08:00")
def test_the_list_filters_and_marks_the_overdue(client, township, clerk, users):
    late = PetitionFactory(
        township=township, subject="逾期未受理", accept_by=datetime.date(2024, 6, 30)
    )
    due_today = PetitionFactory(
        township=township, subject="今日到期", accept_by=datetime.date(2024, 7, 1)
    )
    accepted = PetitionFactory(
        township=township, subject="已受理", channel="phone", accept_by=datetime.date(2024, 6, 30)
    )
    petition_move(petition=accepted, by=clerk, move="accept", on=datetime.date(2024, 6, 20))
    client.force_login(users[S])
    overdue = client.get(reverse("petitions:list") + "?overdue=on").context["petitions"]
    assert list(overdue) == [late]
    phones = client.get(reverse("petitions:list") + "?channel=phone").context["petitions"]
    assert list(phones) == [accepted]
    html = client.get(reverse("petitions:list")).content.decode()
    assert html.count("badge text-bg-danger") == 1
    assert due_today.subject in html
    text = export_text(client, "overdue=on")
    assert "逾期未受理" in text and "今日到期" not in text


def test_the_list_reads_a_fixed_number_of_queries(
    client, township, unit, users, django_assert_max_num_queries
):
    for n in range(30):
        PetitionFactory(township=township, unit=unit if n % 2 else None)
    client.force_login(users[S])
    with django_assert_max_num_queries(8):
        page = client.get(reverse("petitions:list"))
    assert page.content.decode().count(HIDDEN) == 30
    with django_assert_max_num_queries(8):
        client.get(reverse("petitions:list") + "?format=xlsx")


# ------------------------------------------------------------------------ granting it


def test_the_county_administrator_grants_and_withdraws_the_permission(
    client, petition, users, township, make_user
):
    """Who may see who wrote is granted per staff account by the county administrator, with a
    reason (a staff account may not grant itself or a colleague: congress.accounts)."""
    colleague = make_user(S, township)
    client.force_login(users[CA])
    page = client.get(reverse("county:township", args=[township.pk])).content.decode()
    url = reverse("county:staff_permissions", args=[township.pk, colleague.pk])
    assert url in page
    assert "查看信访人身份信息" in client.get(url).content.decode()
    response = client.post(
        url, {"permissions": ["petitions.view_petitioner"], "reason": "书面申请：负责信访登记"}
    )
    assert response.status_code == 302
    client.force_login(colleague)
    html = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert NAME in html
    client.force_login(users[CA])
    client.post(url, {"reason": "调离信访岗位"})  # nothing ticked: withdrawn
    client.force_login(colleague)
    html = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert NAME not in html and HIDDEN in html


def test_only_staff_accounts_are_granted_and_only_by_the_county_administrator(
    client, users, township, make_user
):
    client.force_login(users[CA])
    for account in (users[M], users[U], users[D]):
        url = reverse("county:staff_permissions", args=[township.pk, account.pk])
        response = client.post(url, {"permissions": ["petitions.view_petitioner"], "reason": "x"})
        assert response.status_code == 404
        assert not User.objects.get(pk=account.pk).has_perm("petitions.view_petitioner")
    url = reverse("county:staff_permissions", args=[township.pk, users[S].pk])
    response = client.post(url, {"permissions": ["congress.change_user"], "reason": "x"})
    assert "congress.change_user" in response.content.decode() or response.status_code == 200
    assert not users[S].user_permissions.exists()  # not grantable
    for role in (S, M):
        client.force_login(users[role])
        response = client.post(url, {"permissions": ["petitions.view_petitioner"], "reason": "x"})
        assert response.status_code == 403
    assert not User.objects.get(pk=users[S].pk).has_perm("petitions.view_petitioner")


@freeze_time("2024-07-01 10:00:00+08:00")
def test_staffs_home_page_lists_what_waits_and_what_is_overdue(client, township, clerk, users):
    PetitionFactory(township=township, accept_by=datetime.date(2024, 6, 30))  # overdue
    PetitionFactory(township=township, accept_by=datetime.date(2024, 7, 10))
    accepted = PetitionFactory(township=township, accept_by=datetime.date(2024, 7, 10))
    petition_move(petition=accepted, by=clerk, move="accept")
    client.force_login(users[S])
    todo = {item.label: item.count for item in client.get(reverse("home")).context["todo"]}
    assert todo["待受理的信访事项"] == 2
    assert todo["待办结的信访事项"] == 1
    assert todo["信访事项已逾期"] == 1
    client.force_login(users[M])
    todo = {item.label for item in client.get(reverse("home")).context["todo"]}
    assert not {label for label in todo if "信访" in label}
