"""The township congress's letters and visits of 2024 (信访), by channel and category, most
concluded and one still being handled; and the demo staff account allowed to see who wrote
or visited (petitions.view_petitioner, granted by the county administrator as the township's
page does). Names and places are invented."""

import datetime

from congress.accounts.services import account_permissions_set
from congress.models import User
from congress.roles import Role
from petitions.models import Petition
from petitions.services import petition_move, petition_receive, petition_reply

D = datetime.date

# received, channel, name, contact, address, people, category, subject, content, unit,
# [(move, day, text)], [(direction, day, text)]
PETITIONS = [
    {
        "received_on": D(2024, 3, 12),
        "channel": "visit",
        "name": "周国平",
        "contact": "13857801234",
        "address": "大茂坑村下坑自然村",
        "people": 1,
        "category": "infrastructure",
        "subject": "下坑自然村通村道路破损",
        "content": "下坑自然村至村部道路路面破损严重，雨天积水，学生上学不便，请求修复。",
        "unit": "镇村镇建设办公室",
        "moves": [
            ("accept", D(2024, 3, 15), ""),
            ("conclude", D(2024, 5, 8), "已列入镇年度道路养护计划，5月上旬完成路面修补300米。"),
        ],
        "replies": [
            ("from_unit", D(2024, 5, 6), "路面修补工程已于5月6日完工，经村委会验收合格。"),
            ("to_person", D(2024, 5, 8), "电话告知来访人办理结果，来访人表示满意。"),
        ],
    },
    {
        "received_on": D(2024, 4, 2),
        "channel": "letter",
        "name": "吴秀英",
        "contact": "",
        "address": "路堰村12号",
        "people": 1,
        "category": "environment",
        "subject": "养殖场异味影响周边村民",
        "content": "路堰村东侧生猪养殖场异味大，夏季尤为严重，希望督促整改。",
        "unit": "镇生态环境办公室",
        "moves": [
            ("accept", D(2024, 4, 8), ""),
            ("conclude", D(2024, 6, 3), "养殖场已完成粪污处理设施改造，异味明显减轻。"),
        ],
        "replies": [
            ("from_unit", D(2024, 5, 30), "已督促养殖场改造粪污设施，并开展两次复查。"),
            ("to_person", D(2024, 6, 3), "书面答复来信人。"),
        ],
    },
    {
        "received_on": D(2024, 5, 20),
        "channel": "phone",
        "name": "陈建华",
        "contact": "13967805678",
        "address": "姚埠村",
        "people": 1,
        "category": "social",
        "subject": "高龄津贴未按时发放",
        "content": "来电反映其父年满80周岁，高龄津贴至今未发放。",
        "unit": "镇党政综合办公室",
        "moves": [
            ("accept", D(2024, 5, 21), ""),
            ("conclude", D(2024, 6, 14), "经核实系资料未及时录入，已补发3个月高龄津贴。"),
        ],
        "replies": [("to_person", D(2024, 6, 14), "电话答复，来电人表示满意。")],
    },
    {
        "received_on": D(2024, 7, 9),
        "channel": "visit",
        "name": "姚埠村村民代表",
        "contact": "13757809876",
        "address": "姚埠村",
        "people": 5,
        "category": "land",
        "subject": "宅基地审批进度",
        "content": "5户村民联名反映宅基地审批时间长，希望加快办理。",
        "unit": "镇农业农村办公室",
        "moves": [
            ("accept", D(2024, 7, 12), ""),
            ("conclude", D(2024, 9, 5), "5户宅基地审批已全部完成，后续建房纳入统一管理。"),
        ],
        "replies": [("to_person", D(2024, 9, 5), "当面答复来访群众代表。")],
    },
    {
        "received_on": D(2024, 9, 18),
        "channel": "online",
        "name": "刘晓东",
        "contact": "liuxd@example.com",
        "address": "",
        "people": 1,
        "category": "law",
        "subject": "邻里宅基地边界纠纷",
        "content": "与邻居因宅基地边界发生纠纷，已向法院起诉，希望人大关注。",
        "unit": None,
        "moves": [
            ("decline", D(2024, 9, 25), "已进入诉讼程序，依法不予受理，告知其通过诉讼途径解决。")
        ],
        "replies": [("to_person", D(2024, 9, 25), "网上答复，告知不予受理的理由和途径。")],
    },
    {
        "received_on": D(2024, 11, 26),
        "channel": "letter",
        "name": "郑丽萍",
        "contact": "13587801111",
        "address": "五雷街社区",
        "people": 1,
        "category": "infrastructure",
        "subject": "五雷街路灯损坏",
        "content": "五雷街南段多盏路灯损坏，夜间出行不安全。",
        "unit": "镇村镇建设办公室",
        "moves": [("accept", D(2024, 11, 28), "")],
        "replies": [("from_unit", D(2024, 12, 10), "已报修，待供电部门配合更换。")],
    },
]


def seed(found: dict) -> None:
    township, staff, units = found["township"], found["staff"], found["units"]
    # The county administrator grants it, at the township's written request, as in a real
    # township: no staff account may grant itself (or a colleague) what no role carries.
    county_admin = User.objects.filter(role=Role.COUNTY_ADMIN, is_active=True).order_by("pk")[0]
    account_permissions_set(
        by=county_admin,
        user=staff,
        granted={"petitions.view_petitioner"},
        reason="镇人大主席团书面申请：由人大办专人负责信访登记",
    )
    if Petition.objects.filter(township=township).exists():
        return
    for row in PETITIONS:
        petition = petition_receive(
            township=township,
            by=staff,
            received_on=row["received_on"],
            channel=row["channel"],
            name=row["name"],
            contact=row["contact"],
            address=row["address"],
            people=row["people"],
            category=row["category"],
            subject=row["subject"],
            content=row["content"],
            unit=units[row["unit"]] if row["unit"] else None,
        )
        for move, day, text in row["moves"]:
            petition_move(
                petition=petition,
                by=staff,
                move=move,
                on=day,
                note=text if move != "conclude" else "",
                result=text if move == "conclude" else "",
            )
        for direction, day, text in row["replies"]:
            petition_reply(petition=petition, by=staff, direction=direction, date=day, text=text)
