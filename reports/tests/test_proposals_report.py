"""The proposal-handling report drafted from the demo year: the statistics page's figures, each a
token linking to its records, and no number in the text that does not come from them."""

import io

import pytest
from django.core.management import call_command

from congress.models import User
from proposals.selectors.stats import proposal_statistics
from reports.drafting.tokens import TOKEN, typed_numbers
from reports.models import WorkReport


@pytest.fixture
def demo_report(db, settings):
    settings.DEBUG = True  # seed_demo creates known passwords only in development
    call_command("seed_demo", stdout=io.StringIO())
    # seed_demo drafts it from the records and approves it, text untouched.
    staff = User.objects.get(username="staff")
    report = WorkReport.objects.get(
        township=staff.township, year=2024, kind=WorkReport.Kind.PROPOSALS
    )
    return report.versions.get()


def _cells(section):
    for block in section.blocks:
        for row in block.get("rows", []):
            yield from row


def test_the_demo_years_report_quotes_the_statistics_page(demo_report):
    version = demo_report
    figures = version.figures
    stats = proposal_statistics(township=version.report.township, year=2024)
    sections = {section.key: section for section in version.sections.all()}
    assert list(sections) == ["overview", "key_proposals", "practices", "next_steps"]
    overview = sections["overview"].body
    # 6件议案、建议和意见(其中1件确定为重点议案)，于3月25日召开了交办会
    assert "共收到代表提出的议案、建议和意见[6|proposals.total]件" in overview
    assert "重点建议的[1|proposals.key]件" in overview
    assert "[3月25日|proposals.meeting." in overview
    assert figures["proposals.total"]["value"] == str(stats.totals.total)
    assert figures["proposals.answered"]["value"] == str(stats.totals.answered)
    assert figures["proposals.on_time"]["value"] == str(stats.totals.on_time)
    for row in stats.categories:
        assert figures[f"proposals.category.{row.key}.count"]["value"] == str(row.count)
        assert figures[f"proposals.category.{row.key}.share"]["value"] == str(row.share)
    for row in stats.by_unit:
        assert figures[f"proposals.unit.{row.key}.total"]["value"] == str(row.total)
    assert sum(int(figures[f"proposals.unit.{r.key}.total"]["value"]) for r in stats.by_unit) == 6
    # the A/B/C/D table, its chart, the fields' and units' tables, satisfaction
    titles = [block["title"] for block in sections["overview"].blocks]
    assert titles == ["按领域分类", "按承办单位分类", "答复类别", "答复类别分布", "满意度测评"]
    chart = sections["overview"].blocks[3]
    assert [bar[1] for bar in chart["bars"]] == [row.count for row in stats.categories]
    key = sections["key_proposals"].body
    assert "（一）《关于集镇五雷街道路硬化及雨污管网改造工程的议案》" in key
    assert "张卫国代表领衔提出" in key


def test_every_number_is_a_token_with_its_records_page(demo_report):
    version = demo_report
    for section in version.sections.all():
        assert typed_numbers(section.body, version.figures) == [], section.key
        for cell in _cells(section):
            assert typed_numbers(cell, version.figures) == [], cell
        for block in section.blocks:
            words = block["title"] + "".join(block.get("columns", []))
            assert not any(character.isdigit() for character in words)
    quoted = {
        match.group(2)
        for section in version.sections.all()
        for text in [section.body, *_cells(section)]
        for match in TOKEN.finditer(text)
    }
    assert quoted and quoted <= set(version.figures)
    without_page = [key for key in quoted if key != "year" and not version.figures[key]["url"]]
    assert without_page == []
