"""Bring back the database and the media files from an archive `manage.py backup` wrote."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from congress.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore the database and the media files from a backup archive (replaces the data)."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a renda-<date>.tar written by `manage.py backup`")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args, archive, interactive=True, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(_("No such archive: %(path)s") % {"path": path})
        if interactive:
            answer = input(
                _(
                    "Every record in the database will be replaced by the archive's. "
                    "Type yes to continue: "
                )
            )
            if answer.strip().lower() not in {"yes", "y"}:
                raise CommandError(_("Restore cancelled."))
        try:
            backup_restore(archive=path)
        except BackupError as error:
            raise CommandError(
                _("%(path)s is not an archive written by manage.py backup.") % {"path": path}
            ) from error
        self.stdout.write(_("Restored from %(path)s.") % {"path": path})
