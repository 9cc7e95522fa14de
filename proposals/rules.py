"""Legal and local rules of proposal handling, named so that a province's practice is one change."""

# 代表法（2025年修正）第五十一条：有关机关和组织应当自交办之日起三个月内答复
# （涉及面广、处理难度大的，六个月内答复）。
ANSWER_DEADLINE_MONTHS = 3

# Local practice: the handling unit and staff are reminded this many days before the deadline.
REMIND_DAYS_BEFORE_DEADLINE = 7
