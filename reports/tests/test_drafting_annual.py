"""The annual work report's sections, drafted from the records: the demo year reads back with
the 2024 report's facts, every figure a token; a year without sessions, campaigns or plan says
so; the draft reads the year in a number of queries that does not grow with its records."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from congress.models import User
from congress.tests.factories import TownshipFactory
from deputies.models import Activity, Attendance
from deputies.tests.factories import ActivityFactory, DeputyFactory
from oversight.models import OversightAction, Problem
from oversight.tests.factories import (
    CampaignFactory,
    OversightActionFactory,
    PlanItemFactory,
    ProblemFactory,
)
from proposals.tests.factories import ProposalFactory
from reports.drafting import DraftContext, tokens
from reports.drafting.annual import ANNUAL_REPORT
from reports.drafting.annual.common import span_token
from reports.drafting.base import quote
from reports.services import version_regenerate, version_start_next
from reports.tests.demo_report import demo_annual_report
from sessions.models import Candidate, Election, Sitting
from sessions.tests.factories import CongressSessionFactory

pytestmark = pytest.mark.django_db


def draft(township, year=2024) -> tuple[DraftContext, dict]:
    """Every section of the annual report written for the year: (context, {key: body})."""
    ctx = DraftContext(township=township, year=year)
    return ctx, {spec.key: spec.write(ctx) for spec in ANNUAL_REPORT.sections}


def flat(text: str) -> str:
    return re.sub(r"\s+", "", tokens.plain(text))


# ----------------------------------------------------------------------------- the demo year


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_annual_report(django_db_blocker) as version:
        sections = list(version.sections.order_by("position"))
        yield {
            "township": version.report.township,
            "version": version,
            "sections": sections,
            "text": {s.key: flat(s.body) for s in sections},
        }


def test_demo_has_every_section_of_the_2024_report_in_order(demo):
    assert [s.key for s in demo["sections"]] == [spec.key for spec in ANNUAL_REPORT.sections]
    assert [s.heading for s in demo["sections"]][0] == "none"
    plan = demo["sections"][-1]
    assert (plan.heading, plan.title) == ("plain", "2025年人大工作思路")


def test_demo_no_number_is_typed_by_hand(demo):
    figures = demo["version"].figures
    for section in demo["sections"]:
        assert tokens.typed_numbers(section.body, figures) == [], section.key
        for block in section.blocks:
            for row in block.get("rows", []):
                for cell in row:
                    assert tokens.typed_numbers(cell, figures) == [], (section.key, cell)


def test_demo_session_and_by_election_with_every_vote(demo):
    text = demo["text"]["sessions"]
    assert "于1月21日召开了练溪镇第十八届人民代表大会第二次会议" in text
    assert (
        "政府工作报告、镇人大主席团工作报告及2023年财政收支情况和2024年财政预算安排的报告" in text
    )
    assert "共3项决议" in text
    assert "依法补选了镇人民政府镇长1名、副镇长2名" in text
    elected = Candidate.objects.filter(
        election__session__township=demo["township"], result=Candidate.Result.ELECTED
    )
    offices = {"head": "镇人民政府镇长", "deputy_head": "镇人民政府副镇长"}
    assert elected.count() == 3
    for candidate in elected.select_related("election"):
        assert candidate.unanimous and candidate.votes_for == 36  # every deputy present
        office = offices[candidate.election.office]
        assert f"{candidate.name}以{candidate.votes_for}票满票当选为{office}" in text
    assert "全部满票当选" in text


def test_demo_study_and_activities_between_sessions(demo):
    training = demo["text"]["training"]
    assert "全年共组织代表学习培训3次、116人次" in training
    assert "2月27日，学习党的全会公报、传达会议精神（40人次）" in training
    between = demo["text"]["between_sessions"]
    assert "1月8日至15日，人代会前走访联系选区选民、征询意见（20人次）" in between
    assert "3月12日，镇区控制性详细规划编制征求意见会（26人次）" in between
    assert "视察" not in between.split("：", 1)[1].split("。")[0]  # no oversight action here
    # The year's total is the deputies' summary, oversight included once: 116 + 46 + 8 + 185.
    assert "各类履职活动16次、355人次" in between


def test_demo_oversight_actions_by_month_in_date_order(demo):
    text = demo["text"]["oversight"]
    assert "全年共开展监督活动10次、185人次" in text
    months = re.findall(r"[一二三四五六七八九十]+是(\d+)月份", text)
    assert months == ["4", "7", "8", "8", "8", "9", "9", "9", "9", "10"]
    assert "一是4月份组织代表视察省重点工程石坑坪水库（18人次）" in text
    assert "二是7月份对镇政府2024年10件民生实事进行专项督查（12人次）" in text
    assert "十是10月份对洁净乡村、美化家园工作进行专项督查（10人次）" in text
    section = next(s for s in demo["sections"] if s.key == "oversight")
    chart = next(b for b in section.blocks if b["type"] == "bars")
    assert dict(chart["bars"]) == {
        **{f"{m}月": 0 for m in range(1, 13)},
        "4月": 1,
        "7月": 1,
        "8月": 3,
        "9月": 4,
        "10月": 1,
    }
    action = OversightAction.objects.get(activity__title="视察省重点工程石坑坪水库")
    figure = demo["version"].figures[f"oversight.actions.{action.pk}.person_times"]
    assert figure["value"] == "18"
    assert figure["url"] == f"/oversight/{action.pk}/"


def test_demo_proposals_assigned_on_25_march(demo):
    text = demo["text"]["proposals"]
    assert (
        "第十八届人民代表大会第二次会议期间代表提出的6件议案、建议和意见（其中1件确定为重点议案）"
        in text
    )
    assert "于3月25日召开了交办会" in text
    assert "已答复6件" in text
    assert "A类3件、B类2件、C类1件、D类0件" in text
    assert "《关于集镇五雷街道路硬化及雨污管网改造工程的议案》" in text
    key = demo["version"].figures["proposals.key"]
    assert key["url"].endswith("?year=2024&key=true")


def test_demo_campaign_86_person_times_and_14_problems(demo):
    text = demo["text"]["campaigns"]
    assert "关心母亲河溪，查找水污染源，恪尽代表职责" in text
    assert "8月15日，镇人大主席团组织开展“关心母亲河溪”练溪视察，深入大茂坑村、" in text
    assert "姚埠工业园区（16人次）" in text
    assert "9月2日至8日" in text
    assert "共86人次" in text
    found = Problem.objects.filter(action__campaign__isnull=False).count()
    assert found == 14
    assert f"活动期间，代表们共查找出问题{found}个" in text


def test_demo_elections_evaluation_and_publicity(demo):
    elections = demo["text"]["elections"]
    assert "深入4个村（社区）" in elections and "共开展观察12次" in elections
    assert "发现并督促纠正问题2个" in elections
    presidium = demo["text"]["presidium"]
    assert "8月份，组织11名人大代表对镇公安派出所进行了工作评议" in presidium
    assert "满意8票、基本满意2票、不满意1票" in presidium
    assert "已投稿19篇，其中被市人大信息网录用1篇，被县人大网站录用12篇" in presidium


def test_demo_next_years_plan_item_by_item(demo):
    plan = next(s for s in demo["sections"] if s.key == "plan")
    paragraphs = tokens.paragraphs(tokens.plain(plan.body))
    assert paragraphs[1].startswith("一、坚持党的领导，围绕党委中心开展工作。认真学习")
    assert paragraphs[8].startswith("八、加强镇人大主席团的自身建设。")
    assert len(paragraphs) == 9


def test_demo_figure_links_open_the_records_they_count(demo, client):
    client.force_login(User.objects.get(username="staff"))
    figures = demo["version"].figures
    page = client.get(figures["proposals.key"]["url"])
    assert page.status_code == 200
    assert "关于集镇五雷街道路硬化及雨污管网改造工程的议案" in page.content.decode()
    assert "关于姚埠工业园区道路照明设施改造的建议" not in page.content.decode()
    urls = {figure["url"]: key for key, figure in figures.items() if figure["url"]}
    assert len(urls) > 30
    for url, key in urls.items():
        assert client.get(url).status_code == 200, key


# ----------------------------------------------------------------------------- edges


def test_an_empty_year_says_so_in_every_section(db):
    township = TownshipFactory()
    ctx, drafts = draft(township)
    text = {key: flat(d.body) for key, d in drafts.items()}
    assert text["sessions"] == "本年度未召开镇人民代表大会会议。"
    assert "本年度未组织代表专题学习培训" in text["training"]
    assert text["oversight"] == "本年度未开展监督活动。"
    assert text["proposals"] == "本年度代表未提出议案、建议和意见。"
    assert text["campaigns"] == "本年度未开展代表主题活动。"
    assert text["elections"] == "本年度未开展村级组织换届选举监督。"
    assert text["plan"] == "2025年人大工作计划尚未制订。"
    for key, d in drafts.items():
        assert tokens.typed_numbers(d.body, ctx.figures) == [], key


def _election(session, office, seats, candidates):
    sitting = Sitting.objects.create(session=session, date=session.start_date)
    election = Election.objects.create(
        session=session, sitting=sitting, office=office, seats=seats, kind="regular"
    )
    for name, votes, result, unanimous in candidates:
        Candidate.objects.create(
            election=election,
            name=name,
            votes_for=votes[0],
            votes_against=votes[1],
            votes_abstain=votes[2],
            result=result,
            unanimous=unanimous,
        )
    return election


def test_a_contested_election_reads_with_every_count(township):
    session = CongressSessionFactory(township=township, term=19, number=1)
    _election(
        session,
        "chair",
        1,
        [
            ("张三", (30, 4, 2), Candidate.Result.ELECTED, False),
            ("李四", (6, 28, 2), Candidate.Result.NOT_ELECTED, False),
        ],
    )
    ctx, drafts = draft(township)
    text = flat(drafts["sessions"].body)
    assert "第十九届人民代表大会第一次会议" in text
    assert "依法选举了镇人大主席1名" in text
    assert "张三以赞成30票、反对4票、弃权2票当选为镇人大主席" in text
    assert "李四以赞成6票、反对28票、弃权2票，未当选镇人大主席" in text
    assert "满票" not in text
    assert tokens.typed_numbers(drafts["sessions"].body, ctx.figures) == []


def test_two_sessions_are_counted_then_told_in_date_order(township):
    CongressSessionFactory(
        township=township,
        number=3,
        start_date=datetime.date(2024, 12, 28),
        end_date=datetime.date(2024, 12, 28),
    )
    CongressSessionFactory(township=township, number=2)
    ctx, drafts = draft(township)
    paragraphs = tokens.paragraphs(tokens.plain(drafts["sessions"].body))
    assert paragraphs[0] == "全年共召开镇人民代表大会会议2次。"
    assert "1月21日" in paragraphs[1] and "12月28日" in paragraphs[2]


def test_record_words_holding_a_number_are_quoted_as_a_figure(township):
    ctx = DraftContext(township=township, year=2024)
    assert quote(ctx, "a", "政府工作报告", "label") == "政府工作报告"
    token = quote(ctx, "b", "2023年财政[决算]|报告\n", "label", "/x/")
    assert token == "[2023年财政〔决算〕｜报告|b]"
    assert ctx.figures["b"] == {"value": "2023年财政〔决算〕｜报告", "label": "label", "url": "/x/"}
    week = span_token(ctx, "w", datetime.date(2024, 9, 2), datetime.date(2024, 9, 8), "l")
    assert tokens.plain(week) == "9月2日至8日"
    across = span_token(ctx, "x", datetime.date(2024, 9, 28), datetime.date(2024, 10, 3), "l")
    assert tokens.plain(across) == "9月28日至10月3日"


def test_oversight_and_campaign_without_problems(township):
    campaign = CampaignFactory(township=township, start_date=datetime.date(2024, 5, 1))
    later = OversightActionFactory(
        township=township,
        kind=OversightAction.Kind.INSPECTION,
        target="第3号水库",
        campaign=campaign,
        activity__start_date=datetime.date(2024, 11, 5),
        activity__other_participants=7,
    )
    OversightActionFactory(
        township=township,
        target="集镇环境",
        activity__start_date=datetime.date(2024, 5, 6),
        activity__other_participants=3,
    )
    OversightActionFactory(township=township, activity__start_date=datetime.date(2023, 5, 6))
    ctx, drafts = draft(township)
    text = flat(drafts["oversight"].body)
    assert "全年共开展监督活动2次、10人次" in text
    assert (
        "一是5月份对集镇环境进行专项督查（3人次）；二是11月份组织代表视察第3号水库（7人次）" in text
    )
    assert "发现问题" not in text
    campaigns = flat(drafts["campaigns"].body)
    assert "从5月份开始" in campaigns and "共7人次" in campaigns
    assert "查找出问题" not in campaigns
    ProblemFactory(action=later)
    ctx, drafts = draft(township)
    assert "代表们共查找出问题1个" in flat(drafts["campaigns"].body)
    for key, d in drafts.items():
        assert tokens.typed_numbers(d.body, ctx.figures) == [], key


def test_plan_items_of_next_year_lead_their_paragraphs(township):
    PlanItemFactory(
        township=township, year=2025, title="加强代表工作", text="开展3次培训。", order=2
    )
    PlanItemFactory(
        township=township, year=2025, title="开好人代会", text="依法召开会议。", order=1
    )
    PlanItemFactory(township=township, year=2024, title="今年的计划", text="不在明年。")
    ctx, drafts = draft(township)
    paragraphs = tokens.paragraphs(drafts["plan"].body)
    assert tokens.plain(paragraphs[1]) == "一、开好人代会。依法召开会议。"
    assert tokens.plain(paragraphs[2]) == "二、加强代表工作。开展3次培训。"
    assert len(paragraphs) == 3
    assert tokens.typed_numbers(drafts["plan"].body, ctx.figures) == []


def test_training_and_themed_activities_are_told_apart(township):
    deputy = DeputyFactory(township=township)
    training = ActivityFactory(township=township, start_date=datetime.date(2024, 3, 1))
    Attendance.objects.create(activity=training, deputy=deputy, status="present")
    ActivityFactory(
        township=township,
        kind=Activity.Kind.OTHER,
        title="代表作表率活动",
        start_date=datetime.date(2024, 4, 25),
        other_participants=2,
    )
    ActivityFactory(township=township, kind=Activity.Kind.GROUP, title="小组活动")
    ctx, drafts = draft(township)
    assert "全年共组织代表学习培训1次、1人次" in flat(drafts["training"].body)
    assert "4月份，开展了代表作表率活动" in flat(drafts["central_work"].body)
    between = flat(drafts["between_sessions"].body)
    assert "小组活动" in between and "代表作表率" not in between
    assert "各类履职活动3次、3人次" in between


def _year_of(township, n: int) -> None:
    """n of everything the report lists row by row."""
    campaign = CampaignFactory(township=township)
    for i in range(n):
        session = CongressSessionFactory(township=township, number=10 + i)
        _election(session, "head", 1, [(f"候选{i}", (9, 0, 0), Candidate.Result.ELECTED, True)])
        action = OversightActionFactory(
            township=township, campaign=campaign, activity__start_date=datetime.date(2024, 6, 1)
        )
        ProblemFactory(action=action)
        ActivityFactory(township=township)
        ProposalFactory(
            deputy=DeputyFactory(township=township),
            is_key=True,
            submitted_at=timezone.make_aware(datetime.datetime(2024, 2, 1, 10)),
        )
        PlanItemFactory(township=township, year=2025)


def test_the_draft_reads_the_year_in_the_same_queries_however_many_records(db):
    counts = []
    for n in (2, 6):
        township = TownshipFactory()
        _year_of(township, n)
        with CaptureQueriesContext(connection) as queries:
            draft(township)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] < 60


def test_a_year_of_many_activities_counts_them_by_kind(township):
    for day in range(1, 8):
        ActivityFactory(
            township=township,
            kind=Activity.Kind.FORUM,
            start_date=datetime.date(2024, 3, day),
            other_participants=2,
        )
    for day in range(1, 4):
        ActivityFactory(
            township=township, kind=Activity.Kind.GROUP, start_date=datetime.date(2024, 4, day)
        )
    ctx, drafts = draft(township)
    text = flat(drafts["between_sessions"].body)
    assert "小组活动等10次、14人次：座谈7次、14人次；代表小组活动3次、0人次。" in text
    assert "3月1日" not in text
    assert tokens.typed_numbers(drafts["between_sessions"].body, ctx.figures) == []


def test_proposals_without_a_key_one_or_a_meeting(township):
    in_2024 = timezone.make_aware(datetime.datetime(2024, 2, 1, 10))
    for _ in range(2):
        ProposalFactory(deputy=DeputyFactory(township=township), submitted_at=in_2024)
    ctx, drafts = draft(township)
    text = flat(drafts["proposals"].body)
    assert text.startswith("针对全年代表提出的2件议案、建议和意见，镇人大专门进行了规范整理和登记")
    assert "重点议案" not in text and "交办会" not in text
    assert tokens.typed_numbers(drafts["proposals"].body, ctx.figures) == []


def test_demo_regenerated_from_the_same_records_reads_the_same(demo):
    # The seeded version is final: a new version starts from it, then is drafted again.
    staff = User.objects.get(username="staff")
    following = version_start_next(version=demo["version"], by=staff)
    version = version_regenerate(version=following, by=staff)
    assert version.data_changes == []
    assert {s.key: flat(s.body) for s in version.sections.all()} == demo["text"]
