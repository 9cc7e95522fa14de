"""The demo year: what the apps can hold of the township's 2024 work report.

Data only; `seed_demo` writes it through the services. Names of people are invented.
"""

import datetime

TOWNSHIP = {"name": "练溪镇", "county": "遂昌县", "current_term": 18}

UNITS = [
    ("镇党政综合办公室", "office"),
    ("镇村镇建设办公室", "office"),
    ("镇农业农村办公室", "office"),
    ("镇生态环境办公室", "office"),
    ("镇综合行政执法队", "station"),
    ("镇财政所", "station"),
    ("镇公安派出所", "station"),
    ("大茂坑村村民委员会", "village"),
    ("路堰村村民委员会", "village"),
    ("姚埠村村民委员会", "village"),
    ("五雷街社区居民委员会", "village"),
]

CONSTITUENCIES = [f"第{n}选区" for n in "一二三四五六七八"]
GROUPS = ["集镇代表小组", "东片代表小组", "西片代表小组", "南片代表小组"]

_SURNAMES = "张王李刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
_GIVEN_MALE = ["卫国", "建华", "志强", "国平", "晓东", "德明", "永生", "金龙"]
_GIVEN_FEMALE = ["秀英", "丽萍", "红梅", "海燕", "春花", "玉兰", "桂芳", "雪梅"]


def _name(i: int) -> str:
    given = _GIVEN_FEMALE if i % 3 == 1 else _GIVEN_MALE
    return _SURNAMES[i % len(_SURNAMES)] + given[(i * 5) % len(given)]


_AFFILIATIONS = ["cpc"] * 6 + ["none"] * 3 + ["democratic_party"]
_OCCUPATIONS = [
    "village_cadre",
    "farmer",
    "enterprise",
    "official",
    "professional",
    "worker",
    "farmer",
    "village_cadre",
    "other",
    "enterprise",
]
_EDUCATIONS = ["bachelor", "college", "secondary", "junior", "college", "secondary"]

# 40 township deputies of the 18th term; the first 8 also hold a county seat (the report's
# "8位县镇两级人大代表").
DEPUTIES = [
    {
        "name": _name(i),
        "gender": "female" if i % 3 == 1 else "male",
        "birth_month": datetime.date(1960 + (i * 7) % 35, 1 + i % 12, 1),
        "affiliation": _AFFILIATIONS[i % len(_AFFILIATIONS)],
        "education": _EDUCATIONS[i % len(_EDUCATIONS)],
        "occupation": _OCCUPATIONS[i % len(_OCCUPATIONS)],
        "work_unit": f"{CONSTITUENCIES[i % len(CONSTITUENCIES)]}所在村",
        "phone": f"1395781{i:04d}",
        "address": f"练溪镇{CONSTITUENCIES[i % len(CONSTITUENCIES)]}{i + 1}号",
        "constituency": CONSTITUENCIES[i % len(CONSTITUENCIES)],
        "group": GROUPS[i % len(GROUPS)],
        "county": i < 8,
    }
    for i in range(40)
]
TERM_START = datetime.date(2021, 12, 30)
COUNTY_TERM = 17

SESSIONS = [
    {
        "term": 18,
        "number": 1,
        "start_date": datetime.date(2023, 1, 15),
        "end_date": datetime.date(2023, 1, 16),
        "venue": "镇政府三楼大会议室",
    },
    # 一、1月21日召开镇第xx届人民代表大会第二次会议
    {
        "term": 18,
        "number": 2,
        "start_date": datetime.date(2024, 1, 21),
        "end_date": datetime.date(2024, 1, 22),
        "venue": "镇政府三楼大会议室",
    },
]

# 一、大会听取和审议了政府工作报告、人大主席团工作报告及财政收支情况报告，通过了各项决议；
# 依法补选了镇人民政府镇长1名、副镇长2名，且全部满票。Keyed by (term, number).
SESSION_BUSINESS = {
    (18, 2): {
        "presidium": [0, 1, 2, 3, 4, 5, 6],
        "activities": ["人代会前走访联系选区选民、征询意见"],
        "agenda": [
            ("report", "政府工作报告", "代镇长 周志远", "审议通过"),
            ("report", "镇人大主席团工作报告", "镇人大主席 李建华", "审议通过"),
            (
                "report",
                "2023年财政收支情况和2024年财政预算安排的报告",
                "镇财政所所长 孙丽萍",
                "审议批准",
            ),
            ("election", "补选镇人民政府镇长、副镇长", "", "依法补选镇长1名、副镇长2名"),
        ],
        # Voted at the last sitting by every deputy present.
        "resolutions": [
            "关于政府工作报告的决议",
            "关于镇人大主席团工作报告的决议",
            "关于2023年财政收支情况和2024年财政预算安排的决议",
        ],
        "elections": [
            {"office": "head", "seats": 1, "candidates": ["周志远"]},
            {"office": "deputy_head", "seats": 2, "candidates": ["吴海燕", "郑国平"]},
        ],
    },
}

