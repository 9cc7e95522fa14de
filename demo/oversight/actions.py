"""The 2024 report's oversight actions (sections 二 to 九), the progress reviews of the
government tasks they oversaw (`government_tasks`), and the river campaign, written through the
oversight services.

Each action owns its deputies' activity: the deputies present, on leave or absent are marked
on the roll of the day, staff are named, others counted, and person-times follow from them.
Names of people are invented.
"""

import datetime

from deputies.selectors import deputies_in_office_on
from deputies.services import activity_set_attendance
from oversight.models import OversightAction, ProgressReview
from oversight.services.actions import ActionInput, action_create, campaign_create, review_record

from . import government_tasks
from .government_tasks import (
    BUILDING,
    ENVIRONMENT,
    FARMING,
    KEY_PROJECTS,
    OFFICE,
    ON_TRACK,
    POLICE,
    PRACTICAL_PROJECTS,
)

D = datetime.date

RIVER_CAMPAIGN = {
    "title": "关心母亲河溪，查找水污染源，恪尽代表职责",
    "start_date": D(2024, 7, 1),
    "end_date": D(2024, 9, 30),
    "description": "在县、镇人大代表中开展主题活动：视察练溪、千人系列活动周查找水污染源，"
    "督促政府制订整改治理方案，跟踪监督整改落实。",
}

# 镇机关干部 who took part in the river week (七：县、镇人大代表及镇机关干部共86人次)
_CADRES = [
    "陈立新",
    "刘晓燕",
    "何建军",
    "林文斌",
    "郑玉琴",
    "罗海涛",
    "梁丽君",
    "谢国庆",
    "宋伟民",
    "唐小红",
    "许志华",
    "韩春燕",
    "冯振宇",
    "邓美玲",
    "曹永明",
    "彭慧敏",
    "曾良才",
    "肖秋菊",
    "田德胜",
    "董雅琴",
]
# The presidium's office (人大办) and the cadres who usually go along.
_OFFICE_STAFF = ["王芳", "陈立新"]

