"""Photos, attachments and roster workbooks: served only to who may read their record, checked
for what they contain when uploaded. (tests/test_isolation.py walks the same URLs as every
role for other townships' and other deputies' records.)"""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from congress.roles import Role
from deputies.excel import write_workbook
from deputies.models import Attendance, Deputy, RosterImport
from deputies.tests.factories import ActivityFactory, DeputyFactory
from deputies.tests.test_activities import png_bytes

HTML = b"<!doctype html><html><script>alert(document.cookie)</script></html>"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def photographed(township):
    deputy = DeputyFactory(township=township, name="王五")
    deputy.photo.save("wang.png", ContentFile(png_bytes()))
    return deputy


def test_a_deputys_photo_is_shown_to_staff_members_and_the_deputy_themself(
    client, users, township, photographed
):
    photographed.user = users[Role.DEPUTY]
    Deputy.objects.filter(user=photographed.user).exclude(pk=photographed.pk).delete()
    photographed.save()
    url = reverse("deputies:photo", args=[photographed.pk])
    for role in (Role.STAFF, Role.MEMBER, Role.DEPUTY):
        client.force_login(users[role])
        response = client.get(url)
        assert response.status_code == 200, role
        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"].startswith("inline;")
        assert body(response) == png_bytes()
    for role in (Role.UNIT, Role.COUNTY):
        client.force_login(users[role])
        assert client.get(url).status_code == 404, role


def test_another_deputy_cannot_see_the_photo(client, users, photographed):
    client.force_login(users[Role.DEPUTY])
    assert client.get(reverse("deputies:photo", args=[photographed.pk])).status_code == 404


def test_pages_show_the_photo_through_its_view(client, staff, photographed):
    client.force_login(staff)
    page = client.get(reverse("deputies:detail", args=[photographed.pk])).content.decode()
    assert reverse("deputies:photo", args=[photographed.pk]) in page
    form = client.get(reverse("deputies:edit", args=[photographed.pk])).content.decode()
    assert reverse("deputies:photo", args=[photographed.pk]) in form
    assert "/media/" not in page + form


def test_a_deputy_without_a_photo_has_none_to_serve(client, staff, township):
    deputy = DeputyFactory(township=township)
    client.force_login(staff)
    assert client.get(reverse("deputies:photo", args=[deputy.pk])).status_code == 404


def edit_data(client, deputy) -> dict:
    form = client.get(reverse("deputies:edit", args=[deputy.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "photo"}
    data["birth_month"] = ""
    return data


def test_ticking_clear_removes_the_photo_and_its_file(
    client, staff, photographed, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    name = photographed.photo.name
    storage = photographed.photo.storage
    data = edit_data(client, photographed)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("deputies:edit", args=[photographed.pk]), {**data, "photo-clear": "on"}
        )
    assert response.status_code == 302
    photographed.refresh_from_db()
    assert not photographed.photo
    assert not storage.exists(name)


def test_a_new_photo_replaces_the_old_one(
    client, staff, photographed, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    old = photographed.photo.name
    data = edit_data(client, photographed)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("deputies:edit", args=[photographed.pk]),
            {**data, "photo": SimpleUploadedFile("新照片.png", png_bytes())},
        )
    photographed.refresh_from_db()
    assert photographed.photo.name not in ("", old)
    assert not photographed.photo.storage.exists(old)


# ----------------------------------------------------------------------------- attachments


def attach(client, activity, name, content):
    return client.post(
        reverse("deputies:activity_attach", args=[activity.pk]),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def docx_bytes(folder="word/") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("会议纪要.pdf", HTML),
        ("会议纪要.docx", HTML),
        ("会议纪要.docx", docx_bytes(folder="xl/")),  # a workbook renamed .docx
        ("台账.xls", b"%PDF-1.4"),
        ("照片.jpg", png_bytes()),  # a PNG named .jpg
    ],
)
def test_an_attachment_whose_content_is_not_its_type_is_refused(
    client, staff, township, name, content
):
    activity = ActivityFactory(township=township)
    client.force_login(staff)
    text = attach(client, activity, name, content).content.decode()
    assert "文件内容与扩展名" in text or "图片无法识别" in text
    assert not activity.attachments.exists()


def test_a_document_is_downloaded_and_a_photo_shown_for_who_may_read_the_activity(
    client, users, township
):
    activity = ActivityFactory(township=township)
    Attendance.objects.create(activity=activity, deputy=users[Role.DEPUTY].deputy, status="present")
    client.force_login(users[Role.STAFF])
    attach(client, activity, "会议纪要.pdf", b"%PDF-1.7\n")
    attach(client, activity, "现场.png", png_bytes())
    document, photo = activity.attachments.order_by("pk")
    page = client.get(reverse("deputies:activity_detail", args=[activity.pk])).content.decode()
    assert "/media/" not in page
    for role in (Role.STAFF, Role.MEMBER, Role.DEPUTY):
        client.force_login(users[role])
        response = client.get(reverse("deputies:attachment", args=[document.pk]))
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            "attachment; filename*=utf-8''%E4%BC%9A%E8%AE%AE%E7%BA%AA%E8%A6%81.pdf"
        )
        assert body(response) == b"%PDF-1.7\n"
        response = client.get(reverse("deputies:attachment", args=[photo.pk]))
        assert response["Content-Disposition"].startswith("inline;")
    Attendance.objects.filter(activity=activity).delete()  # the deputy was not there after all
    assert client.get(reverse("deputies:attachment", args=[document.pk])).status_code == 404


# ----------------------------------------------------------------------------- roster workbooks


def test_html_named_xlsx_is_refused_as_a_roster_workbook(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("deputies:import"), {"file": SimpleUploadedFile("名册.xlsx", HTML)}
    )
    assert "文件内容与扩展名.xlsx不符" in response.content.decode()
    assert not RosterImport.objects.exists()


def test_staff_download_the_workbook_they_uploaded(client, users):
    from deputies.tests.test_import import row

    content = write_workbook([row(1)], title="名册")
    client.force_login(users[Role.STAFF])
    location = client.post(
        reverse("deputies:import"), {"file": SimpleUploadedFile("2024名册.xlsx", content)}
    )["Location"]
    batch = RosterImport.objects.get()
    url = reverse("deputies:import_file", args=[batch.pk])
    assert url in client.get(location).content.decode()
    response = client.get(url)
    assert body(response) == content
    assert (
        response["Content-Disposition"]
        == "attachment; filename*=utf-8''2024%E5%90%8D%E5%86%8C.xlsx"
    )
    for role in (Role.MEMBER, Role.DEPUTY, Role.UNIT, Role.COUNTY):
        client.force_login(users[role])
        assert client.get(url).status_code == 403, role
