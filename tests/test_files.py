"""Files behind the login: no URL serves the media folder, every file is sent by the view of its
record (tests/test_isolation.py walks those views as every role), and in production nginx
sends the bytes the view allowed."""

import importlib
import io
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import Resolver404, clear_url_caches, resolve, reverse

import congress.urls
from congress.files import protected_file_response
from congress.models import User
from deputies.excel import write_workbook
from deputies.models import Activity
from deputies.services import activity_attach, deputy_update
from deputies.services.importing import roster_import_upload
from deputies.tests.factories import ActivityFactory, DeputyFactory
from deputies.tests.test_activities import png_bytes
from deputies.tests.test_import import row
from reports.models import Report
from tests.crawl import crawl

PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture
def files(township, staff):
    """One stored file of every kind, with the URL of the view that serves it."""
    deputy = DeputyFactory(township=township)
    deputy_update(deputy=deputy, photo=SimpleUploadedFile("照片.png", png_bytes()))
    attachment = activity_attach(
        activity=ActivityFactory(township=township),
        upload=SimpleUploadedFile("会议纪要.pdf", PDF),
    )
    batch = roster_import_upload(
        township=township,
        upload=SimpleUploadedFile("名册.xlsx", write_workbook([row(1)], title="名册")),
        user=staff,
    )
    report = Report(township=township, year=2024, requested_by=staff, state=Report.State.DONE)
    report.file.save("r.pdf", ContentFile(PDF), save=False)
    report.save()
    return {
        reverse("deputies:photo", args=[deputy.pk]): deputy.photo,
        reverse("deputies:attachment", args=[attachment.pk]): attachment.file,
        reverse("deputies:import_file", args=[batch.pk]): batch.file,
        reverse("reports:download", args=[report.pk]): report.file,
    }


@pytest.fixture
def urls_as_in_debug(settings):
    """The URL configuration as `make run` (DEBUG on) builds it."""
    settings.DEBUG = True
    importlib.reload(congress.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(congress.urls)
    clear_url_caches()


def test_no_url_serves_the_media_folder_even_with_debug_on(client, staff, files, urls_as_in_debug):
    client.force_login(staff)
    for view_url, file in files.items():
        assert file.storage.exists(file.name)
        assert client.get(view_url).status_code == 200, view_url
        media_url = f"/media/{file.name}"
        with pytest.raises(Resolver404):
            resolve(media_url)
        assert client.get(media_url).status_code == 404, media_url


def test_behind_nginx_the_view_hands_the_file_to_the_web_server(client, staff, files, settings):
    settings.PROTECTED_MEDIA = "nginx"
    settings.PROTECTED_MEDIA_PREFIX = "/protected-media/"
    client.force_login(staff)
    for view_url, file in files.items():
        response = client.get(view_url)
        assert response.status_code == 200
        assert response.content == b""
        assert response["X-Accel-Redirect"] == "/protected-media/" + quote(file.name)
        assert "private" in response["Cache-Control"]
    photo, attachment, workbook, report = files
    response = client.get(photo)
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    response = client.get(report)
    assert response["Content-Type"] == "application/pdf"
    # The Chinese file name as RFC 5987 says: 测试N镇 2024 年度工作统计.pdf
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    assert quote("2024年度工作统计.pdf") in response["Content-Disposition"]
    assert client.get(workbook)["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_file_gone_from_the_disk_answers_404(client, staff, files):
    client.force_login(staff)
    for view_url, file in files.items():
        file.storage.delete(file.name)
        assert client.get(view_url).status_code == 404, view_url


def test_only_pictures_open_in_the_browser(files):
    pdf = next(file for file in files.values() if "/activities/" in file.name)
    response = protected_file_response(pdf, filename="纪要.pdf", inline=True)
    assert response["Content-Disposition"].startswith("attachment;")
    response.close()


def test_a_download_name_loses_what_a_header_cannot_hold(files):
    photo = next(iter(files.values()))
    response = protected_file_response(photo, filename="张\r\n三/照片\u202e.png")
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''" + quote("张三_照片.png")
    )
    response.close()


# ----------------------------------------------------------------------------- the demo's pages


PAGES_PER_VIEW = 2  # two pages of each view: every template, without every record


@pytest.fixture
def demo_with_files(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False
    staff = User.objects.get(username="staff")
    deputy = User.objects.get(username="deputy").deputy
    deputy_update(deputy=deputy, photo=SimpleUploadedFile("照片.png", png_bytes()))
    activity = Activity.objects.filter(attendances__deputy=deputy).first()
    activity_attach(activity=activity, upload=SimpleUploadedFile("现场.png", png_bytes()))
    activity_attach(activity=activity, upload=SimpleUploadedFile("签到表.pdf", PDF))
    roster_import_upload(
        township=staff.township,
        upload=SimpleUploadedFile("名册.xlsx", write_workbook([row(1)], title="名册")),
        user=staff,
    )
    report = Report(township=staff.township, year=2024, requested_by=staff, state=Report.State.DONE)
    report.file.save("r.pdf", ContentFile(PDF), save=False)
    report.save()


@pytest.mark.parametrize("username", ["staff", "member", "deputy", "unit", "county"])
def test_no_page_of_the_demo_links_to_the_media_folder(client, demo_with_files, username):
    """Every link a user can follow from the home page, two pages of each view: no page holds
    a media URL, and the files they link to open."""
    client.force_login(User.objects.get(username=username))
    files_served = 0
    for url, response in crawl(client, pages_per_view=PAGES_PER_VIEW):
        if not response["Content-Type"].startswith("text/html"):
            files_served += 1
            continue
        assert "/media/" not in response.content.decode(), url
    if username in {"staff", "member", "deputy"}:
        assert files_served, "the walk reached no photo or attachment"
