"""The demo year's plans, election supervision and publicity.

- The 2024 work plan, as the presidium wrote it at the end of 2023 (invented in the spirit of
  the report's plan section); the actions of the year link its items (found["plan_items"]).
- The next year's plan: the report's "2024年人大工作思路", items 一 to 八, entered as the plan
  for 2025 (the year it is written for), its ** and xx filled in for 练溪镇.
- 八、助力村级组织换届: presidium members observing voter registration, nomination and voting
  in each village and the community, with the two issues they found.
- 九、三: 19 articles sent to the county congress information net, 12 used by the county
  site, 1 by the city site. The city site's one was picked up from the county site, so it
  is one of the 12: the year counts 12 articles published, county site 12, city site 1.

Each record is looked up before it is made, so running the seed again adds nothing.
"""

import datetime

from oversight.models import ElectionObservation, PlanItem
from oversight.services.elections import observation_create
from oversight.services.plans import plan_item_create
from publicity.models import Article
from publicity.services import PublicationEntry, article_create

D = datetime.date

# key (for the actions that carry the item out), title, text
PLAN_2024 = [
    (
        "party",
        "坚持党的领导，围绕党委中心开展工作",
        "紧紧围绕镇党委“和谐创业、统筹发展”的工作目标，保证主席团的履职与镇党委决策同心、同向、同步。",
    ),
    (
        "sessions",
        "周密部署，依法开好镇人代会",
        "认真做好镇第十八届人民代表大会第二次会议的各项筹备工作，组织代表开展会前走访和视察，"
        "听取和审议政府工作报告、主席团工作报告和财政收支情况报告，依法补选镇人民政府领导人员。",
    ),
    (
        "oversight",
        "注重实效，加大工作监督力度",
        "督促政府将政府工作报告目标任务分解落实到责任单位和责任人；对十件民生实事开展半年督查，"
        "对中心镇重点项目、“三改一拆”、洁净乡村开展专项督查；组织代表视察省重点工程石坑坪水库；"
        "根据县人大的要求对驻镇站所开展工作评议。",
    ),
    (
        "deputies",
        "切实加强代表工作",
        "深入开展代表学习培训，坚持主席团成员联系代表、代表联系选民制度；"
        "开展“关心母亲河溪，查找水污染源，恪尽代表职责”主题活动和“三改一拆”代表作表率活动。",
    ),
    (
        "petitions",
        "做好信访工作，维护群众合法权益",
        "完善人大信访工作机制，切实做好群众来信来访的受理和办理，为主席团的监督工作提供信息。",
    ),
    (
        "proposals",
        "认真做好代表建议的督促办理工作",
        "做好镇十八届人大二次会议期间代表提出的议案、建议和意见的交办，"
        "按期督促承办单位办理答复，回访代表听取办理意见，确定重点建议跟踪督办。",
    ),
    (
        "self",
        "加强主席团自身建设",
        "完善主席团议事规则和各项工作制度，依法监督村级组织换届选举，"
        "积极向县人大信息网投稿，做好人大宣传工作。",
    ),
]

