"""`manage.py backup` writes one dated archive; `manage.py restore` brings a township back."""

import datetime
import io
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from freezegun import freeze_time

from conftest import require
from congress.backups import PARTS
from congress.roles import Role
from congress.tests.factories import TownshipFactory
from deputies.models import ActivityAttachment, Deputy
from deputies.tests.factories import ActivityFactory, DeputyFactory
from proposals.models import Proposal
from proposals.services import proposal_submit


def test_restore_refuses_what_backup_did_not_write(tmp_path):
    stray = tmp_path / "renda-2026-01-01T000000.tar"
    stray.write_bytes(b"not a tar")
    with pytest.raises(CommandError, match="不是 manage.py backup 写出的备份文件"):
        call_command("restore", str(stray), "--noinput", stdout=io.StringIO())
    with pytest.raises(CommandError, match="备份文件不存在"):
        call_command("restore", str(tmp_path / "none.tar"), "--noinput", stdout=io.StringIO())


def test_restore_asks_first_and_stops_unless_told_yes(tmp_path, monkeypatch):
    archive = tmp_path / "renda.tar"
    with tarfile.open(archive, "w"):
        pass
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="已取消恢复"):
        call_command("restore", str(archive), stdout=io.StringIO())


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_township_round_trips_through_backup_and_restore_on_postgresql(tmp_path, make_user):
    """Back up a township with deputies, a proposal and a photo; change and delete them;
    restore: the records are back and the photo's bytes match."""
    require(connection.vendor == "postgresql", "DATABASE_URL does not point at PostgreSQL")
    township = TownshipFactory(name="备份镇")
    deputies = [DeputyFactory(township=township, name=f"备份代表{i}") for i in range(3)]
    staff = make_user(Role.STAFF, township)
    proposal = proposal_submit(
        deputy=deputies[0], title="修桥", content="桥坏了", kind="suggestion", submitted_by=staff
    )
    photo = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    attachment = ActivityAttachment(activity=ActivityFactory(township=township))
    attachment.file.save("现场.png", ContentFile(photo))

    with freeze_time(datetime.datetime(2026, 11, 26, 3, 0, tzinfo=datetime.UTC)):
        out = io.StringIO()
        call_command("backup", "--dir", str(tmp_path), stdout=out)
    archive = tmp_path / "renda-2026-11-26T110000.tar"  # the local time (Asia/Shanghai)
    assert f"已写出备份：{archive}" in out.getvalue()
    with tarfile.open(archive) as tar:
        assert set(tar.getnames()) == set(PARTS)

    Deputy.objects.filter(pk=deputies[1].pk).update(name="改过的名字")
    proposal_pk = proposal.pk
    proposal.status_changes.all().delete()
    proposal.delete()
    with attachment.file.storage.open(attachment.file.name, "wb") as file:
        file.write(b"overwritten")

    out = io.StringIO()
    call_command("restore", str(archive), "--noinput", stdout=out)
    assert "已从" in out.getvalue()
    connection.close()
    assert sorted(Deputy.objects.filter(township=township).values_list("name", flat=True)) == [
        "备份代表0",
        "备份代表1",
        "备份代表2",
    ]
    restored = Proposal.objects.get(pk=proposal_pk)
    # its two steps: started (as a draft) and submitted
    assert (restored.title, restored.status_changes.count()) == ("修桥", 2)
    saved = ActivityAttachment.objects.get(pk=attachment.pk)
    with saved.file.open("rb") as file:
        assert file.read() == photo
