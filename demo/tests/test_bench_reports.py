import io

import pytest
from django.core.management import call_command

from deputies.models import Activity
from oversight.models import OversightAction
from proposals.models import Proposal
from reports.models import WorkReport


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())


def test_bench_reports_measures_ten_times_the_demo_year_and_leaves_it_as_it_was(seeded):
    proposals = Proposal.objects.filter(submitted_at__year=2024).count()
    activities = Activity.objects.count()
    reports = list(WorkReport.objects.values_list("pk", "versions__state"))
    out = io.StringIO()
    call_command("bench_reports", runs=1, stdout=out)
    text = out.getvalue()
    assert f"×10: {proposals * 10} proposals, " in text
    for case in ("draft annual demo year", "PDF proposals ×10 records", "WeasyPrint alone"):
        assert case in text
    # everything it made is rolled back
    assert Proposal.objects.filter(submitted_at__year=2024).count() == proposals
    assert Activity.objects.count() == activities
    assert OversightAction.objects.filter(activity__start_date__year=2024).exists()
    assert list(WorkReport.objects.values_list("pk", "versions__state")) == reports
