"""Write the database and the media files to one dated archive in BACKUP_DIR.

30 2 * * *  cd /srv/renda && .venv/bin/python manage.py backup
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from congress.backups import backup_write


class Command(BaseCommand):
    help = "Back up the database and the media files to one dated archive (BACKUP_DIR)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="write the archive here instead of BACKUP_DIR")

    def handle(self, *args, dir=None, **options):
        archive = backup_write(directory=dir)
        self.stdout.write(_("Backup written: %(path)s") % {"path": archive})
