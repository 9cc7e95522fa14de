"""The demo year's annual report, generated with no hand edits and printed, reads back (PDF
text extraction) with the 2024 report's facts."""

import re

import pytest

from reports.tests.demo_report import demo_annual_report
from reports.tests.test_reports import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def printed(django_db_setup, django_db_blocker, tmp_path_factory):
    """The PDF's text with every space and line break taken out (lines wrap at 28
    characters, and pdftotext spaces the justified ones), and the page numbers ("— 2 —")
    a sentence running over a page would carry."""
    with demo_annual_report(django_db_blocker) as version:
        path = tmp_path_factory.mktemp("annual") / "report.pdf"
        # Approved in seed_demo: its PDF was rendered then and kept, as the county downloads it.
        assert version.is_final and version.pdf
        with version.pdf.open("rb") as kept:
            path.write_bytes(kept.read())
        yield re.sub(r"—\d+—", "", re.sub(r"\s+", "", pdf_text(path)))


def test_the_title_addressee_and_sections(printed):
    assert "练溪镇人大主席团2024年工作报告" in printed
    assert "县人大常委会：" in printed
    for heading in (
        "一、精心组织，依法开好镇人代会",
        "四、加大工作监督力度，推动政府工作开展",
        "九、完善人大工作制度，有序推进高效高能",
        "2025年人大工作思路",
    ):
        assert heading in printed


def test_the_session_and_its_by_election_with_every_vote(printed):
    assert "于1月21日召开了练溪镇第十八届人民代表大会第二次会议" in printed
    assert "依法补选了镇人民政府镇长1名、副镇长2名" in printed
    for name, office in (("周志远", "镇长"), ("吴海燕", "副镇长"), ("郑国平", "副镇长")):
        assert f"{name}以36票满票当选为镇人民政府{office}" in printed


def test_the_proposals_and_their_assignment_meeting(printed):
    assert "6件议案、建议和意见（其中1件确定为重点议案）" in printed
    assert "于3月25日召开了交办会" in printed


def test_the_oversight_actions_by_month(printed):
    months = re.findall(r"[一二三四五六七八九十]+是(\d+)月份", printed)
    assert months == ["4", "7", "8", "8", "8", "9", "9", "9", "9", "10"]


def test_the_river_campaign_and_publicity(printed):
    assert "共86人次" in printed
    assert "活动期间，代表们共查找出问题14个" in printed
    assert "已投稿19篇，其中被市人大信息网录用1篇，被县人大网站录用12篇" in printed


def test_the_plan_items_and_the_signature(printed):
    assert "一、坚持党的领导，围绕党委中心开展工作。" in printed
    assert "八、加强镇人大主席团的自身建设。" in printed
    assert re.search(r"开创练溪人大工作新局面。练溪镇人大主席团\d{4}年\d{1,2}月\d{1,2}日$", printed)
