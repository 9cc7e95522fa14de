"""Write the 乡 dialect of the catalog (congress/locale/zh_Xiang) from zh_Hans.

Run after changing the Chinese catalog, then compilemessages; `--check` exits 1 when the
dialect on disk is not what the catalog makes (the test suite runs it)."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from congress.wording import KINDS_CONTEXT, xiang_text

LOCALE = Path(settings.BASE_DIR) / "congress" / "locale"
SOURCE = LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po"
DIALECT = LOCALE / "zh_Xiang" / "LC_MESSAGES" / "django.po"

HEADER = (
    "The 乡 dialect of zh_Hans, written by `manage.py township_wording` from it: do not edit.\n"
    "Only the entries naming the township's kind are here; the rest falls back to zh_Hans."
)


def dialect_of(source: polib.POFile) -> polib.POFile:
    dialect = polib.POFile(wrapwidth=source.wrapwidth)
    dialect.header = HEADER
    dialect.metadata = {**source.metadata, "Language": "zh_Xiang"}
    for entry in source:
        if entry.obsolete or entry.fuzzy or entry.msgctxt == KINDS_CONTEXT:
            continue
        texts = [entry.msgstr, *entry.msgstr_plural.values()]
        if not any("镇" in text for text in texts):
            continue
        dialect.append(
            polib.POEntry(
                msgctxt=entry.msgctxt,
                msgid=entry.msgid,
                msgid_plural=entry.msgid_plural,
                msgstr=xiang_text(entry.msgstr),
                msgstr_plural={n: xiang_text(text) for n, text in entry.msgstr_plural.items()},
                flags=[flag for flag in entry.flags if flag != "fuzzy"],
            )
        )
    return dialect


class Command(BaseCommand):
    help = "Write the 乡 dialect of the Chinese catalog (congress/locale/zh_Xiang)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Exit 1 if the dialect on disk is stale."
        )

    def handle(self, *args, check=False, **options):
        text = str(dialect_of(polib.pofile(str(SOURCE))))
        if check:
            current = DIALECT.read_text(encoding="utf-8") if DIALECT.exists() else ""
            if current != text:
                raise CommandError(
                    "The 乡 dialect is stale: run `manage.py township_wording` and compilemessages."
                )
            return
        DIALECT.parent.mkdir(parents=True, exist_ok=True)
        DIALECT.write_text(text, encoding="utf-8")
        self.stdout.write(f"{DIALECT.relative_to(settings.BASE_DIR)} written.")
