"""The problems the 2024 oversight found, followed through rectification with their real dates.

The “关心母亲河溪” week (2–8 September) found 14 pollution sources and eyesores on the river;
by the end of the year most were rectified, reported with photos and verified on the spot by
staff with deputies (销号), two wait for verification, two are still being rectified (one of
them overdue). The 三改一拆 check found three more. Each step goes through the services with
the day it happened, so the timelines read 2024.
"""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from congress.models import User
from congress.roles import Role
from congress.workdays import Workdays
from oversight.services.problems import (
    problem_add,
    problem_begin,
    problem_report,
    problem_send_back,
    problem_verify,
)

CLOSED, REPORTED, IN_PROGRESS = "closed", "reported", "in_progress"

# Each problem: what, where, the unit, what is asked, the deadline, and its course: the days
# it was started, reported fixed (with the report) and verified, the verifying deputies'
# indexes; `sent_back` a first report found wanting. Days are counted from the action's last
# day, so the course stays in order whatever day the action is recorded on.
RIVER_WEEK = [
    {
        "description": "路堰自然村生猪养殖场污水经排水沟直排练溪，溪水发黑有异味。",
        "place": "路堰自然村",
        "unit": "镇农业农村办公室",
        "requirement": "建设沉淀池和沼气池，养殖污水处理达标后还田利用，禁止直排。",
        "deadline": datetime.date(2024, 10, 31),
        "course": CLOSED,
        "begin": 3,
        "report": (40, "建成三级沉淀池和沼气池各1座，排水沟封堵，污水经处理后用于周边茶园灌溉。"),
        "verify": 47,
        "verifiers": [3, 8],
    },
    {
        "description": "路堰村沿溪段河道内堆积生活垃圾约20处。",
        "place": "路堰村沿溪段",
        "unit": "路堰村村民委员会",
        "requirement": "组织清理河道垃圾，落实河道保洁责任人。",
        "deadline": datetime.date(2024, 10, 15),
        "course": CLOSED,
        "begin": 1,
        "report": (12, "组织村两委和党员志愿者清理垃圾约3吨，明确2名河道保洁员每日巡查。"),
        "verify": 20,
        "verifiers": [3],
    },
    {
        "description": "姚埠工业园区2号雨水排口有工业废水混排，排口下游水体浑浊。",
        "place": "姚埠工业园区",
        "unit": "镇生态环境办公室",
        "requirement": "查明混排企业，责令整改并跟踪监测排口水质。",
        "deadline": datetime.date(2024, 10, 31),
        "course": CLOSED,
        "begin": 2,
        "sent_back": (
            30,
            "已约谈园区内2家企业，要求停止混排。",
            37,
            "复查时排口仍有浑浊废水流出，未查明全部混排企业。",
        ),
        "report": (52, "查明3家企业雨污混接，已全部改接入污水管网；连续两周监测排口水质正常。"),
        "verify": 58,
        "verifiers": [0, 12],
    },
    {
        "description": "姚埠工业园区雨污管网未分流，部分生活污水经雨水管进入练溪。",
        "place": "姚埠工业园区",
        "unit": "镇村镇建设办公室",
        "requirement": "制定园区雨污分流改造方案，列入年度建设计划并按期完工。",
        # A works project: the deadline follows its construction plan, still ahead.
        "deadline": None,
        "course": IN_PROGRESS,
        "begin": 10,
    },
    {
        "description": "大茂坑村村口溪段漂浮垃圾未及时打捞。",
        "place": "大茂坑村村口",
        "unit": "大茂坑村村民委员会",
        "requirement": "及时打捞漂浮物，增设拦污设施。",
        "deadline": datetime.date(2024, 10, 15),
        "course": CLOSED,
        "begin": 1,
        "report": (9, "打捞漂浮垃圾，在村口溪段增设拦污栅1处，保洁员每日清理。"),
        "verify": 16,
        "verifiers": [5],
    },
    {
        "description": "石坑坪水库工地泥浆水未经沉淀直接排入溪流。",
        "place": "石坑坪水库工地",
        "unit": "镇生态环境办公室",
        "requirement": "督促施工单位设置沉淀池，泥浆水沉淀后排放。",
        "deadline": datetime.date(2024, 10, 31),
        "course": CLOSED,
        "begin": 2,
        "report": (25, "施工单位已建成两级沉淀池，泥浆水沉淀后回用于场地降尘，不再外排。"),
        "verify": 33,
        "verifiers": [9],
    },
    {
        "description": "五雷街沿街餐饮店油污水直排河道。",
        "place": "五雷街",
        "unit": "镇综合行政执法队",
        "requirement": "督促餐饮店安装隔油设施并接入污水管网，依法查处直排行为。",
        "deadline": datetime.date(2024, 10, 31),
        "course": CLOSED,
        "begin": 3,
        "report": (35, "12家餐饮店全部安装隔油池并接入污水管网，对2家直排店铺立案处罚。"),
        "verify": 44,
        "verifiers": [0, 6],
    },
    {
        "description": "姚埠村农户在河滩违规种植，化肥农药随雨水流入河道。",
        "place": "姚埠村河滩",
        "unit": "镇农业农村办公室",
        "requirement": "劝导农户退出河滩种植，推广测土配方施肥。",
        "deadline": datetime.date(2024, 11, 15),
        "course": CLOSED,
        "begin": 5,
        "report": (50, "劝导退出河滩种植约6亩，完成复绿；向沿河农户发放测土配方施肥建议卡。"),
        "verify": 60,
        "verifiers": [2],
    },
    {
        "description": "练溪上游河段有人电鱼、毒鱼。",
        "place": "练溪上游",
        "unit": "镇综合行政执法队",
        "requirement": "加强巡查，依法查处电鱼毒鱼行为，设置禁渔警示牌。",
        "deadline": datetime.date(2024, 10, 15),
        "course": CLOSED,
        "begin": 1,
        "report": (20, "开展联合巡查8次，查处电鱼2起，沿河设置禁渔警示牌10块。"),
        "verify": 27,
        "verifiers": [7],
    },
    {
        "description": "五雷街社区生活污水管网破损渗漏，污水流入排水沟。",
        "place": "五雷街社区",
        "unit": "五雷街社区居民委员会",
        "requirement": "排查破损管段并修复。",
        "deadline": datetime.date(2024, 10, 31),
        "course": CLOSED,
        "begin": 4,
        "report": (38, "排查管网1.2公里，修复破损管段3处，渗漏点已全部封堵。"),
        "verify": 45,
        "verifiers": [0],
    },
    {
        "description": "路堰村河道护岸有建筑垃圾倾倒。",
        "place": "路堰村河道护岸",
        "unit": "镇综合行政执法队",
        "requirement": "清运建筑垃圾，查处乱倒行为。",
        "deadline": datetime.date(2024, 11, 15),
        "course": REPORTED,
        "begin": 6,
        "report": (75, "清运建筑垃圾约40吨，对倾倒人依法处罚，护岸处设置监控1处。"),
    },
    {
        "description": "姚埠村农村生活污水处理终端运行不正常，出水浑浊。",
        "place": "姚埠村",
        "unit": "镇生态环境办公室",
        "requirement": "委托运维单位检修终端，确保出水达标。",
        "deadline": datetime.date(2024, 11, 30),
        "course": REPORTED,
        "begin": 4,
        "report": (80, "运维单位已更换水泵和填料，出水检测达标，建立月度巡检台账。"),
    },
    {
        "description": "大茂坑村养殖户畜禽粪污露天堆放，雨天随径流入溪。",
        "place": "大茂坑村",
        "unit": "镇农业农村办公室",
        "requirement": "建设粪污堆积发酵棚，实现粪污资源化利用。",
        "deadline": datetime.date(2024, 10, 31),
        "course": IN_PROGRESS,
        "begin": 8,
    },
    {
        "description": "练溪河道两岸垃圾收集点设置不足，群众随手将垃圾丢入河中。",
        "place": "姚埠村沿河",
        "unit": "姚埠村村民委员会",
        "requirement": "沿河增设垃圾收集点，加强宣传引导。",
        "deadline": datetime.date(2024, 10, 31),
        "course": CLOSED,
        "begin": 2,
        "report": (28, "沿河新增垃圾收集点8处，张贴爱护母亲河溪倡议书。"),
        "verify": 36,
        "verifiers": [4, 11],
    },
]

