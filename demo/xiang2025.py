"""The demo's second township: 桃源乡, a 乡 of the same county, small, with its own accounts
and a 2025 whose work report is still a draft (so its pages open on 2025, the year being
reported). Everything it prints says 乡, 乡长, 乡人民政府, 我乡: congress.wording.

Data only, in the shape of demo/year2024.py; `seed_demo` writes it through the services.
Names of people and places are invented.
"""

import datetime

TOWNSHIP = {"name": "桃源乡", "kind": "xiang", "county": "遂昌县", "current_term": 18}

UNITS = [
    ("乡党政综合办公室", "office"),
    ("乡农业综合服务中心", "station"),
    ("乡财政所", "station"),
    ("石门村村民委员会", "village"),
    ("岭头村村民委员会", "village"),
]

CONSTITUENCIES = ["第一选区", "第二选区", "第三选区", "第四选区"]
GROUPS = ["石门代表小组", "岭头代表小组", "溪口代表小组"]

_PEOPLE = [
    ("丁文华", "male"),
    ("马春燕", "female"),
    ("王志刚", "male"),
    ("叶小琴", "female"),
    ("刘建军", "male"),
    ("朱丽华", "female"),
    ("吴国庆", "male"),
    ("何美玲", "female"),
    ("沈立新", "male"),
    ("林秀珍", "female"),
    ("郑光明", "male"),
    ("蓝玉凤", "female"),
]

# 12 deputies of the 18th term in three groups; the first two also hold a county seat.
DEPUTIES = [
    {
        "name": name,
        "gender": gender,
        "birth_month": datetime.date(1965 + (i * 3) % 25, 1 + i % 12, 1),
        "affiliation": "cpc" if i % 3 else "none",
        "education": "college" if i % 2 else "secondary",
        "occupation": "village_cadre" if i % 4 == 0 else "farmer",
        "work_unit": f"{CONSTITUENCIES[i % 4]}所在村",
        "phone": f"1385781{i:04d}",
        "address": f"桃源乡{CONSTITUENCIES[i % 4]}{i + 1}号",
        "constituency": CONSTITUENCIES[i % 4],
        "group": GROUPS[i % 3],
        "county": i < 2,
    }
    for i, (name, gender) in enumerate(_PEOPLE)
]
TERM_START = datetime.date(2021, 12, 28)
COUNTY_TERM = 17

SESSIONS = [
    {
        "term": 18,
        "number": 1,
        "start_date": datetime.date(2025, 2, 18),
        "end_date": datetime.date(2025, 2, 18),
        "venue": "乡政府二楼会议室",
    },
]

SESSION_BUSINESS = {
    (18, 1): {
        "presidium": [0, 2, 4, 6, 8],
        "activities": [],
        "agenda": [
            ("report", "政府工作报告", "乡长 陈永明", "审议通过"),
            ("report", "乡人大主席团工作报告", "乡人大主席 丁文华", "审议通过"),
            (
                "report",
                "2024年财政收支情况和2025年财政预算安排的报告",
                "乡财政所所长 朱丽华",
                "审议批准",
            ),
            ("election", "补选乡人民政府副乡长", "", "依法补选副乡长1名"),
        ],
        "resolutions": [
            "关于政府工作报告的决议",
            "关于乡人大主席团工作报告的决议",
            "关于2024年财政收支情况和2025年财政预算安排的决议",
        ],
        "elections": [{"office": "deputy_head", "seats": 1, "candidates": ["何美玲"]}],
    },
}
SESSION_ABSENCES = {(18, 1): {"leave": [11], "absent": []}}

ASSIGNMENT_DAY = datetime.date(2025, 3, 12)  # 交办会
REGISTRATION_DAY = datetime.date(2025, 3, 5)
MEETING_PLACE = "乡政府二楼会议室"

# Four suggestions of the session, assigned at the 12 March meeting (one key), answered A, A,
# B, C and rated by their lead deputies.
PROPOSALS = [
    {
        "deputy": 0,
        "cosigners": [1],
        "kind": "suggestion",
        "is_key": True,
        "field": "农业农村",
        "unit": "乡农业综合服务中心",
        "title": "关于修复岭头村高山蔬菜基地灌溉渠的建议",
        "content": "岭头村蔬菜基地灌溉渠多处坍塌，旱季无法引水，建议尽快修复。",
        "answer": (
            "A",
            "灌溉渠修复工程已于5月完工，可满足基地用水。",
            "吴国庆",
            datetime.date(2025, 5, 20),
        ),
        "ratings": ("satisfied", "satisfied"),
    },
    {
        "deputy": 2,
        "kind": "suggestion",
        "is_key": False,
        "field": "社会事业",
        "unit": "乡党政综合办公室",
        "title": "关于增设石门村老年食堂的建议",
        "content": "石门村独居老人较多，就餐不便，建议利用村委会闲置用房开设老年食堂。",
        "answer": (
            "A",
            "老年食堂已于6月开餐，每日供应午餐。",
            "沈立新",
            datetime.date(2025, 6, 10),
        ),
        "ratings": ("satisfied", "satisfied"),
    },
    {
        "deputy": 4,
        "kind": "suggestion",
        "is_key": False,
        "field": "城乡建设",
        "unit": "岭头村村民委员会",
        "title": "关于硬化岭头至溪口机耕路的建议",
        "content": "岭头至溪口机耕路为泥路，雨天无法通行，建议硬化。",
        "answer": (
            "B",
            "已列入下年度村道硬化计划，资金正在落实。",
            "郑光明",
            datetime.date(2025, 7, 2),
        ),
        "ratings": ("basic", "basic"),
    },
    {
        "deputy": 6,
        "kind": "suggestion",
        "is_key": False,
        "field": "经济发展",
        "unit": "乡财政所",
        "title": "关于扶持高山茶叶合作社发展的建议",
        "content": "茶叶合作社缺少加工设备，建议给予设备购置补助。",
        "answer": (
            "C",
            "受财力所限，今年暂无专项资金，已向县有关部门争取。",
            "朱丽华",
            datetime.date(2025, 7, 15),
        ),
        "ratings": ("satisfied", "basic"),
    },
]

ACTIVITIES = [
    {
        "kind": "training",
        "title": "代表履职能力培训",
        "start_date": datetime.date(2025, 4, 10),
        "place": "乡政府二楼会议室",
        "organiser": "乡人大主席团",
        "present": list(range(0, 11)),
        "others": 2,
    },
]
LIAISON_DEPUTIES = [0, 1, 2, 3]
LIAISON_CONTACTS = [(1, datetime.date(2025, 4, 2), "了解岭头村灌溉渠修复进展。")]
VOTER_CONTACTS = [(0, datetime.date(2025, 1, 20), "岭头村村民", 9, "灌溉渠坍塌，旱季无水。")]
REPORTS_TO_VOTERS = []

DEMO_PASSWORD = "renda2024"
# username, role, full name, unit name, deputy index
ACCOUNTS = [
    ("xstaff", "staff", "蓝晓芸（乡人大办）", None, None),
    ("xmember", "member", "丁文华（主席团成员）", None, None),
    ("xdeputy", "deputy", None, None, 2),
    ("xunit", "unit", "吴国庆（农业综合服务中心）", "乡农业综合服务中心", None),
]

# The year its work report is being written for: drafted, not yet final.
REPORT_YEAR = 2025
