import io
import zipfile

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from congress.validators import OLE2, validate_file_content, validate_visible_text


@pytest.mark.parametrize(
    "text",
    [
        "张三",
        "第一选区",
        "王\ue000明",  # a rare character typed as a private-use code point (造字)
        "Zhāng Sān",
        "1号楼 (东)",
    ],
)
def test_visible_text_is_accepted(text):
    validate_visible_text(text)


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("张\u202e三", 2),  # right-to-left override
        ("\u2066张三\u2069", 1),  # left-to-right isolate
        ("张三\u200b", 3),  # zero-width space
        ("\ufeff张三", 1),  # byte order mark
        ("张\x0b三", 2),  # vertical tab: a control character
        ("张\t三", 2),  # names are one line
        ("张三\n", 3),
        ("张\u2028三", 2),  # line separator
    ],
)
def test_control_and_invisible_characters_are_refused_in_chinese(text, position):
    with pytest.raises(ValidationError) as caught:
        validate_visible_text(text)
    with translation.override("zh-hans"):
        assert caught.value.messages == [
            f"请删除其中的不可见字符或控制字符（第{position}个字符）。"
        ]


def zip_with(*names) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def image(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (3, 3), "blue").save(buffer, kind)
    return buffer.getvalue()


HTML = b"<html><body onload=alert(1)></body></html>"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
        ("a.PDF", b"\r\n%PDF-1.4\n"),  # a scanner's bytes before the header, as Acrobat allows
        ("a.png", image("PNG")),
        ("a.jpg", image("JPEG")),
        ("a.jpeg", image("JPEG")),
        ("a.doc", OLE2 + b"\x00" * 504),
        ("a.xls", OLE2 + b"\x00" * 504),
        ("a.docx", zip_with("[Content_Types].xml", "word/document.xml")),
        ("a.xlsx", zip_with("[Content_Types].xml", "xl/workbook.xml")),
    ],
)
def test_files_whose_content_matches_their_extension_pass(name, content):
    upload = SimpleUploadedFile(name, content)
    validate_file_content(upload)
    assert upload.tell() == 0  # left ready to be saved


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.pdf", HTML),
        ("a.pdf", b" " * 1024 + b"%PDF-1.4"),  # the header beyond the first kilobyte
        ("a.doc", HTML),
        ("a.xls", zip_with("xl/workbook.xml")),
        ("a.docx", zip_with("xl/workbook.xml")),
        ("a.xlsx", zip_with("word/document.xml")),
        ("a.xlsx", b"PK\x03\x04 not really a zip"),
        ("a.png", image("JPEG")),
        ("a.jpg", image("PNG")),
        ("a.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20),  # the signature, not a picture
        ("a.html", HTML),  # a type nobody may upload
        ("noextension", b"%PDF-1.4"),
    ],
)
def test_files_whose_content_does_not_match_are_refused(name, content):
    with pytest.raises(ValidationError):
        validate_file_content(SimpleUploadedFile(name, content))


# The names and titles people type: each refuses hidden characters wherever it is entered
# (forms, services, the roster import, the admin).
NAME_FIELDS = [
    ("congress.township", "name"),
    ("congress.township", "county"),
    ("congress.unit", "name"),
    ("congress.user", "full_name"),
    ("deputies.deputy", "name"),
    ("deputies.deputy", "ethnicity"),
    ("deputies.deputy", "work_unit"),
    ("deputies.deputy", "address"),
    ("deputies.mandate", "status_reason"),
    ("deputies.constituency", "name"),
    ("deputies.constituency", "description"),
    ("deputies.deputygroup", "name"),
    ("deputies.deputygroup", "description"),
    ("deputies.activity", "title"),
    ("deputies.activity", "place"),
    ("deputies.activity", "organiser"),
    ("deputies.votercontact", "voters"),
    ("deputies.reporttovoters", "place"),
    ("congress_sessions.congresssession", "venue"),
    ("proposals.proposal", "title"),
    ("oversight.campaign", "title"),
    ("oversight.governmenttask", "title"),
    ("oversight.governmenttask", "leader"),
    ("oversight.oversightaction", "target"),
    ("oversight.actionstaff", "name"),
    ("oversight.problem", "place"),
    ("oversight.planitem", "title"),
    ("oversight.electionobservation", "other_observers"),
    ("oversight.article", "title"),
    ("oversight.publication", "outlet_name"),
]


@pytest.mark.parametrize(("label", "field"), NAME_FIELDS)
def test_names_and_titles_refuse_hidden_characters(label, field):
    with pytest.raises(ValidationError):
        apps.get_model(label)._meta.get_field(field).run_validators("甲\u202e乙")