# 三改一拆: deadlines too counted from the check's last day.
THREE_ONE_CHECK = [
    {
        "description": "五雷街沿街违章搭建雨棚3处未拆除。",
        "place": "五雷街",
        "unit": "镇综合行政执法队",
        "requirement": "依法拆除违章搭建。",
        "deadline_after": 40,
        "course": CLOSED,
        "begin": 3,
        "report": (30, "3处违章雨棚已全部拆除，场地清理完毕。"),
        "verify": 36,
        "verifiers": [1],
    },
    {
        "description": "大茂坑村危旧房改造进度滞后于年度计划。",
        "place": "大茂坑村",
        "unit": "镇村镇建设办公室",
        "requirement": "倒排工期，加快危旧房改造进度。",
        "deadline_after": 60,
        "course": CLOSED,
        "begin": 5,
        "report": (55, "制定倒排工期表，完成危旧房改造15户，达到年度计划进度。"),
        "verify": 62,
        "verifiers": [9],
    },
    {
        "description": "姚埠工业园区闲置厂房拆除后场地未及时复绿。",
        "place": "姚埠工业园区",
        "unit": "镇村镇建设办公室",
        "requirement": "制定复绿方案，完成场地平整和绿化。",
        "deadline_after": 60,
        "course": REPORTED,
        "begin": 5,
        "report": (58, "完成场地平整约3000平方米，种植乔木120株、铺设草皮。"),
    },
]


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _photo(n: int) -> SimpleUploadedFile:
    """A small picture standing for the photo taken after the rectification."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (60 + n * 11 % 120, 140, 90 + n * 7 % 100)).save(buffer, "PNG")
    return SimpleUploadedFile(f"整改后照片{n}.png", buffer.getvalue(), content_type="image/png")


def _follow(action, rows, found: dict) -> None:
    """Record each problem of `rows` found by `action` and take it through its course."""
    township = found["township"]
    staff = found["staff"]
    deputies = found["deputies"]
    units = found["units"]
    last_day = action.activity.end_date or action.activity.start_date
    workdays = Workdays(township)

    def day(after: int) -> datetime.date:
        return last_day + datetime.timedelta(days=after)

    for n, row in enumerate(rows, start=1):
        unit = units[row["unit"]]
        # The unit's own account, where it has one, takes its steps; staff enter the others'
        # paper reports.
        acting = User.objects.filter(role=Role.UNIT, unit=unit, is_active=True).first() or staff
        if row.get("deadline"):
            deadline = row["deadline"]
        elif "deadline_after" in row:
            deadline = workdays.on_or_after(day(row["deadline_after"]))
        else:
            deadline = workdays.on_or_after(timezone.localdate() + datetime.timedelta(days=90))
        problem = problem_add(
            action=action,
            by=staff,
            description=row["description"],
            place=row["place"],
            unit=unit,
            requirement=row["requirement"],
            deadline=deadline,
            at=_at(day(1), 9),
        )
        problem_begin(problem=problem, by=acting, at=_at(day(row["begin"])))
        if "sent_back" in row:
            reported, text, back, reason = row["sent_back"]
            problem_report(
                problem=problem,
                by=acting,
                text=text,
                rectified_on=day(reported),
                at=_at(day(reported)),
            )
            problem_send_back(problem=problem, by=staff, note=reason, at=_at(day(back), 15))
        if row["course"] == IN_PROGRESS:
            continue
        reported, text = row["report"]
        problem_report(
            problem=problem,
            by=acting,
            text=text,
            rectified_on=day(reported),
            files=[_photo(n)],
            at=_at(day(reported), 16),
        )
        if row["course"] == CLOSED:
            problem_verify(
                problem=problem,
                by=staff,
                verified_on=day(row["verify"]),
                verifiers=[deputies[i] for i in row["verifiers"]],
                note="现场核实，整改到位，同意销号。",
                at=_at(day(row["verify"]), 15),
            )


def seed(found: dict) -> None:
    """The problems of the river week and the 三改一拆 check; nothing when those actions are
    not there (yet), or already have their problems."""
    actions = found.get("actions") or {}
    for key, rows in (("river_week", RIVER_WEEK), ("three_one_check", THREE_ONE_CHECK)):
        action = actions.get(key)
        if action is None or action.problems.exists():
            continue
        _follow(action, rows, found)
