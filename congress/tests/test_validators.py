import io
import zipfile

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import TextField
from django.utils import translation
from PIL import Image

from congress.validators import (
    OLE2,
    validate_file_content,
    validate_plain_text,
    validate_visible_text,
)


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


# Every character no text may hold (congress.validators.is_hidden): one of each kind, with
# the position and the text before it that the Chinese message names.
FORBIDDEN = [
    ("\u202e", "right-to-left override"),
    ("\u2066", "left-to-right isolate"),
    ("\u200b", "zero-width space"),
    ("\u200d", "zero-width joiner"),
    ("\ufeff", "byte order mark"),
    ("\x01", "a C0 control"),
    ("\x1b", "escape"),
    ("\x0b", "vertical tab"),
    ("\x7f", "delete"),
    ("\x85", "a C1 control"),
    ("\u2028", "line separator"),
    ("\u2029", "paragraph separator"),
    ("\ufffe", "noncharacter"),
    ("\uffff", "noncharacter"),
    ("\ufdd0", "noncharacter"),
    ("\U0001fffe", "noncharacter of plane 1"),
    ("\U0010ffff", "noncharacter of plane 16"),
    ("\ud800", "lone surrogate"),
    ("\U000e0041", "tag character"),
]


@pytest.mark.parametrize(("char", "kind"), FORBIDDEN)
@pytest.mark.parametrize("validate", [validate_visible_text, validate_plain_text])
def test_every_hidden_character_is_refused_in_chinese(validate, char, kind):
    with pytest.raises(ValidationError) as caught:
        validate(f"关于修缮老桥{char}护栏")
    with translation.override("zh-hans"):
        assert caught.value.messages == [
            f"请删除第7个字符（紧接在“关于修缮老桥”之后）：这是看不见的控制字符或格式字符"
            f"（U+{ord(char):04X}）。"
        ], kind


def test_a_hidden_character_first_is_named_without_context():
    with pytest.raises(ValidationError) as caught:
        validate_visible_text("\ufeff张三")
    with translation.override("zh-hans"):
        assert caught.value.messages == [
            "请删除第1个字符：这是看不见的控制字符或格式字符（U+FEFF）。"
        ]


@pytest.mark.parametrize("char", ["\n", "\r", "\t"])
def test_names_are_one_line_but_texts_keep_line_breaks_and_tabs(char):
    with pytest.raises(ValidationError):
        validate_visible_text(f"张{char}三")
    validate_plain_text(f"第一段{char}第二段")


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
    ("publicity.article", "title"),
    ("publicity.publication", "outlet_name"),
]


@pytest.mark.parametrize(("label", "field"), NAME_FIELDS)
def test_names_and_titles_refuse_hidden_characters(label, field):
    with pytest.raises(ValidationError):
        apps.get_model(label)._meta.get_field(field).run_validators("甲\u202e乙")


# Text fields that hold no text typed by a person, each with why it takes no text validator.
NOT_TYPED_TEXT = {
    "congress.user.password": "a hash",
    "congress.user.username": "Django's username validator: letters, digits and @.+-_ only",
    "congress.user.email": "the e-mail validator",
    "congress.user.first_name": "Django's, unused (full_name is the app's)",
    "congress.user.last_name": "Django's, unused (full_name is the app's)",
    "congress.notification.kind": "a code the app sets",
    "congress.notification.subject": "written by the app from validated records",
    "congress.notification.body": "written by the app from validated records",
    "congress.notification.url": "a path the app builds",
    "congress.notification.record_key": "a key the app builds",
    "congress.notification.email_error": "the mail server's words",
    "congress.jobrun.job": "a job's key",
    "congress.jobrun.error": "an exception's words",
    "congress.authevent.username": "what was typed at a failed login, kept as evidence",
    "congress.authevent.actor_name": "an account's username",
    "congress.authevent.user_agent": "the browser's header, kept as evidence",
    "congress.authevent.path": "the page asked for, kept as evidence",
    "congress.authevent.detail": "written by the app",
    "congress.passwordhistory.password": "a hash",
    "congress.formsubmission.url": "a path the app builds",
    "congress.calendarfeed.token": "a random token",
    "deputies.constituency.sort_key": "computed from the name",
    "deputies.deputygroup.sort_key": "computed from the name",
    "deputies.deputy.name_stroke_key": "computed from the name (congress.names)",
    "deputies.deputy.name_pinyin": "computed from the name (congress.names)",
    "congress_sessions.candidate.name_stroke_key": "computed from the name (congress.names)",
    "deputies.deputy.phone": "validate_phone: digits and separators only",
    "deputies.rosterimport.summary": "written by the app",
    "reports.report.error": "an exception's words",
    "reports.versionstatuschange.from_status": "a state code",
    "reports.versionstatuschange.to_status": "a state code",
    "reports.reportsection.key": "a section's code",
    "reports.reportsection.generated_body": "written by the app from validated records",
    "reports.reportsection.proposed_body": "written by the app from validated records",
}
OUR_APPS = {
    "congress",
    "congress_sessions",
    "deputies",
    "proposals",
    "oversight",
    "petitions",
    "publicity",
    "reports",
}


def text_fields():
    from django.db import models

    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField) and not field.choices:
                yield f"{model._meta.label_lower}.{field.name}", field


def test_every_text_field_a_person_types_refuses_hidden_characters():
    """One rule for every free-text field of every model, 信访 included: a single-line field
    takes validate_visible_text, a multi-line one validate_plain_text; a new field without
    either fails here until it has one or a line in NOT_TYPED_TEXT saying why not."""
    missing, wrong = [], []
    for label, field in text_fields():
        if label in NOT_TYPED_TEXT:
            continue
        validators = field.validators
        if validate_visible_text not in validators and validate_plain_text not in validators:
            missing.append(label)
        elif (validate_plain_text in validators) != isinstance(field, TextField):
            wrong.append(label)  # a one-line field that would take line breaks, or the reverse
    assert not missing, f"text fields without the text rule: {missing}"
    assert not wrong, f"text fields with the other kind of text rule: {wrong}"
    exempt = set(NOT_TYPED_TEXT) - {label for label, _field in text_fields()}
    assert not exempt, f"NOT_TYPED_TEXT names fields that are gone: {exempt}"


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("petitions.petition", "name"),
        ("petitions.petition", "subject"),
        ("petitions.petition", "content"),
        ("petitions.petitionreply", "text"),
        ("proposals.answer", "text"),
        ("proposals.proposal", "content"),
    ],
)
def test_the_petition_and_proposal_texts_refuse_controls(label, field):
    """The 信访 form stored 信访\x01\x1b (penetration test, finding 4)."""
    with pytest.raises(ValidationError):
        apps.get_model(label)._meta.get_field(field).run_validators("信访\x01\x1b")