# The report's "2024年人大工作思路", 一 to 八, as the plan for the next year.
PLAN_NEXT = [
    (
        "坚持党的领导，围绕党委中心开展工作",
        "认真学习贯彻党的二十届三中全会精神，深刻体会精神实质，认真实施“和谐创业、统筹发展，"
        "全面建设宜居宜业宜游的县域副中心城镇”的工作目标，紧紧围绕实现发展目标，完成中心任务开展工作，"
        "保证人大主席团的履职与镇党委决策在思想上同心，工作上同向，行动上同步。",
    ),
    (
        "周密部署，依法召开镇人代会",
        "认真安排并做好镇十八届人大三次会议的各项筹备工作，依法补选缺额的人大代表。"
        "积极组织镇人大代表开展会前视察和报告的征求意见工作。开好镇第十八届人民代表大会第三次会议。"
        "认真听取和审议政府工作报告、人大主席团工作报告和财政收支情况工作报告，通过大会各项决议。",
    ),
    (
        "认真听取政府工作汇报和专项工作报告",
        "按照镇十八届人大三次会议通过政府工作报告和大会有关决议抓好政府工作目标、任务的落实分解督促检查工作。"
        "适时听取镇政府工作和专项工作的汇报。",
    ),
    (
        "注重实效，继续加大监督力度",
        "紧紧围绕增强监督实效这一中心环节，开展有力度、有深度、有成效的监督。"
        "一是做好对全镇经济和社会运行情况的监督，促进各项工作正常开展和全镇经济社会平稳运行。"
        "二是做好对民生工程的监督。民生工程与群众切身利益息息相关，要继续在全镇范围内加大对项目工程实施情况的专项检查力度。"
        "三是做好对本镇一些重点问题和人民群众关注的热点、难点问题进行调研。"
        "四是做好对重点项目和重点工程进行视察。五是根据县人大的要求对镇属重点部门进行工作评议。",
    ),
    (
        "切实加强代表工作",
        "坚持以学理论、学法律、学科技相结合的办法，深入开展代表学习培训工作，打造“学习型”代表队伍，"
        "提高代表的政治素质和履职能力。进一步规范代表行为建设，规范合理引导代表依法履职，加强联系，"
        "坚持人大主席团成员联系代表，代表联系选民制度。开展走访代表活动，认真听取代表意见，"
        "关心人民群众的生产生活情况，充分发挥代表的桥梁纽带作用。继续开展“关心母亲河溪，查找水污染源，"
        "恪尽代表职责”主体活动和“洁净乡村，美化家园”活动。同时，按照要求组织开展人大代表述职评议活动。",
    ),
    (
        "做好信访工作，维护群众合法权益",
        "要把人大信访工作作为密切联系人民群众的桥梁和了解社情民意的“窗口”，进一步完善信访工作机制，"
        "强化工作责任制，切实做好人民群众来信来访的受理和办理工作，通过对来信来访的综合分析，"
        "为人大主席团的监督工作提供重要信息。",
    ),
    (
        "认真做好代表议案的督促办理工作",
        "做好镇十八届人大三次会议期间代表提出的议案、建议、意见交办工作。"
        "按照规定期限及时督促镇政府和政府职能部门办理好人大代表议案、建议、意见办理答复工作。"
        "加强与代表、承办单位之间的沟通联系，增强办理工作透明度，完善跟踪督办落实制度和回访代表听取办理意见的做法，"
        "不断提高办理质量。",
    ),
    (
        "加强镇人大主席团的自身建设",
        "进一步发挥主席团成员的整体功能作用，全面完善人大的各项制度，做好各项制度规范化和常态化建设，"
        "加强学习，勇于实践，做强做大自身，打造人大组织坚硬素质，努力使镇人大工作与时俱进，"
        "适应新时代新背景下的履职，夯实工作基础。自觉接受代表监督，改进主席团成员工作作风，"
        "实现高质高效，开创练溪人大工作新局面。",
    ),
]

VILLAGES = ["大茂坑村村民委员会", "路堰村村民委员会", "姚埠村村民委员会", "五雷街社区居民委员会"]
# Stage and its day in each village, in the order of VILLAGES.
ELECTION_DAYS = {
    "registration": [D(2024, 10, 8), D(2024, 10, 9), D(2024, 10, 10), D(2024, 10, 11)],
    "nomination": [D(2024, 10, 21), D(2024, 10, 22), D(2024, 10, 23), D(2024, 10, 24)],
    "voting": [D(2024, 11, 5), D(2024, 11, 6), D(2024, 11, 7), D(2024, 11, 8)],
}
# Two presidium members (deputy indexes; the session's presidium is 0-6) per village.
ELECTION_OBSERVERS = [(0, 1), (2, 3), (4, 5), (6, 0)]
ELECTION_ISSUES = {
    ("路堰村村民委员会", "registration"): (
        "外出务工人员的选民登记告知不到位，3户未收到登记通知。",
        "当场督促村选举委员会电话逐户告知并补登，登记期满前已补齐。",
    ),
    ("姚埠村村民委员会", "voting"): (
        "流动票箱投票时监票人员只有1人，不符合监票要求。",
        "当场督促村选举委员会补派监票人员，流动票箱由2名监票人员陪同后继续投票。",
    ),
}

