"""A 乡's people read a 乡's words: every page, file and document its roles reach from the
home page, and its printed reports, carry no 镇 (the demo's 桃源乡 has no proper name with
one), while the demo's 练溪镇 keeps its own words (congress.wording)."""

import io
import re
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from congress.accounts.slips import slips_from_token, slips_pdf, slips_token
from congress.models import Township, User
from congress.wording import xiang_text
from reports.models import WorkReport
from reports.services import version_pdf
from tests.crawl import crawl

# 镇 not inside the generic 乡镇 ("townships", as in 各乡镇): the township's own kind.
TOWN_WORD = re.compile("(?<!乡)镇")
PAGES_PER_VIEW = 1  # one page of each view: every template, without every record


def _text_of(response) -> str:
    kind = response["Content-Type"]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if kind.startswith("application/pdf"):
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    if "spreadsheet" in kind:
        book = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    return body.decode(errors="replace")


def _town_words(text: str, proper_names=()) -> list[str]:
    """Where the text says 镇, leaving out proper names (练溪镇 in the user guide)."""
    for name in proper_names:
        text = text.replace(name, "")
    return [text[max(0, m.start() - 12) : m.end() + 12] for m in TOWN_WORD.finditer(text)]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo, seeded once for the module in a transaction rolled back after it."""
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield Township.objects.get(name="桃源乡")
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded, db):
    return seeded


def test_the_demo_has_a_xiang_with_its_own_accounts(demo):
    assert demo.kind == Township.Kind.XIANG and demo.short_kind == "乡"
    roles = set(User.objects.filter(township=demo).values_list("role", flat=True))
    assert roles == {"staff", "member", "deputy", "unit"}


@pytest.mark.parametrize("username", ["xstaff", "xmember", "xdeputy", "xunit"])
def test_no_page_a_xiang_reaches_says_zhen(client, demo, username):
    """Every link from the home page, one page of each view, files and PDFs included."""
    client.force_login(User.objects.get(username=username))
    found, pages = {}, 0
    names = list(Township.objects.values_list("name", flat=True))
    for url, response in crawl(client, pages_per_view=PAGES_PER_VIEW):
        pages += 1
        if words := _town_words(_text_of(response), names):
            found[url] = words
    assert pages >= 10, "the walk reached too few pages to mean anything"
    assert not found, found


def test_the_xiang_printed_work_report_says_xiang(demo):
    version = WorkReport.objects.get(township=demo).versions.get()
    pages = PdfReader(io.BytesIO(version_pdf(version))).pages
    text = "".join("".join(page.extract_text().split()) for page in pages)  # lines joined
    assert "乡人代会" in text and "全乡" in text and "乡党委" in text
    assert "乡人民政府副乡长" in text
    assert not _town_words(text)


def test_the_town_keeps_its_words(client, demo):
    """The same page reads 镇 for 练溪镇's staff and 乡 for 桃源乡's."""
    url = reverse("proposals:create")
    client.force_login(User.objects.get(username="staff"))
    assert "镇人民政府" in client.get(url).content.decode()
    client.force_login(User.objects.get(username="xstaff"))
    page = client.get(url).content.decode()
    assert "乡人民政府" in page and "镇人民政府" not in page


def test_english_stays_english_for_a_xiang(client, demo, settings):
    client.force_login(User.objects.get(username="xstaff"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("proposals:create")).content.decode()
    assert "The township government" in page and "乡人民政府" not in page


def test_the_dialect_is_made_from_the_catalog():
    """Run `manage.py township_wording` after changing the Chinese catalog."""
    call_command("township_wording", "--check")


@pytest.mark.parametrize(
    ("town", "xiang"),
    [
        ("镇长", "乡长"),
        ("副镇长", "副乡长"),
        ("镇人大主席团", "乡人大主席团"),
        ("只能登记本乡镇的问题。", "只能登记本乡的问题。"),
        ("其中县镇两级人大代表", "其中县乡两级人大代表"),
        ("乡、民族乡、镇的人民代表大会", "乡、民族乡、镇的人民代表大会"),  # the law's list
        ("以便各乡镇统计口径一致", "以便各乡镇统计口径一致"),  # townships in general
        ("该记录属于其他乡镇。", "该记录属于其他乡镇。"),
    ],
)
def test_xiang_text(town, xiang):
    assert xiang_text(town) == xiang


def test_a_xiang_login_slip_says_xiang(demo):
    """The slip tells a 乡's deputy to ask the 乡人大办 (printed for whoever issues it)."""
    user = User.objects.get(username="xdeputy")
    issued = [SimpleNamespace(user=user, password="Initial-Pass-1")]
    token = slips_token(issued=issued, by=user)
    pdf = slips_pdf(slips=slips_from_token(token=token, user=user), site_url="http://renda.local")
    text = "".join(
        "".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )
    assert "乡人大办" in text and not _town_words(text, ["桃源乡"])