# Each action: the deputies (indexes into the roster) present, on leave and absent, the staff
# by name and other participants (情况介绍人、村民志愿者) as a count.
ACTIONS = [
    {
        "key": "reservoir",
        "kind": OversightAction.Kind.INSPECTION,
        "title": "视察省重点工程石坑坪水库",
        "start_date": D(2024, 4, 18),
        "place": "石坑坪水库建设工地",
        "unit": BUILDING,
        "target": "省重点工程石坑坪水库",
        "tasks": ["reservoir_project"],
        "content": "组织县、镇人大代表视察石坑坪水库建设工地，听取相关负责人的情况汇报。",
        "findings": "大坝基础处理按期完成；移民安置房建设进度偏慢，部分移民户对过渡安置费有意见。",
        "opinions": "加快移民安置房建设，及时兑现过渡安置费；施工期间做好练溪下游水质保护。",
        "opinions_sent_on": D(2024, 4, 25),
        "present": list(range(1, 40, 3)),
        "leave": [3, 9],
        "absent": [],
        "staff": _OFFICE_STAFF,
        "others": 3,
        "reviews": {"reservoir_project": (ON_TRACK, "工程按进度推进，移民安置房偏慢。")},
    },  # 13 deputies + 2 staff + 3 others = 18人次
    {
        "key": "practical_mid_year",
        "kind": OversightAction.Kind.SPECIAL_CHECK,
        "title": "镇政府10件实事实施情况半年督查",
        "start_date": D(2024, 7, 10),
        "place": "各实事项目现场、镇政府三楼会议室",
        "target": "镇政府2024年10件民生实事",
        "tasks": [key for key, *_ in PRACTICAL_PROJECTS],
        "content": "逐项察看实事项目现场，听取镇政府及责任单位的进度汇报。",
        "findings": "10件实事中2件已完成，6件按进度推进，2件滞后：集镇农贸市场提升改造、"
        "垃圾分类收集处理设施建设。",
        "opinions": "对滞后项目明确时间节点，责任领导牵头协调；下半年开展年终督查。",
        "opinions_sent_on": D(2024, 7, 17),
        "present": [0, 1, 2, 3, 4, 6, 8, 10],
        "leave": [5],
        "absent": [],
        "staff": _OFFICE_STAFF,
        "others": 2,
        "mid_year": True,
    },  # 8 + 2 + 2 = 12人次
    {
        "key": "village_stay",
        "kind": OversightAction.Kind.SPECIAL_CHECK,
        "title": "镇干部住村联心工作在镇住夜情况督查",
        "start_date": D(2024, 8, 6),
        "place": "各行政村、镇干部宿舍",
        "unit": OFFICE,
        "target": "镇干部住村联心、在镇住夜制度落实情况",
        "content": "夜间随机抽查镇干部在镇住夜及住村联心台账。",
        "findings": "个别干部住夜登记不实，住村联心台账记录简单。",
        "opinions": "完善住夜签到制度，定期通报抽查情况。",
        "opinions_sent_on": D(2024, 8, 12),
        "present": [0, 1, 2, 4, 6],
        "leave": [],
        "absent": [],
        "staff": _OFFICE_STAFF,
        "others": 1,
    },  # 5 + 2 + 1 = 8人次
    {
        "key": "river_inspection",
        "kind": OversightAction.Kind.INSPECTION,
        "title": "“关心母亲河溪”练溪视察",
        "start_date": D(2024, 8, 15),
        "place": "大茂坑村、石坑坪水库工地、路堰自然村养殖场、姚埠工业园区",
        "unit": ENVIRONMENT,
        "target": "母亲河练溪水环境",
        "tasks": ["river_works"],
        "campaign": True,
        "content": "先后来到练溪的水源头大茂坑村、石坑坪水库建设工地、路堰自然村养殖场、"
        "姚埠工业园区等地，实地察看现场，并听取情况介绍。",
        "findings": "养殖场污水直排、工业园区雨污混接、水库工地泥浆水外溢等问题。",
        "opinions": "对养殖污染限期整治；园区排查雨污管网；工地设沉淀池。",
        "opinions_sent_on": D(2024, 8, 22),
        "present": [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 12, 13],
        "leave": [5, 11],
        "absent": [],
        "staff": _OFFICE_STAFF,
        "others": 2,
    },  # 12 + 2 + 2 = 16人次
    {
        "key": "police_evaluation",
        "kind": OversightAction.Kind.EVALUATION,
        "title": "对镇公安派出所开展工作评议",
        "start_date": D(2024, 8, 20),
        "place": "镇公安派出所会议室",
        "unit": POLICE,
        "target": "镇公安派出所",
        "content": "召开座谈会听取派出所工作汇报，代表们对公安工作提出建议和意见，"
        "并对存在的问题进行评议。",
        "findings": "夜间集镇巡逻不足；电动车被盗案件破案率偏低。",
        "opinions": "增加集镇夜间巡逻频次，加强电动车防盗宣传和技防。",
        "opinions_sent_on": D(2024, 8, 28),
        "present": [1, 2, 3, 7, 9, 13, 16, 19, 22, 25, 28],
        "leave": [4],
        "absent": [],
        "staff": _OFFICE_STAFF,
        "others": 2,
    },  # 11 + 2 + 2 = 15人次
    {
        "key": "river_week",
        "kind": OversightAction.Kind.SURVEY,
        "title": "“关心母亲河溪”千人系列活动周：查找水污染源、清理河溪垃圾",
        "start_date": D(2024, 9, 2),
        "end_date": D(2024, 9, 8),
        "place": "练溪及各源头",
        "unit": ENVIRONMENT,
        "target": "练溪及各源头水污染源",
        "campaign": True,
        "content": "向村民发放公开信，广泛开展宣传活动，深入练溪及各个源头查找污染源，"
        "下到河溪现场清理垃圾。",
        "findings": "共查找出问题14个：养殖污水直排、生活污水入河、河道垃圾堆放等。",
        "opinions": "督促政府根据意见制订整改治理方案，提出整治目标，镇人大跟踪监督整改落实。",
        "opinions_sent_on": D(2024, 9, 13),
        "present": [0, 1, 2, 3, 4, *range(6, 31)],
        "leave": [5, 31, 32],
        "absent": [39],
        "staff": _CADRES,
        "others": 20,
    },  # 30 + 20 + 20 = 70人次; with the inspection, the campaign's 86人次
    {
        "key": "key_projects",
        "kind": OversightAction.Kind.SPECIAL_CHECK,
        "title": "中心镇重点项目推进情况专项督查",
        "start_date": D(2024, 9, 12),
        "place": "各重点项目现场、镇政府三楼会议室",
        "target": "中心镇重点工作和重点项目",
        "tasks": [key for key, *_ in KEY_PROJECTS],
        "content": "专门听取政府对重点工作和项目的情况汇报，察看项目现场。",
        "findings": "4个重点项目中3个按进度推进，集镇有机更新因征迁协商滞后。",
        "opinions": "成立征迁协调专班，倒排工期；重点项目进度每季度向主席团通报。",
        "opinions_sent_on": D(2024, 9, 20),
        "present": [0, 1, 2, 3, 4, 6, 7, 8, 10, 12],
        "leave": [5, 9],
        "absent": [],
        "staff": _OFFICE_STAFF,
        "others": 2,
        "key_project_reviews": True,
    },  # 10 + 2 + 2 = 14人次
    {
        "key": "three_one_check",
        "kind": OversightAction.Kind.SPECIAL_CHECK,
        "title": "“三改一拆”工作专项督查",
        "start_date": D(2024, 9, 25),
        "place": "五雷街、各行政村",
        "unit": BUILDING,
        "target": "“三改一拆”三年工作任务完成情况",
        "content": "察看五雷街拆违现场和各村旧房改造进展。",
        "findings": "五雷街两侧违章建筑及遮阴雨棚已全部拆除；个别村拆后土地利用滞后。",
        "opinions": "抓好拆后土地利用，防止违建回潮。",
        "opinions_sent_on": D(2024, 10, 8),
        "present": [0, 1, 2, 3, 6, 7, 8, 11],
        "leave": [4],
        "absent": [],
        "staff": _OFFICE_STAFF,
        "others": 2,
    },  # 8 + 2 + 2 = 12人次
    {
        "key": "three_one_survey",
        "kind": OversightAction.Kind.SURVEY,
        "title": "“三改一拆”存在问题专题调研",
        "start_date": D(2024, 9, 27),
        "place": "镇政府三楼会议室、路堰村、姚埠村",
        "unit": BUILDING,
        "target": "“三改一拆”中存在的问题",
        "content": "召开座谈会，走访拆违户，了解“三改一拆”中存在的问题。",
        "findings": "拆后复耕复绿资金不足；部分群众对拆违补偿标准有疑问。",
        "opinions": "统筹安排拆后利用资金，做好补偿政策解释工作。",
        "opinions_sent_on": D(2024, 10, 8),
        "present": [1, 2, 3, 7, 8, 11],
        "leave": [],
        "absent": [],
        "staff": ["王芳"],
        "others": 3,
    },  # 6 + 1 + 3 = 10人次
    {
        "key": "clean_villages",
        "kind": OversightAction.Kind.SPECIAL_CHECK,
        "title": "洁净乡村工作专项督查",
        "start_date": D(2024, 10, 16),
        "place": "各行政村",
        "unit": FARMING,
        "target": "洁净乡村、美化家园工作",
        "content": "随机抽查各村环境卫生和垃圾清运情况。",
        "findings": "部分村垃圾清运不及时，房前屋后堆放杂物。",
        "opinions": "建立村庄保洁考核机制，落实垃圾日产日清。",
        "opinions_sent_on": D(2024, 10, 23),
        "present": [0, 1, 2, 3, 6, 8, 10],
        "leave": [7],
        "absent": [],
        "staff": _OFFICE_STAFF,
        "others": 1,
    },  # 7 + 2 + 1 = 10人次
]


