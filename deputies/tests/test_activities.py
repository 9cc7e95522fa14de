import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from congress.roles import Role
from congress.tests.factories import TownshipFactory
from deputies.models import Activity, Attendance, LiaisonContact, VoterContact
from deputies.tests.factories import ActivityFactory, DeputyFactory
from proposals.models import Proposal


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_staff_record_an_activity_then_attendance_counts_person_times(client, staff, township):
    deputies = DeputyFactory.create_batch(4, township=township)
    client.force_login(staff)
    response = client.post(
        reverse("deputies:activity_create"),
        {
            "kind": "survey",
            "title": "“关心母亲河溪”活动周",
            "start_date": "2024-09-02",
            "end_date": "2024-09-08",
            "place": "练溪",
            "organiser": "镇人大主席团",
            "content": "",
            "other_participants": 82,
        },
    )
    activity = Activity.objects.get()
    assert response["Location"] == reverse("deputies:activity_attendance", args=[activity.pk])
    statuses = {
        f"d{deputies[0].pk}": "present",
        f"d{deputies[1].pk}": "present",
        f"d{deputies[2].pk}": "present",
        f"d{deputies[3].pk}": "leave",
    }
    # the deputy of the `users` fixture is not involved: their field stays blank
    response = client.post(
        response["Location"], {**statuses, f"d{deputies[3].pk}": "present"}, follow=True
    )
    assert "共86人次" in response.content.decode()
    response = client.post(
        reverse("deputies:activity_attendance", args=[activity.pk]), statuses, follow=True
    )
    assert "共85人次" in response.content.decode()
    assert Attendance.objects.filter(activity=activity).count() == 4


def test_an_activity_cannot_end_before_it_starts(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("deputies:activity_create"),
        {
            "kind": "training",
            "title": "培训",
            "start_date": "2024-09-02",
            "end_date": "2024-09-01",
            "other_participants": 0,
        },
    )
    assert "结束日期不能早于开始日期" in response.content.decode()
    assert not Activity.objects.exists()


def test_attendance_cannot_name_another_townships_deputy(client, staff, township):
    activity = ActivityFactory(township=township)
    foreign = DeputyFactory(township=TownshipFactory())
    from django.core.exceptions import ValidationError

    from deputies.services import activity_set_attendance

    with pytest.raises(ValidationError, match="部分代表不在当天的在任名单上"):
        activity_set_attendance(activity=activity, statuses={foreign.pk: "present"}, by=staff)
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("名单.exe", b"MZ", "只能上传以下类型的文件"),
        ("照片.png", b"not a picture", "图片无法识别"),
        ("大文件.pdf", b"0" * (10 * 1024 * 1024 + 1), "文件超过10 MB"),
    ],
)
def test_bad_attachments_are_refused_in_chinese(client, staff, township, name, content, message):
    activity = ActivityFactory(township=township)
    client.force_login(staff)
    response = client.post(
        reverse("deputies:activity_attach", args=[activity.pk]),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )
    assert message in response.content.decode()
    assert not activity.attachments.exists()


def test_a_photo_is_attached_and_shown(client, staff, township):
    activity = ActivityFactory(township=township)
    client.force_login(staff)
    response = client.post(
        reverse("deputies:activity_attach", args=[activity.pk]),
        {"file": SimpleUploadedFile("现场.png", png_bytes())},
        follow=True,
    )
    assert activity.attachments.count() == 1
    assert "<img" in response.content.decode()


def test_a_deputy_sees_only_the_activities_they_took_part_in(client, users, township):
    mine = ActivityFactory(township=township, title="我参加的培训")
    other = ActivityFactory(township=township, title="别人的视察")
    deputy = users[Role.DEPUTY].deputy
    Attendance.objects.create(activity=mine, deputy=deputy, status="present")
    client.force_login(users[Role.DEPUTY])
    text = client.get(reverse("deputies:activities")).content.decode()
    assert "我参加的培训" in text and "别人的视察" not in text
    assert client.get(reverse("deputies:activity_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("deputies:activity_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("deputies:activity_create")).status_code == 403


def test_activity_list_query_count_is_constant(
    client, staff, township, django_assert_max_num_queries
):
    deputies = DeputyFactory.create_batch(5, township=township)
    activities = ActivityFactory.create_batch(
        60, township=township, start_date=datetime.date(2024, 1, 1)
    )
    for i, activity in enumerate(activities):
        Attendance.objects.create(activity=activity, deputy=deputies[i % 5], status="present")
    client.force_login(staff)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("deputies:activities"))
    assert response.status_code == 200
    text = response.content.decode()
    listed = [
        a for a in activities if f'"{reverse("deputies:activity_detail", args=[a.pk])}"' in text
    ]
    assert len(listed) == 50 and "第1页，共2页" in text


