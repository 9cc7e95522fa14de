"""Names in the official order, 按姓氏笔画 (congress.names): the key against a list printed that
way, and the lists that use it (the roster, roll calls, the presidium, ballots, reports)."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from openpyxl import load_workbook

from congress.names import pinyin_key, stroke_key
from congress.tests.factories import TownshipFactory
from deputies.excel import COLUMNS, choice_labels, write_workbook
from deputies.models import Deputy
from deputies.services import deputy_update
from deputies.tests.factories import ConstituencyFactory, DeputyFactory, DeputyGroupFactory
from reports.drafting import DraftContext, tokens
from reports.drafting.annual import ANNUAL_REPORT
from sessions import services as session_services
from sessions.models import Candidate, Election, Sitting
from sessions.selectors import election_detail, session_detail, sitting_attendance_rows
from sessions.tests.factories import CongressSessionFactory

# 中国共产党第十九届中央委员会第一次全体会议公报 (新华社, 2017年10月25日): 中央政治局委员
# “（按姓氏笔画为序）”, as printed. It shows every rule the key follows:
# - stroke count: 丁2 习3 王4 刘许孙6 李杨汪张陈7 赵胡9 栗郭10 黄11 韩12 蔡14;
# - the same count, by the first stroke 横竖撇点折: 李杨(一) 汪(丶) 张陈(乛); 栗(一) 郭(丶);
#   刘许(丶) before 孙(乛);
# - the same first stroke, by the next strokes: 刘(丶一) before 许(丶乛), 李 before 杨 (the
#   sixth stroke, 亅 against 丿), 张 before 陈 (the second, 一 against 丨), 赵 before 胡;
# - the same surname: 单名 before 双名 (王晨 before 王沪宁 though 晨 has 11 strokes and 沪 7;
#   李希、李强 before 李克强; 陈希 before 陈全国), then the given name by its strokes.
# ICU's zh@collation=stroke (PyICU 2.17, ICU 72) does not give this order: it counts strokes as
# traditional characters are written (阝 three strokes: 陈 among the 8-stroke 周林; 艹 four: 蔡
# 15) and orders one stroke count by radical, not by the strokes (何 吴 张 李, 方 before 王).
# congress/stroke_order.txt holds the mainland 笔画序 instead.
POLITBURO_19 = [
    "丁薛祥",
    "习近平",
    "王晨",
    "王沪宁",
    "刘鹤",
    "许其亮",
    "孙春兰",
    "李希",
    "李强",
    "李克强",
    "李鸿忠",
    "杨洁篪",
    "杨晓渡",
    "汪洋",
    "张又侠",
    "陈希",
    "陈全国",
    "陈敏尔",
    "赵乐际",
    "胡春华",
    "栗战书",
    "郭声琨",
    "黄坤明",
    "韩正",
    "蔡奇",
]

# Common surnames 按姓氏笔画, with their strokes: equal counts ordered by the first stroke
# (王一 方丶; 石一 叶丨 田丨; 刘丶 孙乛; 李一 吴丨 何丿 张乛 陈乛; 林一 周丿 郑丶; 徐丿 高丶;
# 黄一 梁丶; 彭 韩 both 一丨, then 一 against 丨). The order every 姓氏笔画 table prints.
SURNAMES = list("丁万马王方石叶田刘孙李吴何张陈林周郑赵胡徐高黄梁彭韩蔡魏")

# Deputies of a township roster, with the ties a roster meets: code point order would be
# 丁一 刘洋 孙丽 张伟 方明 李克强 李强 王芳 蔡磊 陈静.
ROSTER = ["丁一", "王芳", "方明", "刘洋", "孙丽", "李强", "李克强", "张伟", "陈静", "蔡磊"]


def shuffled(names: list[str]) -> list[str]:
    """The names in another order than the official one (and than code point order)."""
    return sorted(names, key=lambda name: name[::-1])


def test_the_key_puts_a_published_list_in_its_printed_order():
    assert sorted(shuffled(POLITBURO_19), key=stroke_key) == POLITBURO_19
    assert sorted(POLITBURO_19) != POLITBURO_19  # code point order would not do


def test_surnames_of_equal_strokes_go_by_their_first_stroke():
    assert sorted(shuffled(SURNAMES), key=stroke_key) == SURNAMES


def test_spaces_separators_and_rare_characters():
    assert stroke_key(" 张 三 ") == stroke_key("张三")
    assert stroke_key("阿依古丽·买买提") == stroke_key("阿依古丽买买提")
    assert stroke_key("") == ""
    # A character beyond the table (CJK Extension B) comes after every character in it.
    assert stroke_key("龘") < stroke_key("𠀀")
    assert stroke_key("王𠀀") < stroke_key("王𠀀一")


def test_pinyin_reads_surnames_as_surnames():
    assert pinyin_key("张三") == "zhangsan"
    assert pinyin_key("曾国藩") == "zengguofan"  # not ceng
    assert pinyin_key("单田芳") == "shantianfang"  # not dan
    assert pinyin_key("尉迟恭") == "yuchigong"  # the compound surname, as one phrase


# ----------------------------------------------------------------------------- the roster


@pytest.fixture
def roster(township):
    return [DeputyFactory(township=township, name=name) for name in shuffled(ROSTER)]


def listed(text: str, names: list[str]) -> list[str]:
    return sorted(names, key=text.index)


def test_the_roster_page_lists_deputies_in_stroke_order(
    client, staff, roster, django_assert_max_num_queries
):
    client.force_login(staff)
    with django_assert_max_num_queries(13):  # as test_roster_query_count_is_constant
        page = client.get(reverse("deputies:list"))
    assert listed(page.content.decode(), ROSTER) == ROSTER


def test_the_roster_workbook_lists_deputies_in_stroke_order(client, staff, roster):
    client.force_login(staff)
    response = client.get(reverse("deputies:export"))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] in ROSTER]
    assert names == ROSTER


def test_the_name_box_finds_a_name_typed_in_pinyin(client, staff, roster):
    DeputyFactory(township=staff.township, name="曾国藩")
    client.force_login(staff)
    found = client.get(reverse("deputies:list"), {"q": "Zeng Guo"}).content.decode()
    assert "曾国藩" in found and "王芳" not in found
    found = client.get(reverse("deputies:list"), {"q": "li"}).content.decode()
    assert listed(found, ["李强", "李克强"]) == ["李强", "李克强"] and "王芳" not in found


def test_a_renamed_deputy_moves_to_the_new_names_place(staff, roster):
    deputy = Deputy.objects.get(name="蔡磊")
    deputy_update(deputy=deputy, fields=["name"], name="丁二")
    deputy.refresh_from_db()
    assert (deputy.name_stroke_key, deputy.name_pinyin) == (stroke_key("丁二"), "dinger")
    assert list(Deputy.objects.values_list("name", flat=True))[:2] == ["丁一", "丁二"]


def _import_row(name: str, i: int, labels: dict) -> list:
    values = {
        "name": name,
        "gender": labels["gender"]["male"],
        "ethnicity": "汉族",
        "birth_month": f"19{60 + i}-01",
        "affiliation": labels["affiliation"]["none"],
        "education": labels["education"]["college"],
        "occupation": labels["occupation"]["farmer"],
        "work_unit": "",
        "phone": f"139{i:08d}",
        "address": "",
        "level": labels["level"]["township"],
        "term": 18,
        "constituency": "第一选区",
        "group": "东片小组",
        "status": labels["status"]["active"],
        "start_date": "2021-12-30",
        "end_date": "",
        "status_reason": "",
    }
    return [values[column.key] for column in COLUMNS]


def test_the_roster_import_writes_the_keys(client, staff, township):
    ConstituencyFactory(township=township, name="第一选区")
    DeputyGroupFactory(township=township, name="东片小组")
    labels = {column.key: choice_labels(column) for column in COLUMNS if column.choices}
    rows = [_import_row(name, i, labels) for i, name in enumerate(shuffled(ROSTER))]
    client.force_login(staff)
    upload = SimpleUploadedFile("名册.xlsx", write_workbook(rows, title="名册"))
    preview = client.post(reverse("deputies:import"), {"file": upload})
    response = client.post(preview["Location"], follow=True)
    assert "名册已导入" in response.content.decode()
    imported = Deputy.objects.filter(name__in=ROSTER)
    assert [d.name for d in imported] == ROSTER
    assert all(d.name_stroke_key == stroke_key(d.name) for d in imported)
    assert all(d.name_pinyin == pinyin_key(d.name) for d in imported)


# ----------------------------------------------------------------------------- sessions


DAY = datetime.date(2024, 1, 21)


@pytest.fixture
def sitting(township, staff, roster):
    session = CongressSessionFactory(
        township=township, term=township.current_term, start_date=DAY, end_date=DAY
    )
    session.presidium.set(roster)
    session_services.session_move(session=session, move="convene", by=staff)
    sitting = Sitting.objects.create(session=session, date=DAY, title="第一次全体会议")
    session_services.sitting_set_attendance(
        sitting=sitting, statuses={d.pk: "present" for d in roster}, by=staff
    )
    return sitting


def test_roll_call_and_presidium_are_in_stroke_order(sitting):
    rows = sitting_attendance_rows(sitting=sitting)  # and the deputy user's, 代表N
    assert [row["deputy"].name for row in rows if row["deputy"].name in ROSTER] == ROSTER
    presidium = session_detail(session=sitting.session)["presidium"]
    assert [d.name for d in presidium] == ROSTER


def test_candidates_are_listed_as_the_ballot_prints_them(sitting):
    election = session_services.election_save(
        session=sitting.session, sitting=sitting, office="deputy_head", kind="regular", seats=2
    )
    for name in ["蔡磊", "陈静", "方明"]:  # entered out of order
        session_services.candidate_add(election=election, name=name, nominated_by="presidium")
    ballot = ["方明", "陈静", "蔡磊"]
    assert [c.name for c in election_detail(election=election)["candidates"]] == ballot
    (listed_election,) = session_detail(session=sitting.session)["elections"]
    assert [c.name for c in listed_election.candidates.all()] == ballot
    assert list(Candidate.objects.values_list("name", flat=True)) == ballot


def test_the_annual_report_names_candidates_in_stroke_order(township):
    session = CongressSessionFactory(township=township, term=19, number=1)
    sitting = Sitting.objects.create(session=session, date=session.start_date)
    election = Election.objects.create(
        session=session, sitting=sitting, office="chair", seats=1, kind="regular"
    )
    for name, votes, result in [("蔡磊", 6, "not_elected"), ("丁一", 30, "elected")]:
        Candidate.objects.create(election=election, name=name, votes_for=votes, result=result)
    (sessions,) = [spec for spec in ANNUAL_REPORT.sections if spec.key == "sessions"]
    text = tokens.plain(sessions.write(DraftContext(township=township, year=2024)).body)
    assert text.index("丁一以赞成30票") < text.index("蔡磊以赞成6票")


# ----------------------------------------------------------------------------- the migration


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_keys_of_names_entered_before():
    before = [
        ("deputies", "0003_squashed_0010_text_rule"),
        ("congress_sessions", "0002_squashed_0009_history_of_links"),
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    try:
        township = TownshipFactory()  # the core's tables are as they are now
        for name in shuffled(ROSTER):
            old.get_model("deputies", "Deputy").objects.create(
                township_id=township.pk, name=name, gender="male"
            )
        session = old.get_model("congress_sessions", "CongressSession").objects.create(
            township_id=township.pk, term=18, number=1, start_date=DAY, end_date=DAY, venue="会议室"
        )
        sitting = old.get_model("congress_sessions", "Sitting").objects.create(
            session=session, date=DAY, title="第一次全体会议"
        )
        election = old.get_model("congress_sessions", "Election").objects.create(
            session=session, sitting=sitting, office="chair", seats=1
        )
        for name in ["蔡磊", "丁一"]:
            old.get_model("congress_sessions", "Candidate").objects.create(
                election=election, name=name
            )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    deputies = Deputy.objects.filter(township_id=township.pk)
    assert [d.name for d in deputies] == ROSTER
    assert all(d.name_pinyin == pinyin_key(d.name) for d in deputies)
    candidates = Candidate.objects.filter(election_id=election.pk)
    assert [c.name for c in candidates] == ["丁一", "蔡磊"]
