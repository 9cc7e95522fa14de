"""The 2024 police-station evaluation (公安派出所工作评议, 20 August): the deputies present
rate the station, the presidium concludes, and the station responds in September.

Runs once the actions are seeded (found["actions"]["police_evaluation"]); before that, and
when the evaluation is already there, it does nothing."""

import datetime

from deputies.models import Attendance
from oversight.services.evaluations import (
    evaluation_ratings_set,
    evaluation_respond,
    evaluation_start,
)

CONCLUSION = (
    "镇公安派出所坚持服务群众，接处警及时，辖区治安总体平稳，代表测评满意度较高。"
    "希望进一步加强夜间巡逻和农村道路交通安全管理，做好矛盾纠纷排查化解。"
)
RESPONSE = (
    "感谢各位代表的监督和建议。所里专题研究了评议意见，逐条明确整改责任人和时限，"
    "对测评中反映的问题已落实整改。"
)
IMPROVEMENTS = (
    "一、增设集镇和溪头片区夜间巡逻点2个，巡逻频次由每周3次增至每周5次；"
    "二、联合交警中队在主要村道开展交通安全劝导，增设警示标志12处；"
    "三、每月与各村调委会开展一次矛盾纠纷联合排查。"
)
RESPONDED_ON = datetime.date(2024, 9, 24)
# Verdicts in the order of the deputies present (by name); the rest are 满意.
VERDICTS = ["fairly", "satisfied", "satisfied", "fairly", "satisfied", "dissatisfied"]
OPINIONS = {
    0: "夜间巡逻还要加强",
    3: "农村道路交通安全宣传可以再多一些",
    5: "个别纠纷调处不够及时，群众有意见",
    1: "出警快，服务态度好",
    4: "集镇治安明显好转",
}


def seed(found: dict) -> None:
    action = found.get("actions", {}).get("police_evaluation")
    if action is None or hasattr(action, "evaluation"):
        return
    staff = found["staff"]
    evaluation = evaluation_start(
        action=action, by=staff, unit=found["units"]["镇公安派出所"], conclusion=CONCLUSION
    )
    present = (
        Attendance.objects.filter(activity=action.activity, status=Attendance.Status.PRESENT)
        .select_related("deputy")
        .order_by("deputy__name", "deputy_id")
    )
    ratings = {
        attendance.deputy_id: (
            VERDICTS[n] if n < len(VERDICTS) else "satisfied",
            OPINIONS.get(n, ""),
        )
        for n, attendance in enumerate(present)
    }
    if ratings:
        evaluation_ratings_set(evaluation=evaluation, by=staff, ratings=ratings)
    evaluation_respond(
        evaluation=evaluation,
        by=staff,
        response=RESPONSE,
        improvements=IMPROVEMENTS,
        responded_on=RESPONDED_ON,
    )