ASSIGNMENT_DAY = datetime.date(2024, 3, 25)  # 交办会
REGISTRATION_DAY = datetime.date(2024, 3, 18)
MEETING_PLACE = "镇政府三楼会议室"

# 五、二次会议期间代表提出的6件议案、建议和意见，其中1件确定为重点议案；3月25日召开交办会，
# 做到件件有答复、事事有回音。Each answered (category, text, who met the deputy, day) and rated
# (attitude, result) by its lead deputy, whose rating is the item's, and by each co-signer.
PROPOSALS = [
    {
        "deputy": 0,
        "cosigners": [1, 2, 3, 4],  # 议案：五名代表联名
        "kind": "motion",
        "is_key": True,
        "field": "城乡建设",
        "unit": "镇村镇建设办公室",
        "title": "关于集镇五雷街道路硬化及雨污管网改造工程的议案",
        "content": "五雷街是集镇主街，路面破损、雨污合流，雨季积水严重，群众多次反映。",
        "solution": "实施五雷街道路硬化，同步改造雨污管网，分段施工、保障通行。",
        "answer": (
            "A",
            "已列入集镇改造工程，道路硬化及雨污管网改造已于6月完工。",
            "赵志强",
            datetime.date(2024, 6, 20),
        ),
        "ratings": ("satisfied", "satisfied"),
        "published": True,
    },
    {
        "deputy": 0,
        "kind": "suggestion",
        "is_key": False,
        "field": "城乡建设",
        "unit": "镇村镇建设办公室",
        "title": "关于姚埠工业园区道路照明设施改造的建议",
        "content": "园区主干道路灯老化，夜间照明不足，存在交通安全隐患，建议更换节能路灯。",
        "answer": (
            "B",
            "已完成园区主干道路灯更换方案设计，预计年底前完成更换。",
            "赵志强",
            datetime.date(2024, 6, 12),
        ),
        "ratings": ("satisfied", "basic"),
    },
    {
        "deputy": 3,
        "kind": "suggestion",
        "is_key": False,
        "field": "生态环境",
        "unit": "镇生态环境办公室",
        "title": "关于加强练溪沿岸养殖污染治理的建议",
        "content": "路堰自然村养殖场污水直排练溪，建议督促建设治污设施并定期监测水质。",
        "answer": (
            "A",
            "已督促养殖场建成治污设施，每月开展水质监测。",
            "钱海燕",
            datetime.date(2024, 5, 30),
        ),
        "ratings": ("satisfied", "satisfied"),
    },
    {
        "deputy": 9,
        "kind": "suggestion",
        "is_key": False,
        "field": "农业农村",
        "unit": "镇农业农村办公室",
        "title": "关于石坑坪水库移民安置配套设施建设的建议",
        "content": "水库建设涉及移民安置，建议同步规划安置点的道路、供水和文化活动场所。",
        "answer": (
            "C",
            "已纳入移民安置点建设规划，随水库工程分期实施。",
            "孙国平",
            datetime.date(2024, 6, 18),
        ),
        "ratings": ("satisfied", "basic"),
    },
    {
        "deputy": 14,
        "kind": "suggestion",
        "is_key": False,
        "field": "生态环境",
        "unit": "镇生态环境办公室",
        "title": "关于完善农村垃圾分类收运体系的建议",
        "content": "部分村垃圾收运不及时，建议增设分类收集点并明确保洁责任。",
        "answer": (
            "A",
            "已在各村增设分类收集点42处，落实保洁员责任区。",
            "钱海燕",
            datetime.date(2024, 5, 28),
        ),
        "ratings": ("satisfied", "satisfied"),
    },
    {
        "deputy": 21,
        "kind": "suggestion",
        "is_key": False,
        "field": "社会事业",
        "unit": "镇党政综合办公室",
        "title": "关于增设大茂坑村至集镇客运班次的意见",
        "content": "大茂坑村距集镇较远，每日仅一班客车，群众出行不便，建议增加班次。",
        "answer": (
            "B",
            "已与县交通运输部门对接，拟于下半年增开一班。",
            "周丽萍",
            datetime.date(2024, 6, 24),
        ),
        "ratings": ("basic", "basic"),
    },
]

