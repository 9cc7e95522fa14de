"""One 满意率 everywhere: the demo year's work report and its proposal-handling report print
the same figure, the statistics page's, counted per item by its lead deputy's rating, with
the definition beside it."""

import io

import pytest
from django.core.management import call_command

from congress.models import Township
from proposals.selectors.stats import proposal_statistics
from reports.models import WorkReport

DEFINITION = "满意率＝（满意件数＋基本满意件数）÷已测评件数"


@pytest.fixture
def demo_reports(db, settings):
    settings.DEBUG = True  # seed_demo creates known passwords only in development
    call_command("seed_demo", stdout=io.StringIO())
    township = Township.objects.get(name="练溪镇")
    versions = {
        kind: WorkReport.objects.get(township=township, year=2024, kind=kind).versions.get()
        for kind in (WorkReport.Kind.ANNUAL, WorkReport.Kind.PROPOSALS)
    }
    return township, versions


def test_the_work_report_and_the_proposal_report_print_the_same_satisfaction(demo_reports):
    township, versions = demo_reports
    stats = proposal_statistics(township=township, year=2024)
    # Six items, each counted once by its lead's rating (the motion's five signers all rated).
    assert stats.rated == 6
    assert [(row.key, row.result) for row in stats.satisfaction] == [
        ("satisfied", 3),
        ("basic", 3),
        ("unsatisfied", 0),
    ]
    expected = {
        "proposals.satisfaction.rated": "6",
        "proposals.satisfaction.satisfied.result": "3",
        "proposals.satisfaction.basic.result": "3",
        "proposals.satisfaction.unsatisfied.result": "0",
        "proposals.satisfaction.result": str(stats.satisfied_share("result")),
        "proposals.satisfaction.attitude": str(stats.satisfied_share("attitude")),
    }
    for kind, version in versions.items():
        figures = {key: version.figures[key]["value"] for key in expected}
        assert figures == expected, kind
        text = "".join(section.body for section in version.sections.all())
        assert "对办理结果满意[3|proposals.satisfaction.satisfied.result]件" in text, kind
        assert "满意率[100.0|proposals.satisfaction.result]%" in text, kind
        assert DEFINITION in text, kind
