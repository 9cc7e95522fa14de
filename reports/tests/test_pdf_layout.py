"""The work report's PDF measured against GB/T 9704-2012: A4; text area from 37 mm at the top and
28 mm at the left, 22 lines of 28 characters; 仿宋 16 pt body, a heavy serif 22 pt title, 黑体
headings, 楷体 run-in headings; page numbers "— 1 —" in 14 pt about 7 mm below the text area,
odd pages at the right and even pages at the left; every font embedded and no missing glyph.

One long version (several pages of plain paragraphs) is rendered once for the module, and every
character's font, size and place read back with pdfminer.six."""

import io
import re
from collections import defaultdict
from dataclasses import dataclass

import pytest
from django.db import transaction
from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LTChar
from pypdf import PdfReader

from congress.roles import Role
from congress.services import user_create
from congress.tests.factories import TownshipFactory
from reports.drafting.base import chinese_date
from reports.services import section_add, section_delete, version_pdf, work_report_create

# The module renders its PDF once, in a fixture; the mark gets the test database made first.
pytestmark = pytest.mark.django_db

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
TOP, LEFT, RIGHT, BOTTOM = 37 * MM, 28 * MM, 26 * MM, 35 * MM  # the text area's margins
BODY, TITLE, PAGE_NUMBER = 16, 22, 14  # 3号, 2号, 4号
CHARACTER = 156 * MM / 28  # the width a character takes in a full line
ONE_MM = MM

# A licensed face installed on the server is used first; the free Debian faces stand in.
FANGSONG = re.compile(r"FangSong|仿宋|FandolFang", re.IGNORECASE)
HEAVY_SERIF = re.compile(r"XiaoBiaoSong|小标宋|Noto-?Serif-?CJK-?SC-?(Black|Heavy)", re.I)
HEITI = re.compile(r"SimHei|黑体|Noto-?Sans-?CJK-?SC", re.IGNORECASE)
KAITI = re.compile(r"KaiTi|楷体|LXGW-?WenKai|AR-?PL-?Kaiti", re.IGNORECASE)

# No digit and no punctuation: a line breaks after exactly as many characters as fit.
SENTENCE = "人民代表大会制度是我国的根本政治制度镇人大主席团坚持党的领导"
LONG_PARAGRAPH = SENTENCE * 12
OTHER = "镇人大主席团组织代表开展视察调研活动听取意见"
ISSUER = "版式测试镇人大主席团"


@dataclass(frozen=True)
class Line:
    chars: list[LTChar]

    @property
    def text(self) -> str:
        return "".join(char.get_text() for char in self.chars)

    @property
    def fonts(self) -> set[str]:
        return {char.fontname for char in self.chars}

    @property
    def top(self) -> float:
        """From the top of the page, in points: the top of the characters' em boxes."""
        return A4[1] - max(char.y1 for char in self.chars)

    @property
    def left(self) -> float:
        return min(char.x0 for char in self.chars)

    @property
    def right(self) -> float:
        return max(char.x1 for char in self.chars)