def _mark(action: OversightAction, row: dict, found: dict) -> None:
    """The roll of the day: those present, on leave and absent, if in office that day."""
    deputies, day = found["deputies"], action.activity.start_date
    on_roll = set(
        deputies_in_office_on(township=found["township"], day=day).values_list("pk", flat=True)
    )
    statuses = {}
    for status in ("present", "leave", "absent"):
        statuses.update({deputies[i].pk: status for i in row[status]})
    activity_set_attendance(
        activity=action.activity,
        statuses={pk: status for pk, status in statuses.items() if pk in on_roll},
        by=found["staff"],
    )


def seed(found: dict) -> None:
    township, staff, units = found["township"], found["staff"], found["units"]
    plan_item = found.get("plan_items", {}).get("oversight")
    tasks = government_tasks.create(found)
    # The plan's deputies item named the river campaign (四、切实加强代表工作).
    river = campaign_create(
        township=township,
        by=staff,
        plan_item=found.get("plan_items", {}).get("deputies"),
        **RIVER_CAMPAIGN,
    )
    actions = {}
    for row in ACTIONS:
        action = action_create(
            township=township,
            by=staff,
            data=ActionInput(
                kind=row["kind"],
                title=row["title"],
                start_date=row["start_date"],
                end_date=row.get("end_date"),
                place=row["place"],
                content=row["content"],
                campaign=river if row.get("campaign") else None,
                plan_item=plan_item,
                tasks=[tasks[key] for key in row.get("tasks", [])],
                unit=units[row["unit"]] if row.get("unit") else None,
                target=row["target"],
                findings=row["findings"],
                opinions=row["opinions"],
                opinions_sent_on=row["opinions_sent_on"],
                staff_names=row["staff"],
                other_participants=row["others"],
            ),
        )
        _mark(action, row, found)
        reviews = dict(row.get("reviews", {}))
        if row.get("mid_year"):
            reviews.update(
                {key: (progress, notes) for key, *_, progress, notes in PRACTICAL_PROJECTS}
            )
        if row.get("key_project_reviews"):
            reviews.update({key: (progress, notes) for key, *_, progress, notes in KEY_PROJECTS})
        stage = ProgressReview.Stage.MID_YEAR if row.get("mid_year") else ProgressReview.Stage.OTHER
        for key, (progress, notes) in reviews.items():
            review_record(
                task=tasks[key],
                by=staff,
                stage=stage,
                date=row["start_date"],
                progress=progress,
                notes=notes,
                action=action,
            )
        actions[row["key"]] = action
    found["actions"] = actions
    found["campaigns"] = {"river": river}
    found["tasks"] = tasks
