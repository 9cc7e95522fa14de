"""Media on S3-compatible object storage, against a real local S3 server (moto in server mode,
started once per session): uploads land in a private bucket, the same views and the same
scoped selectors decide who gets them back, nothing is readable without a signature, and
deleting a record's file deletes the object."""

import io
import logging
import tarfile
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from moto.server import ThreadedMotoServer

from congress.roles import Role
from congress.settings.media import media_storage, protected_media
from congress.tests.factories import TownshipFactory
from deputies.excel import write_workbook
from deputies.services import deputy_update
from deputies.services.importing import roster_import_discard, roster_import_upload
from deputies.tests.factories import DeputyFactory
from deputies.tests.test_activities import png_bytes
from deputies.tests.test_import import row
from proposals.models import ProposalAttachment
from proposals.services import proposal_attach, proposal_draft_save
from reports.models import Report
from reports.services import version_move, work_report_create
from reports.services.rendering import report_render
from tests.test_files import files  # noqa: F401 (one stored file of every kind)

PDF = b"%PDF-1.4 a scanned letter from the villagers"
KEYS = {"AWS_S3_ACCESS_KEY_ID": "renda-test", "AWS_S3_SECRET_ACCESS_KEY": "renda-test-secret"}


@pytest.fixture(scope="session")
def s3_endpoint():
    """A local S3-compatible server for the whole session (about 0.4 s to start)."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@dataclass
class Bucket:
    name: str
    endpoint: str
    client: object

    def keys(self) -> set[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return {item["Key"] for item in listing.get("Contents", [])}

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def public_url(self, key: str) -> str:
        return f"{self.endpoint}/{self.name}/{quote(key)}"


@pytest.fixture
def bucket(settings, s3_endpoint) -> Bucket:
    """A new private bucket, and the settings production builds from these variables."""
    environ = {
        "AWS_STORAGE_BUCKET_NAME": f"renda-{uuid.uuid4().hex[:12]}",
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_S3_ADDRESSING_STYLE": "path",
        **KEYS,
    }
    storage = media_storage(environ)
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEYS["AWS_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["AWS_S3_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=environ["AWS_STORAGE_BUCKET_NAME"])
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    settings.PROTECTED_MEDIA = protected_media(environ, storage=storage, default="nginx")
    return Bucket(environ["AWS_STORAGE_BUCKET_NAME"], s3_endpoint, client)


def fetch(url: str):
    """GET from outside the app, as a browser following a link would."""
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 (a local server)
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture
def deputy_user(users):
    return users[Role.DEPUTY]


@pytest.fixture
def draft(deputy_user):
    return proposal_draft_save(
        deputy=deputy_user.deputy, by=deputy_user, title="关于修缮五雷街道路的建议", content="路"
    )


# ----------------------------------------------------------------------------- settings


def test_the_environment_chooses_a_private_bucket_or_the_local_disk():
    assert media_storage({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    storage = media_storage({"AWS_STORAGE_BUCKET_NAME": "renda-media", **KEYS})
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "renda-media"
    assert options["default_acl"] is None and options["custom_domain"] is None
    assert options["querystring_auth"] is True and options["file_overwrite"] is False
    # Behind nginx on the disk; streamed by the workers from a bucket, unless redirected.
    assert protected_media({}, storage=media_storage({}), default="nginx") == "nginx"
    assert protected_media({}, storage=storage, default="nginx") == "django"
    redirect = {"PROTECTED_MEDIA": "s3-redirect"}
    assert protected_media(redirect, storage=storage, default="nginx") == "s3-redirect"
    refused = [
        lambda: media_storage({"MEDIA_STORAGE": "s3"}),  # which bucket?
        lambda: media_storage({"MEDIA_STORAGE": "ftp"}),
        lambda: media_storage({"AWS_STORAGE_BUCKET_NAME": "b", "AWS_S3_ADDRESSING_STYLE": "x"}),
        lambda: protected_media({"PROTECTED_MEDIA": "nginx"}, storage=storage, default="django"),
        lambda: protected_media(redirect, storage=media_storage({}), default="django"),
    ]
    for settings_from in refused:
        with pytest.raises(ImproperlyConfigured):
            settings_from()


# ----------------------------------------------------------------------------- serving


def test_an_upload_lands_in_the_bucket_and_comes_back_only_to_who_may_read_it(
    client, bucket, settings, draft, deputy_user, township, make_user
):
    client.force_login(deputy_user)
    upload = SimpleUploadedFile("村民联名信.pdf", PDF, content_type="application/pdf")
    response = client.post(reverse("proposals:attach", args=[draft.pk]), {"file": upload})
    assert response.status_code == 302
    attachment = ProposalAttachment.objects.get()
    assert bucket.keys() == {attachment.file.name}
    assert bucket.read(attachment.file.name) == PDF
    assert not (Path(settings.MEDIA_ROOT) / attachment.file.name).exists()

    url = reverse("proposals:attachment", args=[attachment.pk])
    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Length"] == str(len(PDF))
    assert download["Content-Disposition"] == (
        "attachment; filename*=utf-8''" + quote("村民联名信.pdf")
    )
    assert b"".join(download.streaming_content) == PDF
    # The same name again is a new object: nothing in the bucket is ever overwritten.
    again = proposal_attach(
        proposal=draft, upload=SimpleUploadedFile("村民联名信.pdf", b"%PDF-1.4 v2"), by=deputy_user
    )
    assert again.file.name != attachment.file.name and bucket.read(attachment.file.name) == PDF
    # Another deputy of the township may not read the draft: 404, as on the local disk.
    client.force_login(DeputyFactory(township=township, user=make_user(Role.DEPUTY, township)).user)
    assert client.get(url).status_code == 404
    # The object itself answers no one without a signature.
    status, _headers, body = fetch(bucket.public_url(attachment.file.name))
    assert status == 403 and PDF not in body


def test_every_kind_of_file_is_served_from_the_bucket(client, staff, bucket, files):  # noqa: F811
    assert bucket.keys() == {file.name for file in files.values()}
    client.force_login(staff)
    for view_url, file in files.items():
        response = client.get(view_url)
        assert response.status_code == 200, view_url
        assert b"".join(response.streaming_content) == bucket.read(file.name), view_url
    photo = next(iter(files))
    assert client.get(photo)["Content-Disposition"].startswith("inline;")
    for file in files.values():  # gone from the bucket: 404, not a 500
        bucket.client.delete_object(Bucket=bucket.name, Key=file.name)
    assert {client.get(view_url).status_code for view_url in files} == {404}


def test_with_s3_redirect_a_download_is_a_short_lived_signed_url(
    client, bucket, settings, draft, deputy_user, township, make_user, staff
):
    settings.PROTECTED_MEDIA = "s3-redirect"
    attachment = proposal_attach(
        proposal=draft, upload=SimpleUploadedFile("村民联名信.pdf", PDF), by=deputy_user
    )
    client.force_login(deputy_user)
    response = client.get(reverse("proposals:attachment", args=[attachment.pk]))
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(bucket.public_url(attachment.file.name) + "?")
    assert "X-Amz-Expires=60&" in location and "X-Amz-Signature=" in location
    assert "private" in response["Cache-Control"]
    status, headers, body = fetch(location)
    assert (status, body) == (200, PDF)
    assert headers["Content-Disposition"] == (
        "attachment; filename*=utf-8''" + quote("村民联名信.pdf")
    )
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Cache-Control"] == "private, no-store"
    # Without its signature the same address is refused.
    unsigned = urlsplit(location)._replace(query="").geturl()
    assert fetch(unsigned)[0] == 403
    # Who may not read the record gets no URL at all.
    client.force_login(DeputyFactory(township=township, user=make_user(Role.DEPUTY, township)).user)
    assert client.get(reverse("proposals:attachment", args=[attachment.pk])).status_code == 404
    # A picture shown in a page stays on this site (the CSP allows images from 'self' only).
    deputy = DeputyFactory(township=township)
    deputy_update(deputy=deputy, photo=SimpleUploadedFile("照片.png", png_bytes()))
    client.force_login(staff)
    photo = client.get(reverse("deputies:photo", args=[deputy.pk]))
    assert photo.status_code == 200
    assert b"".join(photo.streaming_content) == bucket.read(deputy.photo.name)


# ----------------------------------------------------------------------------- generated files


def test_a_final_reports_pdf_is_kept_in_the_bucket_and_read_back(
    client, bucket, staff, users, make_user, monkeypatch, django_capture_on_commit_callbacks
):
    report = work_report_create(township=staff.township, year=2024, kind="proposals", by=staff)
    version = report.versions.get()
    version_move(version=version, move="submit", by=staff)
    with django_capture_on_commit_callbacks(execute=True):  # renders with WeasyPrint
        version_move(version=version, move="approve", by=users[Role.MEMBER])
    version.refresh_from_db()
    render = version.renders.get()
    assert bucket.keys() == {version.pdf.name, render.file.name}
    kept = bucket.read(version.pdf.name)
    assert kept.startswith(b"%PDF") and len(kept) > 1000

    client.force_login(staff)
    download = client.get(reverse("reports:version_pdf", args=[version.pk]))
    assert b"".join(download.streaming_content) == kept
    client.force_login(make_user(Role.STAFF, TownshipFactory()))  # another township's staff
    assert client.get(reverse("reports:version_pdf", args=[version.pk])).status_code == 404

    # A new rendering of the final version reads the kept PDF back from the bucket.
    monkeypatch.setattr(
        "reports.services.rendering.version_pdf",
        lambda *args, **kwargs: pytest.fail("a final version is never rendered again"),
    )
    again = Report.objects.create(
        township=staff.township, year=2024, kind=Report.Kind.VERSION, version=version,
        requested_by=staff,
    )  # fmt: skip
    report_render(report_id=again.pk)
    again.refresh_from_db()
    assert bucket.read(again.file.name) == kept


def test_a_discarded_imports_workbook_is_deleted_from_the_bucket(
    bucket, township, staff, django_capture_on_commit_callbacks
):
    workbook = write_workbook([row(1)], title="名册")
    batch = roster_import_upload(
        township=township, upload=SimpleUploadedFile("名册.xlsx", workbook), user=staff
    )
    assert bucket.keys() == {batch.file.name}
    with django_capture_on_commit_callbacks(execute=True):
        roster_import_discard(batch=batch, by=staff)
    assert bucket.keys() == set()


def test_the_media_backup_reads_the_bucket_and_the_restore_writes_it_back(bucket, tmp_path):
    """`manage.py backup` and `restore` (congress.backups) run these two commands so."""
    name = default_storage.save("proposals/2024/信.pdf", ContentFile(PDF))
    archive = tmp_path / "media.tar"
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO(), "verbosity": 0}
    call_command("mediabackup", output_path=str(archive), **quiet)
    with tarfile.open(archive) as tar:
        assert tar.extractfile(name).read() == PDF
    bucket.client.delete_object(Bucket=bucket.name, Key=name)
    call_command("mediarestore", input_path=str(archive), interactive=False, replace=True, **quiet)
    assert bucket.keys() == {name} and bucket.read(name) == PDF
