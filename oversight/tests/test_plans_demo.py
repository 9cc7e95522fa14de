"""The demo year's plans, election supervision and publicity read as the 2024 report says
(demo/oversight/plans.py), and seeding twice adds none of them again."""

import io

import pytest
from django.core.management import call_command

from congress.models import Township
from oversight.models import ElectionObservation, PlanItem
from oversight.selectors.elections import elections_year_summary, observations_for_year
from oversight.selectors.plans import plan_for_year
from publicity.models import Article, Publication
from publicity.selectors import publicity_year_summary


@pytest.fixture
def township(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    return Township.objects.get(name="练溪镇")


def test_the_demo_reads_as_the_report(township):
    # 三、进一步做好人大宣传工作: 投稿19篇，其中被市人大信息网录用1篇，县人大网站录用12篇
    publicity = publicity_year_summary(township=township, year=2024)
    assert (publicity["submitted"], publicity["county_site"], publicity["city_site"]) == (19, 12, 1)
    assert publicity["published"] == 12  # the city site's one is one of the county site's

    # 八、村委会换届: every village observed at registration, nomination and voting.
    elections = elections_year_summary(township=township, year=2024)
    assert (elections["villages"], elections["observations"], elections["issues"]) == (4, 12, 2)
    for village in observations_for_year(township=township, year=2024):
        assert [str(stage) for stage in village.stages_observed] == [
            "选民登记",
            "候选人提名",
            "投票选举",
        ]

    # 2024年人大工作思路, 一 to 八, as the plan for the next year.
    next_plan = plan_for_year(township=township, year=2025)
    assert len(next_plan) == 8
    assert next_plan[1].title == "周密部署，依法召开镇人代会"
    assert next_plan[7].title == "加强镇人大主席团的自身建设"
    assert "**" not in "".join(line.text for line in next_plan)
    this_plan = plan_for_year(township=township, year=2024)
    assert len(this_plan) == 7
    # What was planned and what was done: the oversight item holds the year's ten actions,
    # the deputies' item the river campaign it named.
    done = {line.title: line for line in this_plan}
    assert len(done["注重实效，加大工作监督力度"].actions) == 10
    assert [c.title for c in done["切实加强代表工作"].campaigns] == [
        "关心母亲河溪，查找水污染源，恪尽代表职责"
    ]


def test_seeding_again_adds_no_plan_observation_or_article(township, settings):
    counts = [
        model.objects.count() for model in (PlanItem, ElectionObservation, Article, Publication)
    ]
    call_command("seed_demo", stdout=io.StringIO())
    assert counts == [
        model.objects.count() for model in (PlanItem, ElectionObservation, Article, Publication)
    ]


def test_a_second_seed_of_this_area_alone_adds_nothing(township):
    """Even run past seed_demo's own guard (it seeds oversight once), the area looks its
    records up before making them, and still hands the plan items to the actions."""
    from congress.models import Unit
    from demo import year2024 as demo
    from demo.oversight import plans
    from deputies.models import Deputy

    counts = [
        model.objects.count() for model in (PlanItem, ElectionObservation, Article, Publication)
    ]
    names = [row["name"] for row in demo.DEPUTIES]
    by_name = {d.name: d for d in Deputy.objects.filter(township=township, name__in=names)}
    found = {
        "township": township,
        "deputies": [by_name[name] for name in names],
        "units": {unit.name: unit for unit in Unit.objects.filter(township=township)},
    }
    plans.seed(found)
    assert counts == [
        model.objects.count() for model in (PlanItem, ElectionObservation, Article, Publication)
    ]
    assert set(found["plan_items"]) >= {
        "sessions",
        "oversight",
        "deputies",
        "petitions",
        "proposals",
        "self",
    }