# Work in hand today, so that every demo account has something to do: a suggestion made between
# sessions, registered and assigned to the demo unit, not yet answered; and the demo deputy's
# draft. Dated relative to the day the demo is loaded, outside 2024 so the year's figures stay
# the report's.
CURRENT_PROPOSALS = [
    {
        "deputy": 0,
        "days_ago": 20,
        "kind": "suggestion",
        "field": "城乡建设",
        "unit": "镇村镇建设办公室",
        "title": "关于修缮五雷街老桥护栏的建议",
        "content": "老桥护栏锈蚀松动，学生上下学经过，存在安全隐患，建议尽快修缮。",
    },
]
DEMO_DRAFT = {
    "deputy": 0,
    "kind": "suggestion",
    "title": "关于在集镇增设公共停车位的建议",
    "content": "集镇逢集日车辆乱停，建议利用闲置地块增设公共停车位。",
}

DEMO_PASSWORD = "renda2024"
# username, role, full name, unit name (for the unit user), deputy index (for the deputy user)
ACCOUNTS = [
    ("staff", "staff", "王芳（人大办）", None, None),
    ("member", "member", "李建华（主席团成员）", None, None),
    ("deputy", "deputy", None, None, 0),
    ("unit", "unit", "赵志强（村镇建设办）", "镇村镇建设办公室", None),
    ("county", "county", "县人大常委会联络室", None, None),
    ("countyadmin", "county_admin", "县人大常委会办公室（系统管理）", None, None),
]

# Session attendance: deputy indexes on approved leave or absent without leave.
# Deputy 39 stayed away from both sessions of the term: the Art 62 warning shows for them.
SESSION_ABSENCES = {
    (18, 1): {"leave": [5, 17], "absent": [39]},
    (18, 2): {"leave": [11, 23, 30], "absent": [39]},
}

# 二、三、六：学习培训、会前走访、征求意见、代表作表率. The inspections, special checks and the
# river campaign's actions are oversight actions (demo/oversight/actions.py), each owning its
# deputies' activity, so that nothing is counted twice.
# present: deputy indexes; others: non-deputy participants (镇机关干部、村民)
ACTIVITIES = [
    {
        "kind": "pre_session",
        "title": "人代会前走访联系选区选民、征询意见",
        "start_date": datetime.date(2024, 1, 8),
        "end_date": datetime.date(2024, 1, 15),
        "place": "各选区",
        "organiser": "镇人大主席团",
        "present": list(range(0, 40, 2)),
        "others": 0,
    },
    {
        "kind": "training",
        "title": "学习党的全会公报、传达会议精神",
        "start_date": datetime.date(2024, 2, 27),
        "place": "镇政府三楼会议室",
        "organiser": "镇人大主席团",
        "present": list(range(0, 36)),
        "others": 4,
    },
    {
        "kind": "forum",
        "title": "镇区控制性详细规划编制征求意见会",
        "start_date": datetime.date(2024, 3, 12),
        "place": "镇政府三楼会议室",
        "organiser": "镇人大主席团",
        "present": list(range(0, 40, 3)),
        "others": 12,
    },
    {
        "kind": "other",
        "title": "“三改一拆”代表作表率活动",
        "start_date": datetime.date(2024, 4, 25),
        "place": "五雷街",
        "organiser": "镇人大主席团",
        "present": list(range(0, 8)),
        "others": 0,
    },
    {
        "kind": "training",
        "title": "人民代表大会制度及建议写作专题培训",
        "start_date": datetime.date(2024, 6, 14),
        "place": "镇政府三楼会议室",
        "organiser": "镇人大主席团",
        "present": list(range(2, 40)),
        "others": 0,
    },
    {
        "kind": "training",
        "title": "学习《宪法》《代表法》",
        "start_date": datetime.date(2024, 11, 6),
        "place": "镇政府三楼会议室",
        "organiser": "镇人大主席团",
        "present": list(range(0, 38)),
        "others": 0,
    },
]

# 主席团成员联系代表 (the member account keeps contact with these deputy indexes)
LIAISON_DEPUTIES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
LIAISON_CONTACTS = [
    (0, datetime.date(2024, 3, 5), "交流五雷街道路改造议案的办理进展。"),
    (3, datetime.date(2024, 6, 20), "听取练溪沿岸养殖污染情况的反映。"),
    (9, datetime.date(2024, 10, 9), "走访代表，了解石坑坪水库移民安置诉求。"),
]

# 代表联系选民 (deputy index, date, voters, count, what was raised)
VOTER_CONTACTS = [
    (0, datetime.date(2024, 1, 10), "五雷街沿街商户", 12, "五雷街雨季积水，希望尽快改造雨污管网。"),
    (0, datetime.date(2024, 7, 2), "第一选区村民", 8, "村口道路夜间无路灯，出行不便。"),
    (3, datetime.date(2024, 5, 16), "路堰自然村村民", 15, "养殖场异味大，污水流入练溪。"),
]

# 述职评议 (deputy index, date, place, voters attending, rating)
REPORTS_TO_VOTERS = [
    (0, datetime.date(2024, 12, 10), "第一选区村委会", 45, "excellent"),
    (1, datetime.date(2024, 12, 11), "第二选区村委会", 38, "good"),
]
