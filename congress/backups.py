"""One archive holds the whole installation: the database dump and the media files.

django-dbbackup makes the two parts (`pg_dump --format=custom` or SQLite's backup, and a tar
of the media files read through the default storage: MEDIA_ROOT or the bucket) and restores
them (`pg_restore --clean --if-exists`); this module puts them in one dated tar,
`renda-2026-11-26T030000.tar`, and takes them out again, so that one file is copied off the
machine and one command brings everything back.
"""

import io
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

DATABASE_PART = "database.dump"
MEDIA_PART = "media.tar"
PARTS = (DATABASE_PART, f"{DATABASE_PART}.metadata", MEDIA_PART)


class BackupError(Exception):
    """The archive is not one `backup` wrote."""


def backup_write(*, directory: Path | None = None) -> Path:
    """Dump the database and the media files into one new archive in `directory`
    (BACKUP_DIR by default); returns its path. Written under a temporary name and renamed
    when complete, so a copy job never picks up half an archive."""
    directory = Path(directory or settings.BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y-%m-%dT%H%M%S")
    archive = directory / f"renda-{stamp}.tar"
    with tempfile.TemporaryDirectory(prefix="renda-backup-") as work:
        work = Path(work)
        quiet = {"stdout": io.StringIO(), "stderr": io.StringIO(), "verbosity": 0}
        call_command("dbbackup", output_path=str(work / DATABASE_PART), **quiet)
        Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
        call_command("mediabackup", output_path=str(work / MEDIA_PART), **quiet)
        partial = archive.with_suffix(".tar.partial")
        with tarfile.open(partial, "w") as tar:
            for name in PARTS:
                if (work / name).exists():
                    tar.add(work / name, arcname=name)
        partial.rename(archive)
    return archive


def backup_restore(*, archive: Path) -> None:
    """Replace the database with the archive's dump and put its media files back (files of
    the same name are overwritten; files added since stay)."""
    archive = Path(archive)
    with tempfile.TemporaryDirectory(prefix="renda-restore-") as work:
        work = Path(work)
        try:
            with tarfile.open(archive, "r") as tar:
                names = set(tar.getnames())
                if DATABASE_PART not in names or MEDIA_PART not in names:
                    raise BackupError(str(archive))
                for name in PARTS:
                    if name in names:
                        source = tar.extractfile(name)
                        with source, open(work / name, "wb") as target:
                            shutil.copyfileobj(source, target)
        except (tarfile.TarError, OSError) as error:
            raise BackupError(str(archive)) from error
        quiet = {"stdout": io.StringIO(), "stderr": io.StringIO(), "verbosity": 0}
        call_command("dbrestore", input_path=str(work / DATABASE_PART), interactive=False, **quiet)
        call_command(
            "mediarestore",
            input_path=str(work / MEDIA_PART),
            interactive=False,
            replace=True,
            **quiet,
        )