def test_a_member_records_contact_with_a_deputy(client, users, township):
    member = users[Role.MEMBER]
    deputy = DeputyFactory(township=township, name="被联系代表", liaison=member)
    client.force_login(member)
    page = client.get(reverse("deputies:liaison_contacts")).content.decode()
    assert "我联系的代表" in page and "被联系代表" in page
    response = client.post(
        reverse("deputies:liaison_contacts"),
        {
            "deputy": deputy.pk,
            "date": "2024-03-05",
            "content": "交流议案办理进展",
        },
        follow=True,
    )
    assert "已登记联系被联系代表的情况" in response.content.decode()
    assert LiaisonContact.objects.get().member == member
    client.force_login(users[Role.DEPUTY])
    assert client.get(reverse("deputies:liaison_contacts")).status_code == 403


def test_a_deputy_turns_what_voters_raised_into_a_proposal(client, users):
    client.force_login(users[Role.DEPUTY])
    client.post(
        reverse("deputies:me_voter_contact"),
        {
            "date": "2024-05-16",
            "voters": "路堰自然村村民",
            "voter_count": 15,
            "raised": "养殖场污水流入练溪。",
        },
    )
    contact = VoterContact.objects.get()
    form = client.get(reverse("proposals:from_voter_contact", args=[contact.pk]))
    assert "养殖场污水流入练溪。" in form.content.decode()
    client.post(
        reverse("proposals:from_voter_contact", args=[contact.pk]),
        {
            "kind": "suggestion",
            "title": "关于治理练溪养殖污染的建议",
            "content": "养殖场污水流入练溪。",
        },
    )
    contact.refresh_from_db()
    assert contact.proposal == Proposal.objects.get()
    assert contact.proposal.deputy == users[Role.DEPUTY].deputy
    again = client.post(
        reverse("proposals:from_voter_contact", args=[contact.pk]),
        {
            "kind": "suggestion",
            "title": "再来一次",
            "content": "x",
        },
    )
    assert "已经提出过建议" in again.content.decode()
    assert Proposal.objects.count() == 1


def test_a_deputy_cannot_use_another_deputys_voter_contact(client, users, township):
    other = VoterContact.objects.create(
        deputy=DeputyFactory(township=township),
        date=datetime.date(2024, 1, 1),
        voters="村民",
        raised="意见",
    )
    client.force_login(users[Role.DEPUTY])
    assert client.get(reverse("proposals:from_voter_contact", args=[other.pk])).status_code == 404


def test_a_deputy_edits_only_phone_and_address(client, users):
    deputy = users[Role.DEPUTY].deputy
    name = deputy.name
    client.force_login(users[Role.DEPUTY])
    client.post(
        reverse("deputies:me_edit"), {"phone": "13711112222", "address": "新地址", "name": "改名"}
    )
    deputy.refresh_from_db()
    assert (deputy.phone, deputy.address, deputy.name) == ("13711112222", "新地址", name)


def test_past_the_select_limit_a_member_names_the_deputy(client, users, township, monkeypatch):
    """A roster too long for a drop-down: the page has a name box, the name must name one."""
    from congress import forms as congress_forms

    monkeypatch.setattr(congress_forms, "SELECT_LIMIT", 2)
    member = users[Role.MEMBER]
    DeputyFactory(township=township, name="甲代表")
    DeputyFactory.create_batch(2, township=township, name="同名代表")
    target = DeputyFactory(township=township, name="乙代表")
    client.force_login(member)
    page = client.get(reverse("deputies:liaison_contacts")).content.decode()
    assert (
        'type="text" name="deputy"' in page
        and "<option" not in page.split('name="deputy"')[1][:200]
    )
    url = reverse("deputies:liaison_contacts")
    fields = {"date": "2024-03-05", "content": "交流"}
    for name, error in (("查无此人", "名单中没有这个名字"), ("同名代表", "不止一位同名")):
        page = client.post(url, {**fields, "deputy": name}).content.decode()
        assert error in page
    assert not LiaisonContact.objects.exists()
    response = client.post(url, {**fields, "deputy": "乙代表"}, follow=True)
    assert "已登记联系乙代表的情况" in response.content.decode()
    assert LiaisonContact.objects.get().deputy == target
