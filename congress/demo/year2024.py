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
_GIVEN = [
    "卫国",
    "秀英",
    "建华",
    "丽萍",
    "志强",
    "红梅",
    "海燕",
    "国平",
    "春花",
    "晓东",
    "玉兰",
    "德明",
    "桂芳",
    "永生",
    "雪梅",
    "金龙",
]

# 40 township deputies; the first 8 are also county deputies (the report's "8位县镇两级人大代表").
DEPUTIES = [
    {
        "name": _SURNAMES[i % len(_SURNAMES)] + _GIVEN[(i * 7) % len(_GIVEN)],
        "level": "county" if i < 8 else "township",
        "constituency": CONSTITUENCIES[i % len(CONSTITUENCIES)],
        "group": GROUPS[i % len(GROUPS)],
    }
    for i in range(40)
]

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

ASSIGNMENT_DAY = datetime.date(2024, 3, 25)  # 交办会

# 五、二次会议期间代表提出的6件议案、建议和意见，其中1件确定为重点议案
PROPOSALS = [
    {
        "deputy": 0,
        "kind": "motion",
        "is_key": True,
        "unit": "镇村镇建设办公室",
        "title": "关于集镇五雷街道路硬化及雨污管网改造工程的议案",
        "content": "五雷街是集镇主街，路面破损、雨污合流，雨季积水严重，群众多次反映。"
        "建议实施道路硬化并同步改造雨污管网。",
    },
    {
        "deputy": 0,
        "kind": "suggestion",
        "is_key": False,
        "unit": "镇村镇建设办公室",
        "title": "关于姚埠工业园区道路照明设施改造的建议",
        "content": "园区主干道路灯老化，夜间照明不足，存在交通安全隐患，建议更换节能路灯。",
    },
    {
        "deputy": 3,
        "kind": "suggestion",
        "is_key": False,
        "unit": "镇生态环境办公室",
        "title": "关于加强练溪沿岸养殖污染治理的建议",
        "content": "路堰自然村养殖场污水直排练溪，建议督促建设治污设施并定期监测水质。",
    },
    {
        "deputy": 9,
        "kind": "suggestion",
        "is_key": False,
        "unit": "镇农业农村办公室",
        "title": "关于石坑坪水库移民安置配套设施建设的建议",
        "content": "水库建设涉及移民安置，建议同步规划安置点的道路、供水和文化活动场所。",
    },
    {
        "deputy": 14,
        "kind": "suggestion",
        "is_key": False,
        "unit": "镇生态环境办公室",
        "title": "关于完善农村垃圾分类收运体系的建议",
        "content": "部分村垃圾收运不及时，建议增设分类收集点并明确保洁责任。",
    },
    {
        "deputy": 21,
        "kind": "opinion",
        "is_key": False,
        "unit": "镇党政综合办公室",
        "title": "关于增设大茂坑村至集镇客运班次的意见",
        "content": "大茂坑村距集镇较远，每日仅一班客车，群众出行不便，建议增加班次。",
    },
]

# 二、三、四、七、九：学习视察、征求意见、专项督查、评议
INSPECTIONS = [
    {
        "kind": "consultation",
        "date": datetime.date(2024, 3, 12),
        "participants": 26,
        "subject": "镇区控制性详细规划编制征求意见会",
    },
    {
        "kind": "inspection",
        "date": datetime.date(2024, 4, 18),
        "participants": 18,
        "subject": "视察省重点工程石坑坪水库",
    },
    {
        "kind": "special_check",
        "date": datetime.date(2024, 7, 10),
        "participants": 12,
        "subject": "镇政府10件实事实施情况半年督查",
    },
    {
        "kind": "special_check",
        "date": datetime.date(2024, 8, 6),
        "participants": 8,
        "subject": "镇干部住村联心工作在镇住夜情况督查",
    },
    {
        "kind": "review",
        "date": datetime.date(2024, 8, 20),
        "participants": 15,
        "subject": "对公安派出所开展工作评议",
    },
    {
        "kind": "inspection",
        "date": datetime.date(2024, 8, 15),
        "participants": 22,
        "subject": "“关心母亲河溪”练溪视察",
    },
    {
        "kind": "survey",
        "date": datetime.date(2024, 9, 2),
        "participants": 86,
        "subject": "“关心母亲河溪”活动周：查找水污染源（查找问题14个）",
    },
    {
        "kind": "special_check",
        "date": datetime.date(2024, 9, 12),
        "participants": 14,
        "subject": "中心镇重点项目推进情况专项督查",
    },
    {
        "kind": "special_check",
        "date": datetime.date(2024, 9, 25),
        "participants": 12,
        "subject": "“三改一拆”工作专项督查",
    },
    {
        "kind": "special_check",
        "date": datetime.date(2024, 10, 16),
        "participants": 10,
        "subject": "洁净乡村工作专项督查",
    },
]

DEMO_PASSWORD = "renda2024"
# username, role, full name, unit name (for the unit user), deputy index (for the deputy user)
ACCOUNTS = [
    ("staff", "staff", "王芳（人大办）", None, None),
    ("member", "member", "李建华（主席团成员）", None, None),
    ("deputy", "deputy", None, None, 0),
    ("unit", "unit", "赵志强（村镇建设办）", "镇村镇建设办公室", None),
    ("county", "county", "县人大常委会联络室", None, None),
]