# Submitted to the county congress information net: day, title, (county site, city site).
ARTICLES = [
    (D(2024, 1, 23), "练溪镇召开第十八届人民代表大会第二次会议", (D(2024, 1, 25), None)),
    (D(2024, 1, 24), "练溪镇依法补选镇长、副镇长", (D(2024, 1, 26), None)),
    (D(2024, 3, 12), "练溪镇人大组织代表学习全国两会精神", (None, None)),
    (D(2024, 3, 20), "练溪镇人大召开镇区控制性详细规划征求意见会", (D(2024, 3, 22), None)),
    (D(2024, 3, 27), "练溪镇召开代表建议交办会 6件建议逐件交办", (D(2024, 3, 29), None)),
    (D(2024, 4, 19), "练溪镇人大代表视察省重点工程石坑坪水库", (D(2024, 4, 22), None)),
    (D(2024, 4, 26), "练溪镇开展“三改一拆”代表作表率活动", (None, None)),
    (D(2024, 5, 10), "8位县镇人大代表带头拆除自家违章雨棚", (D(2024, 5, 13), None)),
    (D(2024, 5, 28), "练溪镇人大开展代表履职培训", (None, None)),
    (D(2024, 7, 5), "练溪镇启动“关心母亲河溪”主题活动", (D(2024, 7, 8), None)),
    (D(2024, 7, 16), "练溪镇人大对十件民生实事开展半年督查", (None, None)),
    (D(2024, 8, 16), "县镇人大代表视察母亲河练溪", (D(2024, 8, 19), None)),
    (D(2024, 8, 23), "练溪镇人大组织代表评议镇公安派出所", (None, None)),
    (D(2024, 8, 30), "练溪镇人大督查干部住村联心住夜情况", (None, None)),
    (
        D(2024, 9, 9),
        "“关心母亲河溪”活动周：代表干部86人次查找污染源",
        (D(2024, 9, 11), D(2024, 9, 20)),
    ),
    (D(2024, 9, 23), "练溪镇人大专项督查中心镇重点项目推进情况", (D(2024, 9, 25), None)),
    (D(2024, 9, 27), "练溪镇人大开展“三改一拆”专项督查", (None, None)),
    (D(2024, 10, 18), "练溪镇人大专项督查洁净乡村工作", (D(2024, 10, 21), None)),
    (D(2024, 11, 12), "练溪镇人大全程监督村委会换届选举", (D(2024, 11, 14), None)),
]
ARTICLE_AUTHOR = "镇人大办 王芳"
ARTICLE_SUBMITTED_TO = "县人大信息网"


def _plan_item(township, year: int, title: str, text: str) -> PlanItem:
    existing = PlanItem.objects.filter(township=township, year=year, title=title).first()
    return existing or plan_item_create(township=township, year=year, title=title, text=text)


def _plans(found: dict) -> None:
    township = found["township"]
    found["plan_items"] = {
        key: _plan_item(township, 2024, title, text) for key, title, text in PLAN_2024
    }
    found["next_plan_items"] = [
        _plan_item(township, 2025, title, text) for title, text in PLAN_NEXT
    ]


def _elections(found: dict) -> None:
    township, deputies, units = found["township"], found["deputies"], found["units"]
    for n, name in enumerate(VILLAGES):
        village = units[name]
        for stage, days in ELECTION_DAYS.items():
            day = days[n]
            if ElectionObservation.objects.filter(
                township=township, village=village, stage=stage, date=day
            ).exists():
                continue
            issues, notes = ELECTION_ISSUES.get((name, stage), ("", ""))
            observation_create(
                township=township,
                village=village,
                stage=stage,
                date=day,
                observers=[deputies[i] for i in ELECTION_OBSERVERS[n]],
                other_observers="镇人大办 王芳" if stage == "voting" else "",
                issues=issues,
                notes=notes,
            )


def _articles(found: dict) -> None:
    township = found["township"]
    for day, title, (county, city) in ARTICLES:
        if Article.objects.filter(township=township, title=title).exists():
            continue
        publications = []
        if county:
            publications.append(PublicationEntry("county_site", "", county))
        if city:
            publications.append(PublicationEntry("city_site", "", city))
        article_create(
            township=township,
            title=title,
            submitted_on=day,
            author=ARTICLE_AUTHOR,
            submitted_to=ARTICLE_SUBMITTED_TO,
            publications=publications,
        )


def seed(found: dict) -> None:
    _plans(found)
    _elections(found)
    _articles(found)
