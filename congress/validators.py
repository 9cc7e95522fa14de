"""Validators every app attaches to its fields: text without hidden characters, and uploaded
files whose content is what their name says.

Model fields carry them, so forms, services (`full_clean`) and the roster import all apply the
same checks.
"""

import io
import unicodedata
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# What no text typed into Renda may hold, whatever the field: control characters (Cc),
# invisible format characters (Cf: the bidi overrides U+202A-U+202E and isolates U+2066-U+2069,
# zero-width spaces and joiners, the byte order mark, tag characters), the Unicode line and
# paragraph separators (Zl, Zp), lone surrogates (Cs) and the noncharacters (U+FDD0-U+FDEF and
# the last two code points of every plane, U+FFFE, U+FFFF, U+1FFFE ...): they make a name read
# otherwise than it is stored, or an export that Excel and the import cannot open. Private-use
# characters are allowed: rare characters of Chinese names are typed as private-use code points
# (造字). Multi-line text (a proposal's content, an answer) may also hold line breaks and tabs.
HIDDEN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}
LINE_BREAKS_AND_TABS = frozenset("\n\r\t")
CONTEXT_CHARACTERS = 8  # how much of the text before a refused character the message quotes


def is_noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def is_hidden(char: str) -> bool:
    """A character no text may hold (see above), line breaks and tabs included."""
    return unicodedata.category(char) in HIDDEN_CATEGORIES or is_noncharacter(char)


def _check_text(value, *, allowed: frozenset = frozenset()) -> None:
    text = str(value)
    for index, char in enumerate(text):
        if char in allowed or not is_hidden(char):
            continue
        before = text[max(0, index - CONTEXT_CHARACTERS) : index]
        before = "".join(c for c in before.split("\n")[-1] if not is_hidden(c))
        params = {"position": index + 1, "code": f"U+{ord(char):04X}", "before": before}
        if before:
            message = _(
                "Remove character %(position)s, just after “%(before)s”: it is an invisible or "
                "control character (%(code)s)."
            )
        else:
            message = _(
                "Remove character %(position)s: it is an invisible or control character (%(code)s)."
            )
        raise ValidationError(message, code="hidden_character", params=params)


def validate_visible_text(value) -> None:
    """One line of text (a name, a title): no control, invisible, format or noncharacter, no
    line break (see HIDDEN_CATEGORIES)."""
    _check_text(value)


def validate_plain_text(value) -> None:
    """Text of several lines (a proposal's content, an answer, a note): as a name, but line
    breaks and tabs are kept."""
    _check_text(value, allowed=LINE_BREAKS_AND_TABS)


# ----------------------------------------------------------------------------- file content

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc and .xls (Compound File Binary)
PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"
# Acrobat accepts the %PDF- header anywhere in the first kilobyte; some scanners write a few
# bytes before it.
PDF_HEADER_WINDOW = 1024


def _head(file, size: int) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _zip_has(file, folder: str) -> bool:
    """An Office Open XML package: a ZIP archive with the application's folder inside."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            return any(name.startswith(folder) for name in archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        file.seek(0)


def _image_is_whole(file) -> bool:
    from PIL import Image, UnidentifiedImageError

    file.seek(0)
    try:
        with Image.open(io.BytesIO(file.read())) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False
    finally:
        file.seek(0)
    return True


CONTENT_CHECKS = {
    "pdf": lambda f: b"%PDF-" in _head(f, PDF_HEADER_WINDOW),
    "png": lambda f: _head(f, len(PNG)) == PNG and _image_is_whole(f),
    "jpg": lambda f: _head(f, len(JPEG)) == JPEG and _image_is_whole(f),
    "jpeg": lambda f: _head(f, len(JPEG)) == JPEG and _image_is_whole(f),
    "doc": lambda f: _head(f, len(OLE2)) == OLE2,
    "xls": lambda f: _head(f, len(OLE2)) == OLE2,
    "docx": lambda f: _zip_has(f, "word/"),
    "xlsx": lambda f: _zip_has(f, "xl/"),
}


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


IMAGE_EXTENSIONS = {"png", "jpg", "jpeg"}


def validate_file_content(file) -> None:
    """The file's content is of the kind its extension names (magic numbers, the inner folder
    of an Office package, a picture Pillow can read): an HTML page named .pdf is refused."""
    extension = extension_of(file.name or "")
    check = CONTENT_CHECKS.get(extension)
    if check is not None and check(file):
        return
    if extension in IMAGE_EXTENSIONS:
        raise ValidationError(
            _("The picture cannot be read; upload a JPG or PNG photo."), code="content_mismatch"
        )
    raise ValidationError(
        _("The content of this file is not a .%(extension)s file; upload the original file."),
        code="content_mismatch",
        params={"extension": extension or "?"},
    )


def validate_upload(upload, *, allowed: list[str], max_bytes: int) -> None:
    """An attachment: one of the `allowed` types, at most `max_bytes`, its content what its name
    says. Every app's attachments (activities, session documents) take this one check."""
    if extension_of(upload.name or "") not in allowed:
        raise ValidationError(
            _("Only these file types can be attached: %(types)s.") % {"types": ", ".join(allowed)},
            code="file_type",
        )
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is larger than %(mb)s MB.") % {"mb": max_bytes // 2**20},
            code="file_size",
        )
    validate_file_content(upload)