def _lines(page) -> list[Line]:
    """A page's characters by line (same baseline and size), top to bottom, left to right."""
    rows = defaultdict(list)

    def walk(item):
        if isinstance(item, LTChar):
            if item.get_text().strip():  # by baseline: a run-in heading's face sits on it too
                rows[(round(item.matrix[5]), round(item.size))].append(item)
        elif hasattr(item, "__iter__"):
            for child in item:
                walk(child)

    walk(page)
    return [
        Line(sorted(chars, key=lambda c: c.x0))
        for _, chars in sorted(rows.items(), key=lambda kv: -kv[0][0])
    ]


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    """The PDF of a draft with the standard sections and three long ones (five pages or so),
    its pages' lines, and the version it prints; the records are rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        township = TownshipFactory(name="版式测试镇")
        staff = user_create(
            username="layout-staff",
            password="pw-for-tests-1",
            role=Role.STAFF,
            township=township,
        )
        report = work_report_create(township=township, year=2024, kind="annual", by=staff)
        version = report.versions.get()
        # Only the opening of the standard ones: the pages measured hold long body text.
        for section in version.sections.exclude(key="opening"):
            section_delete(section=section)
        section_add(
            version=version,
            title="长篇的章节",
            heading="numbered",
            body="\n".join([LONG_PARAGRAPH] * 5),
        )
        section_add(
            version=version,
            title="带小标题的章节",
            heading="numbered",
            body=f"（一）楷体的小标题。{OTHER}\n一、黑体的小标题。{OTHER}",
        )
        pdf = version_pdf(version)
        issue_date = version.issue_date
        title = version.title
        transaction.set_rollback(True)
    pages = [_lines(page) for page in extract_pages(io.BytesIO(pdf))]
    return {"pdf": pdf, "pages": pages, "issue_date": issue_date, "title": title}


@pytest.fixture(scope="module")
def full_page(rendered) -> list[Line]:
    """The second page: body text from its top to its bottom."""
    assert len(rendered["pages"]) >= 4, "the long sections should fill several pages"
    return rendered["pages"][1]


def _body(lines: list[Line]) -> list[Line]:
    return [line for line in lines if round(line.chars[0].size) == BODY]


def _page_number(lines: list[Line]) -> Line:
    numbers = [line for line in lines if re.fullmatch(r"—\d+—", line.text)]
    assert len(numbers) == 1, [line.text for line in lines]
    return numbers[0]


def test_every_page_is_a4(rendered):
    for page in PdfReader(io.BytesIO(rendered["pdf"])).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width == pytest.approx(A4[0], abs=1) and height == pytest.approx(A4[1], abs=1)


def test_every_font_is_embedded(rendered):
    reader = PdfReader(io.BytesIO(rendered["pdf"]))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for part in font.get("/DescendantFonts", [font]):
                descriptor = part.get_object()["/FontDescriptor"].get_object()
                fonts[str(descriptor["/FontName"])] = any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
                )
    assert len(fonts) >= 4, fonts  # title, body, headings, run-in 楷体 headings (and numbers)
    assert all(fonts.values()), fonts


def test_no_glyph_is_missing(rendered):
    text = extract_text(io.BytesIO(rendered["pdf"]))
    assert "(cid:" not in text  # a glyph without a character: a .notdef box on paper
    assert "\ufffd" not in text
    assert SENTENCE in "".join(text.split())


def test_title_body_and_headings_in_their_faces_and_sizes(rendered):
    lines = [line for page in rendered["pages"] for line in page]
    title = next(line for line in lines if line.text == rendered["title"])
    assert all(HEAVY_SERIF.search(font) for font in title.fonts), title.fonts
    assert {round(char.size) for char in title.chars} == {TITLE}
    paragraph = [line for line in lines if line.text and line.text in LONG_PARAGRAPH * 2]
    assert len(paragraph) > 30
    for line in paragraph:
        assert all(FANGSONG.search(font) for font in line.fonts), line.fonts
        assert {round(char.size) for char in line.chars} == {BODY}
    # The opening has no heading: the first numbered section is 一、 whatever its position.
    heading = next(line for line in lines if line.text == "一、长篇的章节")
    assert all(HEITI.search(font) for font in heading.fonts), heading.fonts
    assert {round(char.size) for char in heading.chars} == {BODY}
    hei_lead = [c for line in lines for c in line.chars if HEITI.search(c.fontname)]
    assert "一、黑体的小标题。" in "".join(c.get_text() for c in hei_lead)
    kai_lead = [c for line in lines for c in line.chars if KAITI.search(c.fontname)]
    assert "".join(c.get_text() for c in kai_lead) == "（一）楷体的小标题。"


def _long_paragraphs(rendered) -> list[list[Line]]:
    """The lines of each long paragraph, across pages: a paragraph starts indented."""
    paragraphs = []
    for page in rendered["pages"]:
        for line in _body(page):
            if line.text not in LONG_PARAGRAPH:
                continue
            if line.left > LEFT + CHARACTER:
                paragraphs.append([])
            paragraphs[-1].append(line)
    return paragraphs


def test_a_full_line_holds_28_characters(rendered):
    paragraphs = _long_paragraphs(rendered)
    assert len(paragraphs) == 5
    inner = [line for lines in paragraphs for line in lines[1:-1]]  # neither first nor last
    assert len(inner) > 50
    assert {len(line.text) for line in inner} == {28}
    for line in inner:
        assert line.left == pytest.approx(LEFT, abs=ONE_MM)
        assert line.right == pytest.approx(A4[0] - RIGHT, abs=ONE_MM)
    assert all("".join(line.text for line in lines) == LONG_PARAGRAPH for lines in paragraphs)


def test_first_lines_are_indented_two_characters(rendered):
    for lines in _long_paragraphs(rendered):
        assert lines[0].left == pytest.approx(LEFT + 2 * CHARACTER, abs=ONE_MM)


def test_a_full_page_holds_22_lines_in_the_text_area(full_page):
    body = _body(full_page)
    assert len(body) == 22, [line.text for line in body]
    assert body[0].top == pytest.approx(TOP, abs=ONE_MM)
    assert min(line.left for line in body) == pytest.approx(LEFT, abs=ONE_MM)
    for above, below in zip(body, body[1:], strict=False):
        assert below.top - above.top == pytest.approx(225 * MM / 22, abs=0.2)
    bottom = A4[1] - BOTTOM
    assert body[-1].top + BODY <= bottom


def test_page_numbers_odd_right_even_left_below_the_text_area(rendered):
    pages = rendered["pages"]
    assert len(pages) >= 3
    for number, lines in enumerate(pages, start=1):
        line = _page_number(lines)
        assert line.text == f"—{number}—"
        assert {round(char.size) for char in line.chars} == {PAGE_NUMBER}
        if number % 2:  # odd: at the right, one character in from the text area's edge
            assert line.right == pytest.approx(A4[0] - RIGHT - PAGE_NUMBER, abs=ONE_MM)
        else:
            assert line.left == pytest.approx(LEFT + PAGE_NUMBER, abs=ONE_MM)
        below_text_area = line.top - (A4[1] - BOTTOM)
        assert below_text_area == pytest.approx(7 * MM, abs=ONE_MM)
        assert all(line.top > body.top for body in _body(lines) if body is not line)


def test_signed_by_the_issuer_and_dated_at_the_end(rendered):
    last = rendered["pages"][-1]
    texts = [line.text for line in last]
    date = chinese_date(rendered["issue_date"])
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", date)
    assert date in texts
    assert texts[texts.index(date) - 1] == ISSUER
    dated = last[texts.index(date)]
    # four characters in from the right edge of the text area
    assert dated.right == pytest.approx(A4[0] - RIGHT - 4 * BODY, abs=ONE_MM)
