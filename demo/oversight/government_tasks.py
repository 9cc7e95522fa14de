"""The government's tasks of 2024 (section 四 of the report): the town government's ten
practical projects (10件实事) and the central town's key projects, each with its unit, its
leader and the progress the oversight actions found (`actions` records the reviews).
"""

import datetime

from oversight.models import GovernmentTask, ProgressReview
from oversight.services.actions import task_create

D = datetime.date
PRACTICAL, KEY_PROJECT = GovernmentTask.Kind.PRACTICAL, GovernmentTask.Kind.KEY_PROJECT
DONE, ON_TRACK, BEHIND = (
    ProgressReview.Progress.DONE,
    ProgressReview.Progress.ON_TRACK,
    ProgressReview.Progress.BEHIND,
)
HEAD, DEPUTY_HEAD_WU, DEPUTY_HEAD_ZHENG = "镇长 周志远", "副镇长 吴海燕", "副镇长 郑国平"
BUILDING, FARMING, ENVIRONMENT = "镇村镇建设办公室", "镇农业农村办公室", "镇生态环境办公室"
OFFICE, FINANCE, POLICE = "镇党政综合办公室", "镇财政所", "镇公安派出所"

# 四、镇政府10件实事 (key, title, unit, leader, mid-year progress, notes)
PRACTICAL_PROJECTS = [
    (
        "wulei_street",
        "五雷街道路硬化及雨污管网改造",
        BUILDING,
        DEPUTY_HEAD_ZHENG,
        ON_TRACK,
        "路面硬化完成六成，雨污分流管网铺设过半。",
    ),
    (
        "drinking_water",
        "农村饮用水提标改造工程",
        FARMING,
        DEPUTY_HEAD_WU,
        DONE,
        "8个行政村供水站改造完成并通水。",
    ),
    (
        "market",
        "集镇农贸市场提升改造",
        BUILDING,
        DEPUTY_HEAD_ZHENG,
        BEHIND,
        "摊位招租调整未完成，主体改造推迟开工。",
    ),
    (
        "river_sewage",
        "练溪沿线村庄生活污水治理",
        ENVIRONMENT,
        DEPUTY_HEAD_WU,
        ON_TRACK,
        "完成4个村的管网铺设，终端设施在建。",
    ),
    (
        "elderly_care",
        "村级居家养老服务照料中心建设",
        OFFICE,
        DEPUTY_HEAD_WU,
        ON_TRACK,
        "3个照料中心已投入使用，2个在装修。",
    ),
    (
        "street_lights",
        "集镇及主要村道路灯亮化工程",
        BUILDING,
        DEPUTY_HEAD_ZHENG,
        DONE,
        "新装路灯320盏，已全部亮灯。",
    ),
    (
        "road_safety",
        "农村公路安全生命防护工程",
        BUILDING,
        DEPUTY_HEAD_ZHENG,
        ON_TRACK,
        "护栏安装完成计划的55%。",
    ),
    (
        "school_repair",
        "中小学校舍维修改造",
        OFFICE,
        DEPUTY_HEAD_WU,
        ON_TRACK,
        "利用暑期施工，开学前完工。",
    ),
    (
        "waste_sorting",
        "垃圾分类收集处理设施建设",
        ENVIRONMENT,
        DEPUTY_HEAD_WU,
        BEHIND,
        "资源化处理站选址尚未落实。",
    ),
    ("relief", "困难群众帮扶救助", FINANCE, HEAD, ON_TRACK, "上半年发放救助资金按进度到位。"),
]

# 四、中心镇重点项目 (key, title, unit, leader, progress on 12 September, notes)
KEY_PROJECTS = [
    (
        "reservoir_project",
        "省重点工程石坑坪水库建设",
        BUILDING,
        HEAD,
        ON_TRACK,
        "大坝主体浇筑按计划推进，移民安置进入第二批。",
    ),
    (
        "industrial_park",
        "姚埠工业园区基础设施建设",
        BUILDING,
        DEPUTY_HEAD_ZHENG,
        ON_TRACK,
        "园区道路完工，污水管网接入练溪污水处理厂在建。",
    ),
    (
        "town_renewal",
        "中心镇集镇有机更新",
        BUILDING,
        DEPUTY_HEAD_ZHENG,
        BEHIND,
        "沿街立面改造因征迁协商进度滞后。",
    ),
    (
        "river_works",
        "练溪综合治理工程",
        ENVIRONMENT,
        DEPUTY_HEAD_WU,
        ON_TRACK,
        "清淤及生态护岸完成二期。",
    ),
]


def create(found: dict) -> dict[str, GovernmentTask]:
    """The tasks, by key, numbered in their list's order."""
    township, staff, units = found["township"], found["staff"], found["units"]
    tasks = {}
    for kind, rows in ((PRACTICAL, PRACTICAL_PROJECTS), (KEY_PROJECT, KEY_PROJECTS)):
        for number, (key, title, unit, leader, _progress, _notes) in enumerate(rows, start=1):
            tasks[key] = task_create(
                township=township,
                by=staff,
                year=2024,
                kind=kind,
                number=number,
                title=title,
                unit=units[unit],
                leader=leader,
            )
    return tasks
